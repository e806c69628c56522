import { searchItems, type MarketItem } from './browse.module.ts';
import { ebayErrorBody, type FakeEbayModule } from './fake-ebay-module.ts';
import type { FakeEbayUsers } from './oauth.module.ts';

const BASE = '/buy/marketplace_insights/v1_beta';
const INSIGHTS_SCOPE = 'https://api.ebay.com/oauth/api_scope/buy.marketplace.insights';

/**
 * Marketplace Insights' sold-item search (GET /buy/marketplace_insights/v1_beta/item_sales/search)
 * over the given sold listings: a token holding buy.marketplace.insights (a limited-release
 * scope) and the X-EBAY-C-MARKETPLACE-ID header, with the API's own error ids.
 */
export function createMarketplaceInsightsModule(sold: readonly MarketItem[], users: FakeEbayUsers): FakeEbayModule {
  return {
    name: 'marketplace-insights',
    routes: [
      {
        method: 'GET',
        path: `${BASE}/item_sales/search`,
        operation: 'searchItemSales',
        auth: 'application',
        handle(request) {
          if (!users.anyScopesOf(request.headers.authorization)?.includes(INSIGHTS_SCOPE)) {
            return { status: 400, body: ebayErrorBody([{ errorId: 100017, domain: 'API_MARKETPLACE_INSIGHTS', category: 'REQUEST', message: 'Insufficient permissions to use this API.' }]) };
          }
          if (!request.headers['x-ebay-c-marketplace-id']) {
            return {
              status: 400,
              body: ebayErrorBody([
                { errorId: 100020, domain: 'API_MARKETPLACE_INSIGHTS', category: 'REQUEST', message: "The header 'X-EBAY-C-MARKETPLACE-ID' is required. The valid Marketplaces are: EBAY_US." },
              ]),
            };
          }
          return searchItems(sold, request, { domain: 'API_MARKETPLACE_INSIGHTS', missingQuery: 100001, badOffset: 100002, badLimit: 100003 }, 'itemSales', `${BASE}/item_sales/search`);
        },
      },
    ],
  };
}
