import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { createAccountModule, FakeSellerPolicies } from './account.module.ts';
import { createBrowseModule, loadBrowseFixtureItems, loadItemSalesFixtureItems, type MarketItem } from './browse.module.ts';
import type { StartedFakeEbay } from './fake-ebay.ts';
import { createInventoryLocationModule, FakeInventoryLocations } from './inventory-location.module.ts';
import { createMarketplaceInsightsModule } from './marketplace-insights.module.ts';
import { loadOpenApi } from './openapi-shape.ts';

export interface FakeEbaySeller {
  policies: FakeSellerPolicies;
  locations: FakeInventoryLocations;
}

/**
 * Adds a seller's account to a started fake: the Account API's policy lists and the Inventory
 * API's locations, checked against eBay's contracts when ../shared/data is here. The seller
 * starts with no policies and no locations; tests add what they need.
 */
export function addFakeSeller(fake: StartedFakeEbay): FakeEbaySeller {
  const shared = hasSharedData();
  const policies = new FakeSellerPolicies(shared ? loadOpenApi(sharedPath('ebay-openapi', 'sell_account_v1_oas3.json')) : null);
  const locations = new FakeInventoryLocations(shared ? loadOpenApi(sharedPath('ebay-openapi', 'sell_inventory_v1_oas3.json')) : null);
  fake.server.use(createAccountModule(policies, fake.users));
  fake.server.use(createInventoryLocationModule(locations, fake.users));
  return { policies, locations };
}

/**
 * Adds Browse and Marketplace Insights search over eBay's real recorded results (shared data;
 * call only when hasSharedData() is true).
 */
export function addFakeMarketSearch(fake: StartedFakeEbay): { listings: MarketItem[]; sold: MarketItem[] } {
  const listings = loadBrowseFixtureItems();
  const sold = loadItemSalesFixtureItems();
  fake.server.use(createBrowseModule(listings));
  fake.server.use(createMarketplaceInsightsModule(sold, fake.users));
  return { listings, sold };
}
