import { readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-data.ts';
import { ebayErrorBody, type FakeEbayModule, type FakeRequest, type FakeResponse } from './fake-ebay-module.ts';

const BASE = '/buy/browse/v1';

/** A listing as Browse and Marketplace Insights describe it (eBay's ItemSummary / ItemSales shape). */
export type MarketItem = Record<string, unknown> & { itemId: string; title: string };

function isMarketItem(value: unknown): value is MarketItem {
  if (typeof value !== 'object' || value === null) return false;
  const { itemId, title } = value as { itemId?: unknown; title?: unknown };
  return typeof itemId === 'string' && typeof title === 'string';
}

/**
 * The real Browse search results under ../shared/data/ebay-fixtures/browse (callers check
 * hasSharedData() first): the two production `q=iphone` pages and the sandbox clothes and shoes
 * lines, without the two fields the scraper that saved those lines added.
 */
export function loadBrowseFixtureItems(): MarketItem[] {
  const items = new Map<string, MarketItem>();
  for (const name of ['search_q-iphone_limit100_bestmatch_EBAY_US_2023.json', 'search_q-iphone_limit100_sort-price_EBAY_US_2023.json']) {
    const page = JSON.parse(readFileSync(sharedPath('ebay-fixtures', 'browse', name), 'utf8')) as { itemSummaries?: unknown[] };
    for (const item of page.itemSummaries ?? []) if (isMarketItem(item)) items.set(item.itemId, item);
  }
  for (const name of ['sandbox_search_q-clothes_items_with_description.jsonl', 'sandbox_search_q-shoes_items_with_description.jsonl']) {
    for (const line of readFileSync(sharedPath('ebay-fixtures', 'browse', name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed: unknown = JSON.parse(line);
      if (!isMarketItem(parsed)) continue;
      const { itemDescription: _description, keyword: _keyword, ...item } = parsed;
      items.set(item.itemId, item);
    }
  }
  return [...items.values()];
}

/** eBay's sold-item sample (Marketplace Insights documentation) under ../shared/data/ebay-fixtures. */
export function loadItemSalesFixtureItems(): MarketItem[] {
  const file = sharedPath('ebay-fixtures', 'marketplace-insights', 'item_sales_search_q-iphone_category_ids-9355_limit3_EBAYDOCS_SAMPLE.json');
  const page = JSON.parse(readFileSync(file, 'utf8')) as { itemSales?: unknown[] };
  return (page.itemSales ?? []).filter(isMarketItem);
}

function categoryIdsOf(item: MarketItem): string[] {
  const ids = new Set<string>();
  if (Array.isArray(item.leafCategoryIds)) for (const id of item.leafCategoryIds) if (typeof id === 'string') ids.add(id);
  if (Array.isArray(item.categories)) {
    for (const category of item.categories) {
      const id = (category as { categoryId?: unknown }).categoryId;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return [...ids];
}

export interface SearchErrors {
  domain: string;
  missingQuery: number;
  badOffset: number;
  badLimit: number;
}

/**
 * A keyword search over a pool of listings, as both search APIs page it: every word of `q` in
 * the title, any of `category_ids` among the item's categories, `limit` 1–200, `offset` ≥ 0.
 */
export function searchItems(pool: readonly MarketItem[], request: FakeRequest, errors: SearchErrors, listField: string, basePath: string): FakeResponse {
  const fail = (errorId: number, message: string): FakeResponse => ({
    status: 400,
    body: ebayErrorBody([{ errorId, domain: errors.domain, category: 'REQUEST', message }]),
  });
  const q = request.query.get('q')?.trim() ?? '';
  const categoryIds = (request.query.get('category_ids') ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (q === '' && categoryIds.length === 0 && !request.query.get('epid') && !request.query.get('gtin')) {
    return fail(errors.missingQuery, "The call must have a valid 'q', 'category_ids', 'epid' or 'gtin' query parameter.");
  }
  const limitText = request.query.get('limit') ?? '50';
  const offsetText = request.query.get('offset') ?? '0';
  if (!/^\d+$/.test(offsetText)) return fail(errors.badOffset, "The 'offset' value cannot be negative and must be an integer.");
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 200) return fail(errors.badLimit, "The 'limit' value should be between 1 and 200 (inclusive).");
  const offset = Number(offsetText);

  const words = q.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const matches = pool.filter((item) => {
    const title = item.title.toLowerCase();
    if (!words.every((word) => title.includes(word))) return false;
    return categoryIds.length === 0 || categoryIdsOf(item).some((id) => categoryIds.includes(id));
  });
  const page = matches.slice(offset, offset + limit);
  const href = `https://api.ebay.com${basePath}?${request.query.toString()}`;
  const body: Record<string, unknown> = { href, total: matches.length, limit, offset };
  if (offset + limit < matches.length) {
    const next = new URLSearchParams(request.query);
    next.set('offset', String(offset + limit));
    body.next = `https://api.ebay.com${basePath}?${next.toString()}`;
  }
  if (page.length > 0) body[listField] = page;
  return { status: 200, body };
}

/** The Browse API's keyword search (GET /buy/browse/v1/item_summary/search) over the given listings. */
export function createBrowseModule(pool: readonly MarketItem[]): FakeEbayModule {
  return {
    name: 'browse',
    routes: [
      {
        method: 'GET',
        path: `${BASE}/item_summary/search`,
        operation: 'search',
        auth: 'application',
        handle: (request) =>
          searchItems(pool, request, { domain: 'API_BROWSE', missingQuery: 12001, badOffset: 12004, badLimit: 12006 }, 'itemSummaries', `${BASE}/item_summary/search`),
      },
    ],
  };
}
