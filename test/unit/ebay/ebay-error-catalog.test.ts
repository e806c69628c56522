import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import {
  DOCUMENTED_SELL_ERROR_IDS,
  EXPLAINED_ERROR_IDS,
  explainEbayErrorId,
  type EbayErrorKind,
} from '../../../src/adapters/ebay/ebay-error-catalog.ts';
import { PUBLISHER_OPERATIONS } from '../../../src/adapters/ebay/ebay-publisher-operations.ts';
import { EbayListingRefusedError, explainEbayFailure, readFailureParameter } from '../../../src/adapters/ebay/ebay-publish-errors.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';

/** A failure as ebay-api hands it over: the HTTP answer under `meta.res`. */
function ebayApiFailure(status: number, errors: unknown[], headers: Record<string, string> = {}): Error {
  return Object.assign(new Error('eBay API Error'), { meta: { res: { status, headers, data: { errors } } } });
}

describe('the eBay error catalog', () => {
  it('explains every errorId eBay documents for the Inventory operations the publisher calls', () => {
    const unexplained = DOCUMENTED_SELL_ERROR_IDS.filter((id) => explainEbayErrorId(id) === null);
    expect(unexplained).toEqual([]);
    expect(DOCUMENTED_SELL_ERROR_IDS.length).toBeGreaterThan(100);
  });

  it('explains no Inventory errorId eBay does not document for those operations', () => {
    const sellIds = EXPLAINED_ERROR_IDS.filter((id) => id >= 25000);
    expect(sellIds.filter((id) => !DOCUMENTED_SELL_ERROR_IDS.includes(id))).toEqual([]);
  });

  it.each<{ errorId: number; kind: EbayErrorKind; says: RegExp }>([
    { errorId: 25001, kind: 'transient', says: /tried again/ },
    { errorId: 25025, kind: 'transient', says: /tried again/ },
    { errorId: 25002, kind: 'permanent', says: /refused the listing/ },
    { errorId: 25021, kind: 'permanent', says: /condition/ },
    { errorId: 25005, kind: 'permanent', says: /leaf category/ },
    { errorId: 25007, kind: 'needs_seller', says: /shipping \(fulfillment\) policy.*eBay settings/ },
    { errorId: 25012, kind: 'needs_seller', says: /inventory location/ },
    { errorId: 25026, kind: 'needs_seller', says: /selling limits/ },
    { errorId: 25707, kind: 'permanent', says: /SKU/ },
    { errorId: 25713, kind: 'transient', says: /new one is made/ },
    { errorId: 1001, kind: 'needs_seller', says: /reconnect/ },
  ])('treats $errorId as $kind', ({ errorId, kind, says }) => {
    const explained = explainEbayErrorId(errorId);
    expect(explained?.kind).toBe(kind);
    expect(explained?.sentence).toMatch(says);
  });

  it('knows which errorIds eBay sends only as warnings on a success', () => {
    expect(explainEbayErrorId(25401)?.warningOnly).toBe(true);
    expect(explainEbayErrorId(25021)?.warningOnly).toBe(false);
  });

  describe.skipIf(!hasSharedData())('against eBay’s error tables in the shared contracts', () => {
    it('is generated from the current tables (run scripts/generate-ebay-error-catalog.ts when they change)', () => {
      const catalog = JSON.parse(readFileSync(sharedPath('ebay-openapi', 'derived', 'error_catalog_by_operation.json'), 'utf8')) as {
        sell_inventory_v1: Record<string, Record<string, Record<string, unknown>>>;
      };
      const documented = new Set<number>();
      for (const [key, statuses] of Object.entries(catalog.sell_inventory_v1)) {
        const operation = /\((\w+)\)$/.exec(key)?.[1] ?? '';
        if (!(PUBLISHER_OPERATIONS as readonly string[]).includes(operation)) continue;
        for (const errors of Object.values(statuses)) for (const id of Object.keys(errors)) documented.add(Number(id));
      }
      expect([...documented].sort()).toEqual([...DOCUMENTED_SELL_ERROR_IDS].sort());
    });
  });
});

describe('explaining a failed eBay call', () => {
  it('turns a refused condition into a sentence the seller can act on, keeping what eBay said', () => {
    const error = explainEbayFailure(
      'publishOffer',
      'Item 3 (SKU EF-3)',
      ebayApiFailure(400, [{ errorId: 25021, domain: 'API_INVENTORY', category: 'REQUEST', message: 'Invalid condition information.' }]),
    );
    expect(error).toBeInstanceOf(EbayListingRefusedError);
    expect(error.retryable).toBe(false);
    expect((error as EbayListingRefusedError).kind).toBe('permanent');
    expect(error.message).toBe(
      'Item 3 (SKU EF-3): eBay does not accept this condition in the category: choose one the category allows in review and approve again. (eBay said 25021: Invalid condition information.)',
    );
  });

  it('puts the seller’s account before the listing when eBay names both', () => {
    const error = explainEbayFailure('publishOffer', 'Item 1', ebayApiFailure(400, [{ errorId: 25021 }, { errorId: 25009 }]));
    expect((error as EbayListingRefusedError).kind).toBe('needs_seller');
    expect(error.message).toMatch(/return policy/);
  });

  it('retries a system error and waits out a 429 for its Retry-After', () => {
    expect(explainEbayFailure('createOffer', 'Item 1', ebayApiFailure(500, [{ errorId: 25001 }]))).toBeInstanceOf(TransientError);
    const limited = explainEbayFailure('createOffer', 'Item 1', ebayApiFailure(429, [{ errorId: 2001 }], { 'retry-after': '7' }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('reads the offerId eBay names in 25002, from an axios-shaped error too', () => {
    const error = Object.assign(new Error('HTTP 400'), {
      response: { status: 400, headers: {}, data: { errors: [{ errorId: 25002, message: 'Offer entity already exists.', parameters: [{ name: 'offerId', value: '5000000007' }] }] } },
    });
    expect(readFailureParameter(error, 'offerId')).toBe('5000000007');
    expect(readFailureParameter(explainEbayFailure('createOffer', 'Item 1', error), 'offerId')).toBe('5000000007');
  });

  it('judges an errorId it does not know by the HTTP status', () => {
    expect(explainEbayFailure('publishOffer', 'Item 1', ebayApiFailure(503, [{ errorId: 99999 }])).retryable).toBe(true);
    const refused = explainEbayFailure('publishOffer', 'Item 1', ebayApiFailure(400, [{ errorId: 99999, message: 'Something new.' }]));
    expect(refused.retryable).toBe(false);
    expect(refused.message).toMatch(/HTTP 400.*eBay said 99999: Something new\./);
  });

  it('never carries the request, and so never a token, into the error it raises', () => {
    const failure = Object.assign(new Error('eBay API Error'), {
      meta: { res: { status: 400, headers: {}, data: { errors: [{ errorId: 25021 }] } }, req: { headers: { Authorization: 'Bearer v^1.1#secret' } } },
    });
    const error = explainEbayFailure('publishOffer', 'Item 1', failure);
    expect(JSON.stringify({ message: error.message, cause: error.cause })).not.toContain('secret');
  });
});
