import { describe, expect, it } from 'vitest';
import type { ListingDraft } from '../../../../src/contracts/item.ts';
import {
  buildInventoryItemPayload,
  buildOfferPayload,
  formatAmount,
  toPackageWeight,
  type InventoryItemPayload,
} from '../../../../src/domain/listing/ebay-listing-payload.ts';

const draft: ListingDraft = {
  title: "Levi's 501 Original Fit Jeans Men's 32x30 Blue",
  descriptionHtml: '<p>Classic straight jeans.</p><ul><li>Waist 32 in</li></ul>',
  categoryId: '11483',
  categoryName: 'Jeans',
  conditionId: 3000,
  conditionDescription: 'Flaws: light fading at the knees.',
  aspects: { Brand: ["Levi's"], 'Size Type': ['Regular'], Color: ['Blue', ' '], Style: [] },
  productCode: null,
};

const images = ['https://i.ebayimg.com/a.jpg', 'https://i.ebayimg.com/b.jpg'];

function itemOf(overrides: Partial<ListingDraft> = {}, more: { weightGrams?: number | null; imageUrls?: string[]; marketplaceId?: string } = {}): InventoryItemPayload {
  return buildInventoryItemPayload({
    listing: { ...draft, ...overrides },
    imageUrls: more.imageUrls ?? images,
    weightGrams: more.weightGrams === undefined ? 402 : more.weightGrams,
    marketplaceId: more.marketplaceId ?? 'EBAY_US',
  });
}

describe('the inventory item eBay lists from', () => {
  it('carries the title, description, item specifics, photos and brand, one to sell', () => {
    expect(itemOf()).toEqual({
      availability: { shipToLocationAvailability: { quantity: 1 } },
      condition: 'USED_EXCELLENT',
      conditionDescription: 'Flaws: light fading at the knees.',
      packageWeightAndSize: { weight: { value: 14.2, unit: 'OUNCE' } },
      product: {
        title: "Levi's 501 Original Fit Jeans Men's 32x30 Blue",
        description: '<p>Classic straight jeans.</p><ul><li>Waist 32 in</li></ul>',
        aspects: { Brand: ["Levi's"], 'Size Type': ['Regular'], Color: ['Blue'] },
        imageUrls: images,
        brand: "Levi's",
      },
    });
  });

  it.each([
    { conditionId: 1000 as const, condition: 'NEW', keepsDescription: false },
    { conditionId: 1500 as const, condition: 'NEW_OTHER', keepsDescription: false },
    { conditionId: 1750 as const, condition: 'NEW_WITH_DEFECTS', keepsDescription: true },
    { conditionId: 2990 as const, condition: 'PRE_OWNED_EXCELLENT', keepsDescription: true },
    { conditionId: 3000 as const, condition: 'USED_EXCELLENT', keepsDescription: true },
    { conditionId: 3010 as const, condition: 'PRE_OWNED_FAIR', keepsDescription: true },
  ])('lists condition $conditionId as $condition, with the flaws only where eBay keeps them', ({ conditionId, condition, keepsDescription }) => {
    const payload = itemOf({ conditionId });
    expect(payload.condition).toBe(condition);
    expect('conditionDescription' in payload).toBe(keepsDescription);
  });

  it.each([
    { grams: 402, marketplaceId: 'EBAY_US', weight: { value: 14.2, unit: 'OUNCE' } },
    { grams: 28.349523125, marketplaceId: 'EBAY_US', weight: { value: 1, unit: 'OUNCE' } },
    { grams: 1000, marketplaceId: 'EBAY_US', weight: { value: 35.3, unit: 'OUNCE' } },
    { grams: 402.2, marketplaceId: 'EBAY_GB', weight: { value: 403, unit: 'GRAM' } },
  ])('weighs $grams g as $weight.value $weight.unit on $marketplaceId, never less than the scale read', ({ grams, marketplaceId, weight }) => {
    expect(toPackageWeight(grams, marketplaceId)).toEqual(weight);
    expect(itemOf({}, { weightGrams: grams, marketplaceId }).packageWeightAndSize).toEqual({ weight });
  });

  it('leaves the package weight out when none was read', () => {
    expect('packageWeightAndSize' in itemOf({}, { weightGrams: null })).toBe(false);
  });

  it.each([
    { productCode: '012345678905', codes: { upc: ['012345678905'] } },
    { productCode: '4006381333931', codes: { ean: ['4006381333931'] } },
    { productCode: '96385074', codes: { ean: ['96385074'] } },
    { productCode: null, codes: {} },
  ])('files product code $productCode where eBay looks for it', ({ productCode, codes }) => {
    const { product } = itemOf({ productCode });
    expect({ upc: product.upc, ean: product.ean }).toEqual({ upc: undefined, ean: undefined, ...codes });
  });

  it('keeps at most 24 photos, in their order', () => {
    const many = Array.from({ length: 30 }, (_, index) => `https://i.ebayimg.com/${index}.jpg`);
    expect(itemOf({}, { imageUrls: many }).product.imageUrls).toEqual(many.slice(0, 24));
  });

  it('shortens a description too long for the inventory item to its text; the offer keeps the whole HTML', () => {
    const long = `<p>${'Soft cotton. '.repeat(400)}</p>`;
    const { product } = itemOf({ descriptionHtml: long });
    expect(product.description.length).toBeLessThanOrEqual(4000);
    expect(product.description).not.toContain('<p>');
    expect(product.description.endsWith('\u2026')).toBe(true);
  });
});

describe('the offer that puts it on sale', () => {
  it('is fixed price, good till cancelled, one item, in the listing’s category with the seller’s policies and location', () => {
    expect(
      buildOfferPayload({
        sku: 'EF-10234',
        listing: draft,
        price: { value: 24.5, currency: 'USD' },
        policies: { fulfillmentPolicyId: 'F1', paymentPolicyId: 'P1', returnPolicyId: 'R1' },
        merchantLocationKey: 'easyflip-1',
        marketplaceId: 'EBAY_US',
      }),
    ).toEqual({
      sku: 'EF-10234',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      listingDuration: 'GTC',
      availableQuantity: 1,
      categoryId: '11483',
      listingDescription: draft.descriptionHtml,
      pricingSummary: { price: { value: '24.50', currency: 'USD' } },
      listingPolicies: { fulfillmentPolicyId: 'F1', paymentPolicyId: 'P1', returnPolicyId: 'R1' },
      merchantLocationKey: 'easyflip-1',
    });
  });

  it.each([
    { value: 24.5, text: '24.50' },
    { value: 19.999, text: '20.00' },
    { value: 0.1 + 0.2, text: '0.30' },
    { value: 100, text: '100.00' },
  ])('writes $value as "$text"', ({ value, text }) => {
    expect(formatAmount(value)).toBe(text);
  });
});
