import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTopCandidates, matchCategory } from '../../../../src/domain/listing/category-matcher.ts';
import { CLOTHING_CATEGORIES, findClothingCategory } from '../../../../src/domain/listing/clothing-category-catalog.ts';
import { departmentFromCategoryPath } from '../../../../src/domain/listing/department.ts';
import { hasSharedData, sharedPath } from '../../../support/shared-data.ts';

describe('matchCategory', () => {
  it.each([
    { itemType: 'Hoodie', department: 'Men', id: '155183', name: 'Hoodies & Sweatshirts' },
    { itemType: 'Pullover Hoodie', department: "MEN'S", id: '155183', name: 'Hoodies & Sweatshirts' },
    { itemType: 'Hoodie', department: 'Women', id: '155226', name: 'Hoodies & Sweatshirts' },
    { itemType: 'Jeans', department: 'Women', id: '11554', name: 'Jeans' },
    { itemType: 'Jeans', department: 'Men', id: '11483', name: 'Jeans' },
    { itemType: 'Jeans', department: 'Girls', id: '77411', name: 'Jeans' },
    { itemType: 'T-Shirt', department: 'Men', id: '15687', name: 'T-Shirts' },
    { itemType: 'tee', department: 'mens', id: '15687', name: 'T-Shirts' },
    { itemType: 'T Shirt', department: 'Women', id: '53159', name: 'Tops' },
    { itemType: 'Blouse', department: 'Ladies', id: '53159', name: 'Tops' },
    { itemType: 'Button Down Shirt', department: 'Men', id: '57990', name: 'Casual Button-Down Shirts' },
    { itemType: 'Dress Shirt', department: 'Men', id: '57991', name: 'Dress Shirts' },
    { itemType: 'Polo Shirt', department: 'Men', id: '185101', name: 'Polos' },
    { itemType: 'Dress', department: 'Women', id: '63861', name: 'Dresses' },
    { itemType: 'Cardigan', department: 'Women', id: '63866', name: 'Sweaters' },
    { itemType: 'Puffer Jacket', department: 'Men', id: '57988', name: 'Coats, Jackets & Vests' },
    { itemType: 'Jacket', department: 'Boys', id: '51933', name: 'Outerwear' },
    { itemType: 'Blazer', department: 'Men', id: '3001', name: 'Suits & Suit Separates' },
    { itemType: 'Joggers', department: 'Men', id: '260956', name: 'Activewear Pants' },
    { itemType: 'Sneakers', department: 'Men', id: '15709', name: 'Athletic Shoes' },
    { itemType: 'Running Shoes', department: 'Women', id: '95672', name: 'Athletic Shoes' },
    { itemType: 'Shoes', department: 'Men', id: '24087', name: 'Casual Shoes' },
    { itemType: 'Boat Shoes', department: 'Men', id: '24087', name: 'Casual Shoes' },
    { itemType: 'Oxfords', department: 'Men', id: '53120', name: 'Dress Shoes' },
    { itemType: 'Loafers', department: 'Women', id: '45333', name: 'Flats' },
    { itemType: 'Ankle Boots', department: 'Women', id: '53557', name: 'Boots' },
    { itemType: 'Sweatshirt', department: 'Unisex Kids', id: '155200', name: 'Sweatshirts & Hoodies' },
    { itemType: 'Pants', department: 'Baby Girls', id: '260020', name: 'Bottoms' },
  ])('puts "$itemType" for $department in $name ($id)', ({ itemType, department, id, name }) => {
    const match = matchCategory({ itemType, department });
    expect(match).toMatchObject({ categoryId: id, categoryName: name });
    expect(match.score).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    { itemType: 'Dress', id: '63861' },
    { itemType: 'Leggings', id: '169001' },
    { itemType: 'Skirt', id: '63864' },
    { itemType: 'Jeans', id: '11483' },
    { itemType: 'Hoodie', id: '155183' },
  ])('without a department still finds "$itemType" ($id), with a score that asks for review', ({ itemType, id }) => {
    const match = matchCategory({ itemType });
    expect(match.categoryId).toBe(id);
    expect(match.score).toBeLessThan(0.7);
    expect(match.score).toBeLessThan(matchCategory({ itemType, department: match.department }).score);
  });

  it('defaults to Men when no department is known, since eBay US has no adult unisex clothing', () => {
    expect(CLOTHING_CATEGORIES.leaves.some((leaf) => leaf.path.includes(' > Unisex Adult'))).toBe(false);
    expect(matchCategory({ itemType: 'Jeans' }).path).toContain(' > Men > ');
  });

  it.each([
    { department: 'Men', id: '15687' },
    { department: 'Women', id: '53159' },
    { department: 'Girls', id: '260965' },
    { department: 'Baby', id: '260031' },
    { department: undefined, id: '15687' },
  ])('sends an unrecognised item for $department to its default leaf $id with a low score', ({ department, id }) => {
    const match = matchCategory({ itemType: 'Flux capacitor', department });
    expect(match.categoryId).toBe(id);
    expect(match.score).toBeLessThanOrEqual(0.1);
  });

  it('gives an unknown department a lower score than a known one for the same leaf', () => {
    expect(matchCategory({}).score).toBeLessThan(matchCategory({ department: 'Women' }).score);
  });

  it('reads the department from the title words when no department claim exists', () => {
    expect(matchCategory({ itemType: 'Jeans', keywords: ["Women's", 'High Rise'] }).categoryId).toBe('11554');
  });

  it('does not read a department from a word that only mentions one in passing', () => {
    expect(matchCategory({ itemType: 'Top', keywords: ['Baby Doll'] }).department).not.toBe('Baby');
  });

  it('uses title words alone when the item type is missing', () => {
    const match = matchCategory({ department: 'Men', keywords: ['Pullover', 'Hoodie', 'Black'] });
    expect(match.categoryId).toBe('155183');
    expect(match.score).toBeLessThan(matchCategory({ itemType: 'Hoodie', department: 'Men' }).score);
  });

  it('keeps specialty leaves (vintage, costumes) for items whose words point there', () => {
    expect(matchCategory({ itemType: 'Jeans', department: 'Men' }).path).not.toContain('Specialty');
    expect(matchCategory({ itemType: 'Jeans', department: 'Men', keywords: ['Vintage'] }).categoryId).toBe('175773');
  });

  it('returns the same answer every time', () => {
    const input = { itemType: 'Shoes', department: 'Women' };
    expect(matchCategory(input)).toEqual(matchCategory(input));
  });
});

describe('listTopCandidates', () => {
  it('ranks distinct leaves best first, the first being the match', () => {
    const input = { itemType: 'Hoodie', department: 'Men' };
    const candidates = listTopCandidates(input, 5);
    expect(candidates).toHaveLength(5);
    expect(candidates[0]).toEqual(matchCategory(input));
    expect(new Set(candidates.map((c) => c.categoryId)).size).toBe(5);
    const scores = candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('offers the other departments of the same kind of item', () => {
    const names = listTopCandidates({ itemType: 'Hoodie', department: 'Men' }, 5).map((c) => c.path);
    expect(names.some((path) => path.includes("Women's Clothing"))).toBe(true);
  });

  it('offers only the default leaf when nothing recognisable describes the item', () => {
    expect(listTopCandidates({ itemType: 'qwxz' }, 5)).toEqual([matchCategory({ itemType: 'qwxz' })]);
  });
});

describe('bundled clothing categories', () => {
  it('name their source and eBay category tree version', () => {
    expect(CLOTHING_CATEGORIES).toMatchObject({
      marketplaceId: 'EBAY_US',
      categoryTreeId: '0',
      categoryTreeVersion: '134',
      rootCategoryId: '11450',
    });
    expect(CLOTHING_CATEGORIES.source).toMatch(/getCategoryTree/);
    expect(CLOTHING_CATEGORIES.leaves).toHaveLength(CLOTHING_CATEGORIES.leafCount);
  });

  it.each([
    { id: '15687', department: 'Men' },
    { id: '155202', department: 'Kids' },
    { id: '57916', department: 'Boys' },
    { id: '175799', department: 'Women' },
    { id: '15720', department: 'Women' },
    { id: '175774', department: 'Men' },
    { id: '182041', department: 'Kids' },
  ])('derive the department of $id from its path', ({ id, department }) => {
    const leaf = findClothingCategory(id);
    expect(leaf?.department).toBe(department);
    expect(departmentFromCategoryPath(leaf?.path ?? '')).toBe(department);
  });

  it('hold leaves only: a branch id such as 260012 (Men) is not listable', () => {
    expect(findClothingCategory('260012')).toBeUndefined();
    expect(findClothingCategory('11450')).toBeUndefined();
  });

  describe.skipIf(!hasSharedData())('against the shared eBay category CSV', () => {
    it('hold every leaf of the CSV with the same id, name and path', () => {
      const csv = readFileSync(
        sharedPath('ebay-categories', 'clothing_shoes_accessories_11450_leaves_tree134.csv'),
        'utf8',
      );
      const ids = csv
        .split(/\r?\n/)
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.slice(0, line.indexOf(',')));
      expect(new Set(CLOTHING_CATEGORIES.leaves.map((leaf) => leaf.id))).toEqual(new Set(ids));
      for (const leaf of CLOTHING_CATEGORIES.leaves) {
        expect(csv).toContain(`"${leaf.path}"`);
      }
    });
  });
});
