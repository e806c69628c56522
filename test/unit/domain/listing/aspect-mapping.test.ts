import { describe, expect, it } from 'vitest';
import { mapItemAspects, readShoeSize, splitMaterials, splitSize } from '../../../../src/domain/listing/aspect-mapping.ts';
import { findBundledAspectSet } from '../../../../src/domain/listing/clothing-aspect-catalog.ts';
import { deriveListingFacts, type ListingFacts } from '../../../../src/domain/listing/listing-facts.ts';
import { buildAttributes } from './item-attributes.fixture.ts';

const MENS_JEANS = '11483';
const MENS_TSHIRTS = '15687';
const WOMENS_TOPS = '53159';
const MENS_ATHLETIC_SHOES = '15709';

function aspectSet(categoryId: string) {
  const set = findBundledAspectSet(categoryId);
  if (!set) throw new Error(`no bundled aspects for ${categoryId}`);
  return set;
}

function facts(spec: Parameters<typeof buildAttributes>[0]): ListingFacts {
  return deriveListingFacts(buildAttributes(spec));
}

describe('mapItemAspects', () => {
  it.each([
    {
      what: "men's jeans 32x30: waist as Size, the inseam apart, Size Type from the size",
      category: MENS_JEANS,
      spec: { brand: "LEVI'S", itemType: 'Jeans', department: 'Mens', size: '32x30', color: 'Blue' },
      expected: { Brand: ["Levi's"], Department: ['Men'], Type: ['Jeans'], Size: ['32'], Inseam: ['30 in'], 'Size Type': ['Regular'], Color: ['Blue'] },
    },
    {
      what: "men's jeans waist 46: Big & Tall, the only size type eBay lists it under",
      category: MENS_JEANS,
      spec: { itemType: 'Jeans', department: 'Men', size: 'W46 L30' },
      expected: { Size: ['46'], 'Size Type': ['Big & Tall'], Inseam: ['30 in'] },
    },
    {
      what: "an assumed Regular gives way to the waist 48 on the tag",
      category: MENS_JEANS,
      spec: { itemType: 'Jeans', department: 'Men', size: '48x32', sizeType: { value: 'Regular', confidence: 0.5 } },
      expected: { Size: ['48'], 'Size Type': ['Big & Tall'] },
    },
    {
      what: 'a letter size spelt another way matches eBay’s value',
      category: MENS_TSHIRTS,
      spec: { itemType: 'T-Shirt', department: 'Men', size: '2XL' },
      expected: { Size: ['XXL'], 'Size Type': ['Regular'] },
    },
    {
      what: "women's 1X is a Plus size",
      category: WOMENS_TOPS,
      spec: { itemType: 'Blouse', department: 'Women', size: '1X' },
      expected: { Size: ['1X'], 'Size Type': ['Plus'], Department: ['Women'] },
    },
    {
      what: "a petite 8 on the tag is size 8, Size Type Petite",
      category: WOMENS_TOPS,
      spec: { itemType: 'Blouse', department: 'Women', size: '8P' },
      expected: { Size: ['8'], 'Size Type': ['Petite'] },
    },
    {
      what: 'a half shoe size written with a fraction',
      category: MENS_ATHLETIC_SHOES,
      spec: { brand: 'Nike', itemType: 'Sneakers', department: 'Men', size: 'US 10 1/2' },
      expected: { 'US Shoe Size': ['10.5'], Brand: ['Nike'] },
    },
    {
      what: 'the country of origin in eBay’s list',
      category: MENS_TSHIRTS,
      spec: { itemType: 'T-Shirt', countryOfOrigin: 'Made in U.S.A.' },
      expected: { 'Country/Region of Manufacture': ['United States'] },
    },
    {
      what: 'a sleeve length spelt differently',
      category: WOMENS_TOPS,
      spec: { itemType: 'Blouse', sleeveLength: 'short sleeved' },
      expected: { 'Sleeve Length': ['Short Sleeve'] },
    },
    {
      what: 'a blend as several materials, largest share first',
      category: MENS_TSHIRTS,
      spec: { itemType: 'T-Shirt', material: '60% Polyester 40% Cotton' },
      expected: { Material: ['Polyester', 'Cotton'] },
    },
    {
      what: 'a free-text colour as read, in eBay’s spelling when it has one',
      category: MENS_TSHIRTS,
      spec: { itemType: 'T-Shirt', color: 'grey' },
      expected: { Color: ['Gray'] },
    },
  ])('$what', ({ category, spec, expected }) => {
    const { aspects } = mapItemAspects(facts(spec), aspectSet(category), { hasBrandClaim: 'brand' in spec });
    expect(aspects).toMatchObject(expected);
  });

  it('never puts a value outside eBay’s list into a SELECTION_ONLY aspect, and says why', () => {
    const set = aspectSet(MENS_TSHIRTS);
    const { aspects, notes } = mapItemAspects(facts({ itemType: 'T-Shirt', size: 'Youth L', department: 'Men', countryOfOrigin: 'Atlantis' }), set, { hasBrandClaim: false });
    expect(aspects.Size).toBeUndefined();
    expect(aspects['Country/Region of Manufacture']).toBeUndefined();
    expect(notes.map((note) => note.aspect)).toEqual(expect.arrayContaining(['Size', 'Country/Region of Manufacture']));
    for (const aspect of set.aspects.filter((candidate) => candidate.mode === 'SELECTION_ONLY')) {
      for (const value of aspects[aspect.name] ?? []) expect(aspect.options.map((option) => option.value)).toContain(value);
    }
  });

  it('keeps a size type printed on the tag and reports that it disagrees with the size', () => {
    const { aspects, notes } = mapItemAspects(
      facts({ itemType: 'Jeans', department: 'Men', size: '33x32', sizeType: { value: 'Big & Tall', confidence: 0.9 } }),
      aspectSet(MENS_JEANS),
      { hasBrandClaim: false, sizeTypeConfidence: 0.9 },
    );
    expect(aspects).toMatchObject({ Size: ['33'], 'Size Type': ['Big & Tall'] });
    expect(notes).toContainEqual({ aspect: 'Size Type', message: expect.stringMatching(/Size 33 is listed under Regular/) });
  });

  it('leaves placeholders out: "See photos" is not a colour', () => {
    const set = aspectSet(MENS_TSHIRTS);
    const withPlaceholder: ListingFacts = { ...facts({ itemType: 'T-Shirt' }), color: 'See photos', material: 'N/A' };
    const { aspects } = mapItemAspects(withPlaceholder, set, { hasBrandClaim: false });
    expect(aspects.Color).toBeUndefined();
    expect(aspects.Material).toBeUndefined();
  });

  it('keeps one value in a single-value aspect and all in a multi-value one', () => {
    const set = aspectSet(MENS_TSHIRTS);
    const { aspects } = mapItemAspects({ ...facts({ itemType: 'T-Shirt' }), material: 'Cotton/Linen/Silk' }, set, { hasBrandClaim: false });
    expect(aspects.Material).toEqual(['Cotton', 'Linen', 'Silk']);
  });

  it('keeps names within 40 characters and values within 50 however long the facts are', () => {
    const { aspects } = mapItemAspects(
      facts({ brand: 'A Very Long Brand Name Of A Small Independent Clothing Workshop', itemType: 'Oversized Relaxed Drop Shoulder Heavyweight Fleece Pullover Tee' }),
      aspectSet(MENS_TSHIRTS),
      { hasBrandClaim: true },
    );
    for (const [name, values] of Object.entries(aspects)) {
      expect(name.length).toBeLessThanOrEqual(40);
      for (const value of values) expect(value.length).toBeLessThanOrEqual(50);
    }
  });

  it('calls a brandless item "Unbranded" only when no photo gave a brand', () => {
    const set = aspectSet(MENS_TSHIRTS);
    expect(mapItemAspects(facts({ itemType: 'T-Shirt' }), set, { hasBrandClaim: false }).aspects.Brand).toEqual(['Unbranded']);
    expect(mapItemAspects(facts({ itemType: 'T-Shirt' }), set, { hasBrandClaim: true }).aspects.Brand).toBeUndefined();
  });

  it('falls back to eBay’s usual clothing names when the category’s aspects are unknown', () => {
    const { aspects, notes } = mapItemAspects(facts({ brand: 'Gap', itemType: 'Scarf', color: 'Red' }), null, { hasBrandClaim: true });
    expect(aspects).toEqual({ Brand: ['Gap'], Type: ['Scarf'], Color: ['Red'] });
    expect(notes).toEqual([]);
  });
});

describe('splitSize', () => {
  it.each([
    { size: '32x30', parts: { size: '32', inseam: '30 in', impliedSizeType: null } },
    { size: 'W34 L32', parts: { size: '34', inseam: '32 in', impliedSizeType: null } },
    { size: '8P', parts: { size: '8', inseam: null, impliedSizeType: 'Petite' } },
    { size: 'XL', parts: { size: 'XL', inseam: null, impliedSizeType: null } },
    { size: '10/12', parts: { size: '10/12', inseam: null, impliedSizeType: null } },
  ])('reads $size', ({ size, parts }) => {
    expect(splitSize(size)).toEqual(parts);
  });
});

describe('readShoeSize', () => {
  it.each([
    ['10', '10'],
    ['US 10.5', '10.5'],
    ['10 1/2', '10.5'],
    ['Size 9 M', '9'],
    ['7½', '7.5'],
    ['XL', null],
  ])('reads "%s" as %s', (text, expected) => {
    expect(readShoeSize(text)).toBe(expected);
  });
});

describe('splitMaterials', () => {
  it.each([
    ['100% Cotton', ['Cotton']],
    ['60% Cotton 40% Polyester', ['Cotton', 'Polyester']],
    ['5% Spandex, 95% Rayon', ['Rayon', 'Spandex']],
    ['Cotton/Linen', ['Cotton', 'Linen']],
    ['Wool and Cashmere', ['Wool', 'Cashmere']],
  ])('reads "%s"', (text, expected) => {
    expect(splitMaterials(text)).toEqual(expected);
  });
});
