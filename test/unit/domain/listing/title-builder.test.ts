import { describe, expect, it } from 'vitest';
import type { Department } from '../../../../src/domain/listing/department.ts';
import { buildTitle, summariseMaterial, type TitleFacts } from '../../../../src/domain/listing/title-builder.ts';

const BANNED = /\b(l@@k|lqqk|wow+|rare|beautiful|cute|must see|free shipping)\b|@/i;

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}%&'.-]/gu, ''))
    .filter((word) => word !== '');
}

/** Every word a title may use: the facts' own words plus the few the builder adds. */
function allowedWords(facts: TitleFacts): Set<string> {
  const values = Object.values(facts).filter((value): value is string => typeof value === 'string');
  return new Set([...values.flatMap(wordsOf), 'nwt', 'size', "men's", "women's", "boys'", "girls'", "kids'", 'baby', 'unisex']);
}

function expectWellFormed(title: string, facts: TitleFacts): void {
  expect(title.length).toBeLessThanOrEqual(80);
  expect(title).toBe(title.trim());
  expect(title).not.toMatch(/\s{2}/);
  expect(title).not.toMatch(BANNED);
  const words = wordsOf(title);
  expect(new Set(words).size).toBe(words.length);
  const allowed = allowedWords(facts);
  for (const word of words) expect(allowed, `"${word}" is not a whole word of the facts`).toContain(word);
}

const titleCases: Array<{ facts: TitleFacts; title: string }> = [
  {
    facts: { brand: "LEVI'S", department: 'Men', itemType: 'JEANS', style: '501 Original Fit', size: '32X30', color: 'BLUE' },
    title: "Levi's Men's Jeans 501 Original Fit Size 32x30 Blue",
  },
  {
    facts: { brand: 'nike', department: 'Women', itemType: 'hoodie', size: 'm', color: 'black' },
    title: "Nike Women's Hoodie Size M Black",
  },
  {
    facts: { brand: 'Talbots', department: 'Women', itemType: 'Blazer', size: '8', sizeType: 'Petite', color: 'Navy' },
    title: "Talbots Women's Blazer Size 8 Petite Navy",
  },
  {
    facts: { brand: 'Ralph Lauren', department: 'Men', itemType: 'Oxford Shirt', size: 'XL', sizeType: 'Big & Tall' },
    title: "Ralph Lauren Men's Oxford Shirt Size XL Big & Tall",
  },
  {
    facts: { brand: 'Gap', department: 'Women', itemType: 'Jeans', size: '6', sizeType: 'Regular', color: 'Blue' },
    title: "Gap Women's Jeans Size 6 Blue",
  },
  {
    facts: { brand: 'Carhartt', itemType: 'Jacket', style: 'Detroit Jacket', material: '100% COTTON', color: 'Brown' },
    title: 'Carhartt Jacket Detroit 100% Cotton Brown',
  },
  {
    facts: { brand: 'J.Crew', department: 'Women', itemType: 'Sweater', material: '70% Wool 30% Nylon', pattern: 'Cable Knit' },
    title: "J.Crew Women's Sweater Cable Knit Wool",
  },
  {
    facts: { brand: 'Nike', itemType: 'T-Shirt L@@K WOW!!! Rare', color: 'White' },
    title: 'Nike T-Shirt White',
  },
  {
    facts: { brand: 'Nike', itemType: 'New Hoodie', newWithTags: false, isNew: false },
    title: 'Nike Hoodie',
  },
  {
    facts: { brand: 'Nike', department: 'Men', itemType: 'Hoodie', size: 'L', newWithTags: true, isNew: true },
    title: "NWT Nike Men's Hoodie Size L",
  },
  {
    facts: { brand: 'Nike', itemType: 'NWT Hoodie', newWithTags: false },
    title: 'Nike Hoodie',
  },
  {
    facts: { brand: 'Old Navy', department: 'Girls', itemType: "Girls' Dress", size: '10', color: 'Pink Floral' },
    title: "Old Navy Girls' Dress Size 10 Pink Floral",
  },
  {
    facts: { brand: 'Columbia', department: 'Men', itemType: 'Fleece Jacket', material: 'Fleece', color: 'Gray' },
    title: "Columbia Men's Fleece Jacket Gray",
  },
  {
    facts: { brand: 'Under Armour', itemType: 'Long Sleeve Shirt', sleeveLength: 'Long Sleeve', size: 'One Size' },
    title: 'Under Armour Long Sleeve Shirt One Size',
  },
  {
    facts: { department: 'Women', itemType: 'Dress', neckline: 'V-NECK', color: 'Red' },
    title: "Women's Dress V-Neck Red",
  },
  {
    facts: { brand: 'DKNY', department: 'Women', itemType: 'Top' },
    title: "DKNY Women's Top",
  },
  {
    facts: { brand: "O'NEILL", department: 'Men', itemType: 'Board Shorts' },
    title: "O'Neill Men's Board Shorts",
  },
];

describe('buildTitle', () => {
  it.each(titleCases)('writes "$title"', ({ facts, title }) => {
    expect(buildTitle(facts)).toBe(title);
    expectWellFormed(buildTitle(facts), facts);
  });

  it('orders brand, department, type, attributes, size, colour', () => {
    const title = buildTitle({
      brand: 'Patagonia',
      department: 'Women',
      itemType: 'Jacket',
      style: 'Full Zip',
      pattern: 'Solid',
      material: 'Nylon',
      sleeveLength: 'Long Sleeve',
      size: 'S',
      color: 'Teal',
    });
    const order = ['Patagonia', "Women's", 'Jacket', 'Full Zip', 'Solid', 'Nylon', 'Long Sleeve', 'Size S', 'Teal'];
    const positions = order.map((part) => title.indexOf(part));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('drops the least important parts first when over 80 characters', () => {
    const facts: TitleFacts = {
      brand: 'The North Face',
      department: 'Men',
      itemType: 'Puffer Jacket',
      style: 'Nuptse 700 Fill Down Hooded Water Resistant Winter Expedition',
      pattern: 'Colorblock',
      material: 'Nylon',
      sleeveLength: 'Long Sleeve',
      neckline: 'Hooded Collar',
      size: 'XXL',
      sizeType: 'Tall',
      color: 'Black Yellow',
    };
    const title = buildTitle(facts);
    expectWellFormed(title, facts);
    expect(title).toMatch(/^The North Face Men's Puffer Jacket /);
    expect(title).toContain('Size XXL Tall');
    expect(title).toContain('Black Yellow');
    expect(title).not.toContain('Nuptse');
  });

  it('keeps the item type and cuts no word when even the essentials are long', () => {
    const facts: TitleFacts = {
      brand: 'Extraordinarily Long Designer Label Name From Somewhere',
      department: 'Women',
      itemType: 'Asymmetrical Hand Embroidered Silk Chiffon Evening Gown With Beaded Bodice',
      size: '12',
      color: 'Champagne',
    };
    const title = buildTitle(facts);
    expectWellFormed(title, facts);
    expect(title).toContain('Asymmetrical Hand Embroidered Silk Chiffon Evening Gown');
  });

  it('is deterministic', () => {
    const facts = titleCases[1]?.facts ?? {};
    expect(buildTitle(facts)).toBe(buildTitle({ ...facts }));
  });

  describe('over many generated attribute sets', () => {
    const brands = ["LEVI'S", 'Polo Ralph Lauren', 'lululemon', 'H&M', 'Banana Republic Factory Store Outlet Collection', null];
    const departments: Array<Department | null> = ['Men', 'Women', 'Girls', 'Unisex', null];
    const types = ['Hoodie', 'Jeans', 'Long Sleeve Button Down Shirt', 'Dress L@@K', 'Sneakers', 'hoodie sweatshirt'];
    const styles = ['Slim Fit Stretch', 'Vintage Wash Distressed Relaxed Straight Leg', null];
    const patterns = ['Striped', 'Plaid WOW', null];
    const materials = ['100% Cotton', '55% Linen 45% Cotton', 'Merino Wool Cashmere Blend', null];
    const sizes = ['M', '32x30', '10.5', 'XXL', null];
    const colors = ['Heather Gray', 'BLUE', 'Black/White', null];

    const sets: TitleFacts[] = [];
    let seed = 7;
    const pick = <T,>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return list[seed % list.length] as T;
    };
    for (let i = 0; i < 200; i += 1) {
      sets.push({
        brand: pick(brands),
        department: pick(departments),
        itemType: pick(types),
        style: pick(styles),
        pattern: pick(patterns),
        material: pick(materials),
        sleeveLength: pick(['Long Sleeve', 'Short Sleeve', null]),
        size: pick(sizes),
        sizeType: pick(['Petite', 'Regular', 'Tall', null]),
        color: pick(colors),
        newWithTags: pick([true, false, false]),
      });
    }

    it('always fits 80 characters, repeats no word and adds no filler', () => {
      for (const facts of sets) expectWellFormed(buildTitle(facts), facts);
    });

    it('always keeps the item type words and the brand when they fit', () => {
      for (const facts of sets) {
        const title = buildTitle(facts);
        expect(title).toMatch(/Hoodie|Jeans|Shirt|Dress|Sneakers/);
        if (facts.brand && facts.brand.length < 30) expect(title.toLowerCase()).toContain(facts.brand.toLowerCase());
      }
    });

    it('writes NWT only for items new with tags, and for them whenever brand and type leave room', () => {
      for (const facts of sets) {
        const title = buildTitle(facts);
        const essentials = `NWT ${facts.brand ?? ''} ${facts.itemType ?? ''}`;
        if (!facts.newWithTags) expect(title).not.toMatch(/\bNWT\b/);
        else if (essentials.length <= 70) expect(title.startsWith('NWT ')).toBe(true);
      }
    });
  });
});

describe('summariseMaterial', () => {
  it.each([
    { material: '60% Cotton 40% Polyester', summary: 'Cotton' },
    { material: '100% Cashmere', summary: '100% Cashmere' },
    { material: '20% Nylon, 80% Wool', summary: 'Wool' },
    { material: 'Cotton Blend', summary: 'Cotton Blend' },
  ])('keeps the dominant fibre of "$material"', ({ material, summary }) => {
    expect(summariseMaterial(material)).toBe(summary);
  });
});
