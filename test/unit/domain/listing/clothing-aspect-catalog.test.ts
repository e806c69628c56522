import { describe, expect, it } from 'vitest';
import bundled from '../../../../src/domain/listing/data/clothing-aspects.json' with { type: 'json' };
import { findBundledAspectSet, listBundledAspectCategoryIds } from '../../../../src/domain/listing/clothing-aspect-catalog.ts';
import { findClothingCategory } from '../../../../src/domain/listing/clothing-category-catalog.ts';
import { findShapeProblems, loadOpenApi } from '../../../fakes/ebay/openapi-shape.ts';
import { hasSharedData, sharedPath } from '../../../support/shared-data.ts';

describe('the bundled item specifics', () => {
  const ids = listBundledAspectCategoryIds();

  it('cover the common clothing and shoe categories', () => {
    expect(ids.length).toBeGreaterThanOrEqual(50);
    for (const common of ['15687', '57990', '11483', '57989', '11484', '155183', '53159', '63861', '11554', '63862', '15709', '95672']) {
      expect(ids).toContain(common);
    }
  });

  it('name where they come from, and that they are curated rather than captured', () => {
    expect(bundled.source).toMatch(/Curated/);
    expect(bundled.source).toMatch(/Not a capture/);
  });

  it.each(ids)('category %s is a bundled leaf with Brand, Department, Type and a size required', (id) => {
    expect(findClothingCategory(id)).toBeDefined();
    const set = findBundledAspectSet(id)!;
    const required = set.aspects.filter((aspect) => aspect.required).map((aspect) => aspect.name);
    expect(required).toEqual(expect.arrayContaining(['Brand', 'Department', 'Type']));
    expect(required.some((name) => name === 'Size' || name === 'US Shoe Size')).toBe(true);
    for (const aspect of set.aspects) {
      if (aspect.mode === 'SELECTION_ONLY') expect(aspect.options.length).toBeGreaterThan(0);
      expect(aspect.name.length).toBeLessThanOrEqual(40);
    }
    expect(set.allowedConditionIds?.length).toBeGreaterThan(0);
  });

  it('give every size with size types the size types the category has', () => {
    for (const id of ids) {
      const set = findBundledAspectSet(id)!;
      const sizeTypes = set.aspects.find((aspect) => aspect.name === 'Size Type')?.options.map((option) => option.value) ?? [];
      for (const option of set.aspects.find((aspect) => aspect.name === 'Size')?.options ?? []) {
        for (const sizeType of option.requires['Size Type'] ?? []) expect(sizeTypes).toContain(sizeType);
      }
    }
  });

  it('list shoe conditions the shoe way', () => {
    expect(findBundledAspectSet('15709')?.conditionLabels[1000]).toBe('New with box');
    expect(findBundledAspectSet('15687')?.conditionLabels[1000]).toBeUndefined();
  });

  it('know nothing of a category they do not cover', () => {
    expect(findBundledAspectSet('1')).toBeNull();
  });
});

describe.skipIf(!hasSharedData())('the bundled item specifics against eBay’s Taxonomy contract', () => {
  it('are written in the AspectMetadata shape of getItemAspectsForCategory', () => {
    const spec = loadOpenApi(sharedPath('ebay-openapi', 'commerce_taxonomy_v1_oas3.json'));
    const problems = findShapeProblems(spec, 'AspectMetadata', { aspects: Object.values(bundled.aspects) });
    expect(problems).toEqual([]);
  });
});
