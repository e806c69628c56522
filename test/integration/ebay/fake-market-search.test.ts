import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEbayApiFailure } from '../../../src/adapters/ebay/ebay-api-errors.ts';
import { createEbayApi, type EbayApiSettings } from '../../../src/adapters/ebay/ebay-api-factory.ts';
import { EbayApplicationTokenProvider } from '../../../src/adapters/ebay/ebay-application-token-provider.ts';
import type { MarketItem } from '../../fakes/ebay/browse.module.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { addFakeMarketSearch } from '../../fakes/ebay/fake-ebay-seller.ts';
import { hasSharedData } from '../../support/shared-data.ts';

const INSIGHTS_SCOPE = 'https://api.ebay.com/oauth/api_scope/buy.marketplace.insights';

describe.skipIf(!hasSharedData())("the fake's Browse and Marketplace Insights searches, over eBay's recorded results", () => {
  let fake: StartedFakeEbay;
  let settings: EbayApiSettings;
  let recorded: { listings: MarketItem[]; sold: MarketItem[] };

  beforeAll(async () => {
    fake = await startFakeEbay();
    recorded = addFakeMarketSearch(fake);
    settings = { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, environment: 'production', marketplaceId: 'EBAY_US', apiBaseUrl: fake.baseUrl };
  });

  afterAll(async () => {
    await fake?.server.stop();
  });

  const applicationTokens = (scopes?: string[]) =>
    new EbayApplicationTokenProvider({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, baseUrl: fake.baseUrl, ...(scopes ? { scopes } : {}) });

  it('finds the recorded listings whose titles hold every word, and pages them', async () => {
    const api = createEbayApi({ config: settings, tokens: applicationTokens() });
    const first = (await api.buy.browse.search({ q: 'iphone 13', limit: '5' })) as { total: number; itemSummaries: MarketItem[]; next?: string };
    const expected = recorded.listings.filter((item) => /iphone/i.test(item.title) && /13/.test(item.title));
    expect(first.total).toBe(expected.length);
    expect(first.itemSummaries).toHaveLength(5);
    expect(first.itemSummaries.every((item) => /iphone/i.test(item.title) && item.title.includes('13'))).toBe(true);
    expect(first.next).toContain('offset=5');
  });

  it('filters by category, and answers a search with neither words nor category with eBay error 12001', async () => {
    const api = createEbayApi({ config: settings, tokens: applicationTokens() });
    const dresses = (await api.buy.browse.search({ category_ids: '63861' })) as { itemSummaries: MarketItem[] };
    expect(dresses.itemSummaries.length).toBeGreaterThan(0);
    const failure = fromEbayApiFailure('Browse', await api.buy.browse.search({}).catch((error: unknown) => error));
    expect(failure.message).toMatch(/errorId 12001/);
  });

  it("serves sold items only to a token holding Marketplace Insights' scope", async () => {
    const withScope = createEbayApi({ config: settings, tokens: applicationTokens([INSIGHTS_SCOPE]) });
    const sold = (await withScope.buy.marketplaceInsights.search({ q: 'iphone', categoryIds: '9355', limit: '3' })) as { itemSales: Array<MarketItem & { lastSoldPrice: unknown }> };
    expect(sold.itemSales).toHaveLength(recorded.sold.length);
    expect(sold.itemSales[0]?.lastSoldPrice).toBeDefined();

    const withoutScope = createEbayApi({ config: settings, tokens: applicationTokens() });
    const failure = fromEbayApiFailure('Marketplace Insights', await withoutScope.buy.marketplaceInsights.search({ q: 'iphone' }).catch((error: unknown) => error));
    expect(failure.message).toMatch(/errorId 100017/);
  });
});
