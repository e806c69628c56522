import { describe, expect, it } from 'vitest';
import { chunk, isBulkSuccess, readBulkResults } from '../../../src/adapters/ebay/ebay-bulk-results.ts';

describe('bulk calls', () => {
  it.each([
    { count: 0, sizes: [] },
    { count: 1, sizes: [1] },
    { count: 25, sizes: [25] },
    { count: 26, sizes: [25, 1] },
    { count: 30, sizes: [25, 5] },
    { count: 75, sizes: [25, 25, 25] },
  ])('sends $count items in groups of $sizes', ({ count, sizes }) => {
    const items = Array.from({ length: count }, (_, index) => index);
    const groups = chunk(items);
    expect(groups.map((group) => group.length)).toEqual(sizes);
    expect(groups.flat()).toEqual(items);
  });

  it('refuses a group size under one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('reads a 207 Multi-Status answer item by item, with each item’s own errors', () => {
    const results = readBulkResults({
      responses: [
        { statusCode: 200, offerId: '5001', listingId: '1101', warnings: [] },
        {
          statusCode: 400,
          offerId: '5002',
          errors: [{ errorId: 25021, message: 'Invalid condition information.', parameters: [{ name: 'fieldName', value: 'condition' }] }],
        },
        { statusCode: 201, sku: 'EF-3', locale: 'en_US' },
        { statusCode: 500, sku: 'EF-4', errors: [{ errorId: 25001, message: 'System error.' }] },
      ],
    });
    expect(results).toEqual([
      { statusCode: 200, sku: null, offerId: '5001', listingId: '1101', errors: [] },
      { statusCode: 400, sku: null, offerId: '5002', listingId: null, errors: [{ errorId: 25021, message: 'Invalid condition information.', parameters: { fieldName: 'condition' } }] },
      { statusCode: 201, sku: 'EF-3', offerId: null, listingId: null, errors: [] },
      { statusCode: 500, sku: 'EF-4', offerId: null, listingId: null, errors: [{ errorId: 25001, message: 'System error.', parameters: {} }] },
    ]);
    expect(results.map(isBulkSuccess)).toEqual([true, false, true, false]);
  });

  it('reads an answer without responses as no results', () => {
    expect(readBulkResults(null)).toEqual([]);
    expect(readBulkResults({ errors: [] })).toEqual([]);
  });
});
