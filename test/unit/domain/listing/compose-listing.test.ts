import { describe, expect, it } from 'vitest';
import { ListingDraft } from '../../../../src/contracts/item.ts';
import { composeListing, composeListingDetails } from '../../../../src/domain/listing/compose-listing.ts';
import { buildAttributes } from './item-attributes.fixture.ts';

const levisJeans = buildAttributes({
  brand: ["LEVI'S", { value: 'Levis Strauss', confidence: 0.5 }],
  itemType: 'Jeans',
  department: 'MENS',
  size: '32X30',
  color: 'BLUE',
  material: '100% COTTON',
  style: '501 Original Fit',
  countryOfOrigin: 'MADE IN MEXICO',
  rnNumber: 'RN# 55089',
  careInstructions: 'MACHINE WASH COLD',
});

describe('composeListing', () => {
  it('produces a draft the ListingDraft contract accepts', () => {
    const draft = composeListing({ sku: 'A-1', attributes: levisJeans, weightGrams: 680, productCode: null });
    expect(() => ListingDraft.parse(draft)).not.toThrow();
  });

  it('chooses the category, condition, title and description from the attributes', () => {
    const draft = composeListing({ sku: 'A-1', attributes: levisJeans, weightGrams: 680, productCode: null });
    expect(draft).toMatchObject({ categoryId: '11483', categoryName: 'Jeans', conditionId: 3000, productCode: null });
    expect(draft.title).toBe("Levi's Men's Jeans 501 Original Fit 100% Cotton Size 32x30 Blue");
    expect(draft.descriptionHtml).toContain('1 lb 8 oz (680 g)');
  });

  it.each([
    { name: 'Brand', value: "Levi's" },
    { name: 'Department', value: 'Men' },
    { name: 'Type', value: 'Jeans' },
    { name: 'Style', value: '501 Original Fit' },
    { name: 'Size', value: '32' },
    { name: 'Inseam', value: '30 in' },
    { name: 'Size Type', value: 'Regular' },
    { name: 'Color', value: 'Blue' },
    { name: 'Material', value: 'Cotton' },
    { name: 'Country/Region of Manufacture', value: 'Mexico' },
  ])('sets the item specific "$name" to "$value" the way eBay lists it in the category', ({ name, value }) => {
    const { aspects } = composeListing({ sku: null, attributes: levisJeans, weightGrams: null, productCode: null });
    expect(aspects[name]).toEqual([value]);
  });

  it('invents no item specific that no claim supports: Size Type and Inseam come from the size on the tag', () => {
    const { aspects } = composeListing({ sku: null, attributes: levisJeans, weightGrams: null, productCode: null });
    expect(Object.keys(aspects).sort()).toEqual(
      ['Brand', 'Color', 'Country/Region of Manufacture', 'Department', 'Inseam', 'Material', 'Size', 'Size Type', 'Style', 'Type'].sort(),
    );
  });

  it('uses eBay’s usual clothing names, unchecked, when the category’s item specifics are unknown', () => {
    const { aspects } = composeListing({ sku: null, attributes: levisJeans, weightGrams: null, productCode: null }, { aspectSet: null });
    expect(aspects).toMatchObject({ Size: ['32x30'], Material: ['100% Cotton'] });
    expect(aspects['Size Type']).toBeUndefined();
  });

  it('lists in the category it is given, with that category’s item specifics', () => {
    const details = composeListingDetails(
      { sku: null, attributes: levisJeans, weightGrams: null, productCode: null },
      { category: { categoryId: '57989', categoryName: 'Pants', path: null, score: null, source: 'seller' } },
    );
    expect(details.draft).toMatchObject({ categoryId: '57989', categoryName: 'Pants' });
    expect(details.aspectSet?.categoryId).toBe('57989');
    expect(details.draft.aspects['Fabric Wash']).toBeUndefined();
  });

  it('moves a condition the category does not take down to one it does, named the category’s way', () => {
    const attributes = buildAttributes({ brand: 'Nike', itemType: 'Sneakers', department: 'Men', condition: 'Excellent, like new' });
    const details = composeListingDetails({ sku: null, attributes, weightGrams: null, productCode: null });
    expect(details.draft.categoryId).toBe('15709');
    expect(details.condition).toMatchObject({ conditionId: 3000, label: 'Pre-owned' });
    expect(details.condition.reason).toMatch(/not a condition of this category/);
  });

  it('writes no NWT in the title of new shoes, whose condition is "New with box"', () => {
    const attributes = buildAttributes({ brand: 'Nike', itemType: 'Sneakers', department: 'Men', condition: 'New with tags attached' });
    const draft = composeListing({ sku: null, attributes, weightGrams: null, productCode: null });
    expect(draft.conditionId).toBe(1000);
    expect(draft.title).not.toMatch(/NWT/);
  });

  it('lets the seller’s corrected item specifics lead the title', () => {
    const base = composeListing({ sku: null, attributes: levisJeans, weightGrams: null, productCode: null });
    const edited = { ...base, aspects: { ...base.aspects, Color: ['Black'] } };
    const draft = composeListing(
      { sku: null, attributes: levisJeans, weightGrams: null, productCode: null },
      { edits: { draft: edited, editedFields: ['aspects.Color'] } },
    );
    expect(draft.title).toMatch(/Black$/);
  });

  it('calls the brand "Unbranded" only when no photo gave a brand claim at all', () => {
    const none = composeListing({ sku: null, attributes: buildAttributes({ itemType: 'Hoodie' }), weightGrams: null, productCode: null });
    expect(none.aspects.Brand).toEqual(['Unbranded']);
    const unsure = composeListing({
      sku: null,
      attributes: buildAttributes({ itemType: 'Hoodie', brand: { value: 'Nlke', confidence: 0.1 } }),
      weightGrams: null,
      productCode: null,
    });
    expect(unsure.aspects.Brand).toBeUndefined();
    expect(unsure.title).not.toContain('Nlke');
  });

  it('keeps item specific names within 40 characters and values within 50', () => {
    const attributes = buildAttributes({
      brand: 'A Very Long Brand Name Of A Small Independent Clothing Workshop',
      itemType: 'Hoodie',
      style: 'Oversized Relaxed Drop Shoulder Heavyweight Fleece Pullover',
    });
    const { aspects } = composeListing({ sku: null, attributes, weightGrams: null, productCode: null });
    for (const [name, values] of Object.entries(aspects)) {
      expect(name.length).toBeLessThanOrEqual(40);
      for (const value of values) expect(value.length).toBeLessThanOrEqual(50);
    }
    expect(aspects.Brand).toEqual(['A Very Long Brand Name Of A Small Independent']);
  });

  it('takes the most confident claim when claims disagree', () => {
    const attributes = buildAttributes({
      itemType: 'Hoodie',
      color: [
        { value: 'Black', confidence: 0.6 },
        { value: 'Navy', confidence: 0.8 },
      ],
    });
    expect(composeListing({ sku: null, attributes, weightGrams: null, productCode: null }).aspects.Color).toEqual(['Navy']);
  });

  it('lists an item with its tags attached as new with tags, with NWT in the title and the product code kept', () => {
    const attributes = buildAttributes({ brand: 'Nike', itemType: 'Hoodie', department: 'Men', condition: 'New with tags attached' });
    const draft = composeListing({ sku: null, attributes, weightGrams: null, productCode: '012345678905' });
    expect(draft.conditionId).toBe(1000);
    expect(draft.title.startsWith('NWT ')).toBe(true);
    expect(draft.productCode).toBe('012345678905');
  });

  it('lists an item with only a product code as pre-owned, and says why', () => {
    const attributes = buildAttributes({ brand: 'Nike', itemType: 'Hoodie' });
    const details = composeListingDetails({ sku: null, attributes, weightGrams: null, productCode: '012345678905' });
    expect(details.draft.conditionId).toBe(3000);
    expect(details.draft.title).not.toContain('NWT');
    expect(details.condition.reason).toMatch(/product code/);
  });

  it('passes flaws to eBay as the condition description', () => {
    const attributes = buildAttributes({ itemType: 'Sweater', condition: 'small hole on left sleeve' });
    const draft = composeListing({ sku: null, attributes, weightGrams: null, productCode: null });
    expect(draft.conditionId).toBe(3010);
    expect(draft.conditionDescription).toBe('Flaws: small hole on left sleeve.');
    expect(draft.descriptionHtml).toContain('<li>small hole on left sleeve</li>');
  });

  it('says how sure the category is, low when the department is unknown', () => {
    const known = composeListingDetails({ sku: null, attributes: levisJeans, weightGrams: null, productCode: null });
    const unknown = composeListingDetails({
      sku: null,
      attributes: buildAttributes({ itemType: 'Jeans' }),
      weightGrams: null,
      productCode: null,
    });
    expect(known.category.score!).toBeGreaterThan(unknown.category.score!);
    expect(unknown.category.score!).toBeLessThan(0.7);
  });

  it('escapes what the photos said before it reaches the description', () => {
    const attributes = buildAttributes({ brand: '<script>x()</script>', itemType: 'Hoodie' });
    const draft = composeListing({ sku: null, attributes, weightGrams: null, productCode: null });
    expect(draft.descriptionHtml).not.toContain('<script>');
    expect(draft.descriptionHtml).toContain('&lt;script&gt;');
  });

  it('handles an item nothing was read from', () => {
    const draft = composeListing({ sku: null, attributes: {}, weightGrams: null, productCode: null });
    expect(() => ListingDraft.parse(draft)).not.toThrow();
    expect(draft.aspects).toEqual({ Brand: ['Unbranded'] });
    expect(draft.conditionId).toBe(3000);
  });
});
