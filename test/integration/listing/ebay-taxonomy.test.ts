import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import { EbayApplicationTokenProvider } from '../../../src/adapters/ebay/ebay-application-token-provider.ts';
import { EbayRestClient } from '../../../src/adapters/ebay/ebay-rest-client.ts';
import { EbayTaxonomyApi } from '../../../src/adapters/ebay/ebay-taxonomy-api.ts';
import { BundledAspectCatalog, BundledCategorySuggester } from '../../../src/adapters/taxonomy/bundled-taxonomy.ts';
import { FailureBreaker, FallbackAspectCatalog, FallbackCategorySuggester } from '../../../src/adapters/taxonomy/fallback-taxonomy.ts';
import type { TaxonomyCache } from '../../../src/ports/listing-taxonomy.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { taxonomyError, taxonomyInternalError } from '../../fakes/ebay/taxonomy.module.ts';
import { databaseEngines, type TestDatabase } from '../../support/database.ts';
import { hasSharedData } from '../../support/shared-data.ts';

const MENS_JEANS_QUERY = { itemType: 'Jeans', department: 'Men', keywords: [] };

describe.each(databaseEngines)('the eBay Taxonomy adapter against the fake eBay, cached on $name', (engine) => {
  let fake: StartedFakeEbay;
  let database: TestDatabase;
  let namespace = 0;

  beforeAll(async () => {
    fake = await startFakeEbay();
    database = await engine.open();
  });

  afterAll(async () => {
    await fake?.server.stop();
    await database?.close();
  });

  afterEach(() => {
    fake.server.reset();
  });

  interface Wiring {
    taxonomy: EbayTaxonomyApi;
    tokens: EbayApplicationTokenProvider;
  }

  /** A fresh adapter; a fresh cache namespace unless one is shared on purpose. */
  function wire(options: { cache?: TaxonomyCache; ttlSeconds?: number; namespace?: string; secret?: string; timeoutMs?: number } = {}): Wiring {
    namespace += 1;
    const tokens = new EbayApplicationTokenProvider({
      clientId: FAKE_CLIENT_ID,
      clientSecret: options.secret ?? FAKE_CLIENT_SECRET,
      baseUrl: fake.baseUrl,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    const client = new EbayRestClient({ baseUrl: fake.baseUrl, tokens, marketplaceId: 'EBAY_US', timeoutMs: options.timeoutMs ?? 5000 });
    const taxonomy = new EbayTaxonomyApi({
      client,
      cache: options.cache ?? database.repositories.taxonomyCache,
      marketplaceId: 'EBAY_US',
      cacheTtlSeconds: options.ttlSeconds ?? 3600,
      cacheNamespace: options.namespace ?? `test-${engine.name}-${namespace}`,
    });
    return { taxonomy, tokens };
  }

  describe('category suggestions', () => {
    it('turns eBay’s suggestions into categories with their root-to-leaf path, best first', async () => {
      fake.taxonomy.setSuggestedLeaves("Men's Jeans", ['11483', '57989']);
      const { taxonomy } = wire();
      const answer = await taxonomy.suggestCategories(MENS_JEANS_QUERY);
      expect(answer).toMatchObject({ source: 'ebay', degraded: null });
      expect(answer.suggestions).toEqual([
        { categoryId: '11483', categoryName: 'Jeans', path: "Clothing, Shoes & Accessories > Men > Men's Clothing > Jeans", score: null },
        { categoryId: '57989', categoryName: 'Pants', path: "Clothing, Shoes & Accessories > Men > Men's Clothing > Pants", score: null },
      ]);
      const call = fake.server.requests.find((request) => request.operation === 'getCategorySuggestions');
      expect(call?.path).toBe('/commerce/taxonomy/v1/category_tree/0/get_category_suggestions');
      expect(call?.query).toEqual({ q: "Men's Jeans" });
    });

    it('asks eBay once: the second call is answered from the database', async () => {
      fake.taxonomy.setSuggestedLeaves("Women's Dress", ['63861']);
      const { taxonomy } = wire();
      const query = { itemType: 'Dress', department: 'Women', keywords: [] };
      const first = await taxonomy.suggestCategories(query);
      const second = await taxonomy.suggestCategories(query);
      expect(second).toEqual(first);
      expect(fake.server.countCalls('getCategorySuggestions')).toBe(1);
      expect(fake.server.countCalls('getDefaultCategoryTreeId')).toBe(1);
    });

    it('shares the cache between processes: a new adapter on the same database makes no request', async () => {
      fake.taxonomy.setSuggestedLeaves("Men's Hoodie", ['155183']);
      const sharedNamespace = `shared-${engine.name}`;
      await wire({ namespace: sharedNamespace }).taxonomy.suggestCategories({ itemType: 'Hoodie', department: 'Men', keywords: [] });
      fake.server.reset();
      const again = await wire({ namespace: sharedNamespace }).taxonomy.suggestCategories({ itemType: 'Hoodie', department: 'Men', keywords: [] });
      expect(again.suggestions[0]?.categoryId).toBe('155183');
      expect(fake.server.requests).toEqual([]);
    });

    it('asks again once the cached answer has expired', async () => {
      fake.taxonomy.setSuggestedLeaves("Men's Sweater", ['11484']);
      const { taxonomy } = wire({ ttlSeconds: 0 });
      await taxonomy.suggestCategories({ itemType: 'Sweater', department: 'Men', keywords: [] });
      await taxonomy.suggestCategories({ itemType: 'Sweater', department: 'Men', keywords: [] });
      expect(fake.server.countCalls('getCategorySuggestions')).toBe(2);
    });

    it('takes eBay’s "no content" as no suggestions', async () => {
      const { taxonomy } = wire();
      const answer = await taxonomy.suggestCategories({ itemType: 'Zzyzx Qwert', keywords: [] });
      expect(answer.suggestions).toEqual([]);
    });

    it.skipIf(!hasSharedData())('reads a real recorded eBay answer', async () => {
      const { taxonomy } = wire();
      const answer = await taxonomy.suggestCategories({ itemType: 'jar', keywords: [] });
      expect(answer.suggestions).toHaveLength(9);
      expect(answer.suggestions[0]).toEqual({
        categoryId: '13913',
        categoryName: 'Jars',
        path: 'Collectibles > Bottles & Insulators > Bottles > Modern (1900-Now) > Jars',
        score: null,
      });
    });
  });

  describe('item aspects', () => {
    it('reads required aspects, modes, cardinality, lengths and the values that depend on another aspect', async () => {
      fake.taxonomy.setAspects('11483', {
        aspects: [
          {
            localizedAspectName: 'Size',
            aspectConstraint: { aspectDataType: 'STRING', aspectMode: 'SELECTION_ONLY', aspectRequired: true, aspectUsage: 'RECOMMENDED', itemToAspectCardinality: 'SINGLE' },
            aspectValues: [
              { localizedValue: '33', valueConstraints: [{ applicableForLocalizedAspectName: 'Size Type', applicableForLocalizedAspectValues: ['Regular'] }] },
              { localizedValue: '46', valueConstraints: [{ applicableForLocalizedAspectName: 'Size Type', applicableForLocalizedAspectValues: ['Big & Tall'] }] },
            ],
          },
          {
            localizedAspectName: 'Material',
            aspectConstraint: { aspectDataType: 'STRING', aspectMode: 'FREE_TEXT', aspectRequired: false, aspectUsage: 'OPTIONAL', itemToAspectCardinality: 'MULTI', aspectMaxLength: 65 },
            aspectValues: [{ localizedValue: 'Cotton' }],
          },
        ],
      });
      const lookup = await wire().taxonomy.getCategoryAspects('11483');
      expect(lookup.kind).toBe('found');
      if (lookup.kind !== 'found') return;
      expect(lookup.aspects.source).toBe('ebay');
      expect(lookup.aspects.aspects).toEqual([
        {
          name: 'Size',
          required: true,
          recommended: true,
          mode: 'SELECTION_ONLY',
          cardinality: 'SINGLE',
          dataType: 'STRING',
          maxLength: null,
          options: [
            { value: '33', requires: { 'Size Type': ['Regular'] } },
            { value: '46', requires: { 'Size Type': ['Big & Tall'] } },
          ],
        },
        { name: 'Material', required: false, recommended: false, mode: 'FREE_TEXT', cardinality: 'MULTI', dataType: 'STRING', maxLength: 65, options: [{ value: 'Cotton', requires: {} }] },
      ]);
      expect(lookup.aspects.allowedConditionIds).toEqual([1000, 1500, 1750, 2990, 3000, 3010]);
      expect(fake.server.requests.find((request) => request.operation === 'getItemAspectsForCategory')?.query).toEqual({ category_id: '11483' });
    });

    it('caches aspects too', async () => {
      const { taxonomy } = wire();
      await taxonomy.getCategoryAspects('15687');
      await taxonomy.getCategoryAspects('15687');
      expect(fake.server.countCalls('getItemAspectsForCategory')).toBe(1);
    });

    it.each([
      { categoryId: '1059', errorId: 62009, why: "a branch (Men's Clothing) is not a leaf" },
      { categoryId: '99999999', errorId: 62005, why: 'an unknown category is not in the tree' },
    ])('says eBay does not list in the category when $why', async ({ categoryId, errorId }) => {
      const lookup = await wire().taxonomy.getCategoryAspects(categoryId);
      expect(lookup).toEqual({ kind: 'not_listable', reason: expect.stringContaining(`errorId ${errorId}`) });
    });
  });

  describe('the application token', () => {
    it('is fetched once and reused for every call until it nears its expiry', async () => {
      fake.taxonomy.setSuggestedLeaves("Men's Polo Shirt", ['185101']);
      const { taxonomy, tokens } = wire();
      await taxonomy.suggestCategories({ itemType: 'Polo Shirt', department: 'Men', keywords: [] });
      await taxonomy.getCategoryAspects('185101');
      await taxonomy.getCategoryAspects('15709');
      expect(fake.server.countCalls('getToken')).toBe(1);
      expect(tokens.grantCount).toBe(1);
      const tokenCall = fake.server.requests.find((request) => request.operation === 'getToken')!;
      expect(tokenCall.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(new URLSearchParams(tokenCall.body).get('grant_type')).toBe('client_credentials');
      expect(new URLSearchParams(tokenCall.body).get('scope')).toBe('https://api.ebay.com/oauth/api_scope');
    });

    it('is requested once for many callers waiting at the same time', async () => {
      const { tokens } = wire();
      const handed = await Promise.all(Array.from({ length: 8 }, () => tokens.getToken()));
      expect(new Set(handed).size).toBe(1);
      expect(fake.server.countCalls('getToken')).toBe(1);
    });

    it('is renewed when eBay no longer accepts it, and the call goes through', async () => {
      const { taxonomy, tokens } = wire();
      await taxonomy.getCategoryAspects('11484');
      fake.server.revokeTokens();
      const lookup = await taxonomy.getCategoryAspects('57990');
      expect(lookup.kind).toBe('found');
      expect(tokens.grantCount).toBe(2);
    });

    it('is renewed ahead of its expiry', async () => {
      let now = 1_000_000;
      const tokens = new EbayApplicationTokenProvider({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, baseUrl: fake.baseUrl, now: () => now, refreshMarginMs: 60_000 });
      const first = await tokens.getToken();
      now += 7200_000 - 120_000;
      expect(await tokens.getToken()).toBe(first);
      now += 90_000;
      expect(await tokens.getToken()).not.toBe(first);
      expect(tokens.grantCount).toBe(2);
    });

    it('is refused with wrong keys, as an error not worth retrying that names the settings', async () => {
      const error = await wire({ secret: 'wrong' }).tokens.getToken().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
      expect((error as Error).message).toMatch(/invalid_client.*EBAY_CLIENT_ID/);
    });
  });

  describe('errors', () => {
    it('turns a 429 into a RateLimitedError that waits as long as Retry-After says', async () => {
      fake.server.failNext({ match: 'getItemAspectsForCategory', status: 429, headers: { 'retry-after': '7' }, body: { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests.' }] } });
      const error = await wire().taxonomy.getCategoryAspects('63861').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ retryAfterMs: 7000, code: 'RATE_LIMITED' });
    });

    it('turns eBay’s 500 into a TransientError that keeps eBay’s errorId', async () => {
      fake.server.failNext({ match: 'getCategorySuggestions', ...taxonomyInternalError() });
      const error = await wire().taxonomy.suggestCategories({ itemType: 'Skirt', department: 'Women', keywords: [] }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
      expect((error as Error).message).toContain('errorId 62000');
      expect((error as Error).cause).toMatchObject({ api: 'Taxonomy', status: 500, errors: [{ errorId: 62000 }] });
    });

    it('turns a refused request into a PermanentError', async () => {
      fake.server.failNext({ match: 'getCategorySuggestions', ...taxonomyError(62007) });
      const error = await wire().taxonomy.suggestCategories({ itemType: 'Coat', department: 'Men', keywords: [] }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
      expect((error as Error).message).toContain('errorId 62007');
    });

    it('turns a slow answer into a TransientError after the timeout', async () => {
      const { taxonomy } = wire({ timeoutMs: 200 });
      await taxonomy.getCategoryAspects('11483');
      fake.server.failNext({ match: 'getItemAspectsForCategory', status: 200, body: { aspects: [] }, delayMs: 1500 });
      const error = await taxonomy.getCategoryAspects('57991').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
    });

    it('turns an unreachable eBay into a TransientError', async () => {
      const tokens = new EbayApplicationTokenProvider({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
      await expect(tokens.getToken()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    });
  });

  describe('behind the bundled data', () => {
    it('falls back to the bundled categories when eBay fails, and says so', async () => {
      fake.server.failNext({ match: 'getCategorySuggestions', ...taxonomyInternalError() });
      const suggester = new FallbackCategorySuggester(wire().taxonomy, new BundledCategorySuggester());
      const answer = await suggester.suggestCategories({ itemType: 'Jeans', department: 'Women', keywords: [] });
      expect(answer.source).toBe('bundled');
      expect(answer.suggestions[0]?.categoryId).toBe('11554');
      expect(answer.degraded).toMatch(/eBay category suggestions failed/);
    });

    it('stops asking a failing eBay for a while once the breaker opens', async () => {
      fake.server.failNext({ match: 'getCategorySuggestions', ...taxonomyInternalError(), times: 10 });
      let now = 0;
      const breaker = new FailureBreaker({ failureThreshold: 2, openMs: 30_000, now: () => now });
      const suggester = new FallbackCategorySuggester(wire().taxonomy, new BundledCategorySuggester(), breaker);
      for (const itemType of ['Shorts', 'Blazer', 'Parka']) await suggester.suggestCategories({ itemType, department: 'Men', keywords: [] });
      expect(fake.server.countCalls('getCategorySuggestions')).toBe(2);
      now += 31_000;
      await suggester.suggestCategories({ itemType: 'Vest', department: 'Men', keywords: [] });
      expect(fake.server.countCalls('getCategorySuggestions')).toBe(3);
    });

    it('takes the bundled item specifics when eBay fails, keeps eBay’s "not listable"', async () => {
      fake.server.failNext({ match: 'getItemAspectsForCategory', status: 503 });
      const catalog = new FallbackAspectCatalog(wire().taxonomy, new BundledAspectCatalog());
      const lookup = await catalog.getCategoryAspects('11554');
      expect(lookup).toMatchObject({ kind: 'found', aspects: { source: 'bundled', categoryId: '11554' }, degraded: expect.stringMatching(/failed/) });
      expect(await catalog.getCategoryAspects('1059')).toMatchObject({ kind: 'not_listable' });
    });
  });
});
