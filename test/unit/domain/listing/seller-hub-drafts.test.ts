import { describe, expect, it } from 'vitest';
import type { ListingDraft } from '../../../../src/contracts/item.ts';
import {
  SELLER_HUB_ACTION_HEADER,
  toSellerHubDraftRows,
  toUpc,
  type SellerHubListing,
} from '../../../../src/domain/listing/seller-hub-drafts.ts';

function draftWith(overrides: Partial<ListingDraft> = {}): ListingDraft {
  return {
    title: "Levi's Men's Jeans Size 32x30 Blue",
    descriptionHtml: '<div><p>Pre-owned jeans.</p></div>',
    categoryId: '11483',
    categoryName: 'Jeans',
    conditionId: 3000,
    conditionDescription: null,
    aspects: { Brand: ["Levi's"], Size: ['32x30'], Color: ['Blue'] },
    productCode: null,
    ...overrides,
  };
}

function listing(overrides: Partial<SellerHubListing> = {}): SellerHubListing {
  return { sku: 'SKU-1', draft: draftWith(), photoUrls: [], price: 24.5, weightGrams: 680, ...overrides };
}

function cell(table: ReturnType<typeof toSellerHubDraftRows>, row: number, header: string): string | undefined {
  return table.rows[row]?.[table.headers.indexOf(header)];
}

describe('toSellerHubDraftRows', () => {
  it('uses the "Create new drafts" template columns, in order', () => {
    expect(toSellerHubDraftRows([listing()]).headers.slice(0, 11)).toEqual([
      'Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)',
      'Custom label (SKU)',
      'Category ID',
      'Title',
      'UPC',
      'Price',
      'Quantity',
      'Item photo URL',
      'Condition ID',
      'Description',
      'Format',
    ]);
  });

  it('fills one row per listing, as a fixed-price draft of one', () => {
    const table = toSellerHubDraftRows([listing()]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.slice(0, 11)).toEqual([
      'Draft',
      'SKU-1',
      '11483',
      "Levi's Men's Jeans Size 32x30 Blue",
      '',
      '24.50',
      '1',
      '',
      '3000',
      '<div><p>Pre-owned jeans.</p></div>',
      'FixedPrice',
    ]);
  });

  it('adds a C: column per item specific, known clothing specifics first', () => {
    const table = toSellerHubDraftRows([
      listing(),
      listing({ draft: draftWith({ aspects: { Department: ['Men'], Inseam: ['30 in'], Brand: ['Gap'] } }) }),
    ]);
    expect(table.headers.slice(11)).toEqual(['C:Brand', 'C:Department', 'C:Size', 'C:Color', 'C:Inseam']);
    expect(cell(table, 0, 'C:Department')).toBe('');
    expect(cell(table, 1, 'C:Department')).toBe('Men');
    expect(cell(table, 1, 'C:Inseam')).toBe('30 in');
    expect(table.rows.every((row) => row.length === table.headers.length)).toBe(true);
  });

  it('joins photo URLs and multiple values with pipes, at most 24 photos', () => {
    const urls = Array.from({ length: 30 }, (_, i) => `https://example.com/p/${i}.jpg`);
    const table = toSellerHubDraftRows([
      listing({ photoUrls: urls, draft: draftWith({ aspects: { Material: ['Cotton', 'Elastane'] } }) }),
    ]);
    expect(cell(table, 0, 'Item photo URL')).toBe(urls.slice(0, 24).join('|'));
    expect(cell(table, 0, 'C:Material')).toBe('Cotton|Elastane');
  });

  it('leaves the price and SKU empty when unknown', () => {
    const table = toSellerHubDraftRows([listing({ price: null, sku: null })]);
    expect(cell(table, 0, 'Price')).toBe('');
    expect(cell(table, 0, 'Custom label (SKU)')).toBe('');
  });

  it('names the site and version in the action header', () => {
    expect(SELLER_HUB_ACTION_HEADER).toMatch(/^Action\(SiteID=US\|Country=US\|Currency=USD\|Version=\d+\|CC=UTF-8\)$/);
  });
});

describe('toUpc', () => {
  it.each([
    { code: '012345678905', upc: '012345678905' },
    { code: '0012345678905', upc: '012345678905' },
    { code: '4006381333931', upc: '' },
    { code: 'SKU-123', upc: '' },
    { code: null, upc: '' },
  ])('turns $code into "$upc"', ({ code, upc }) => {
    expect(toUpc(code)).toBe(upc);
  });
});
