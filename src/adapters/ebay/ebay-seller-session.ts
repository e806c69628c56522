import { createEbayApi, createEbayApiRequest, type EbayApiSettings } from './ebay-api-factory.ts';
import type { EbayTokenSource } from './ebay-application-token-provider.ts';
import { EbayMediaApi } from './ebay-media-api.ts';
import type { InventoryItemPayload } from '../../domain/listing/ebay-listing-payload.ts';
import { contentLanguageOf, type InventoryCalls, type SellerSession } from './ebay-sell-listing-publisher.ts';

export interface EbaySellerSessionOptions {
  /** How many 429s in a row a picture upload waits out before the queue takes over. */
  maxRateLimitWaits?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  retryBaseDelayMs?: number;
}

/**
 * One seller's clients over one request client and token source: ebay-api's Inventory client
 * (with the Content-Language eBay requires on its writes) and our Media API client for pictures.
 */
export function createEbaySellerSession(config: EbayApiSettings, tokens: EbayTokenSource, options: EbaySellerSessionOptions = {}): SellerSession {
  const request = createEbayApiRequest(config, { tokens, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const api = createEbayApi({ config, tokens, request });
  const inventory = wrapInventoryClient(api.sell.inventory.api({ headers: { 'Content-Language': contentLanguageOf(config.marketplaceId) } }));
  const pictures = new EbayMediaApi({
    request,
    tokens,
    environment: config.environment,
    ...(options.maxRateLimitWaits !== undefined ? { maxRateLimitWaits: options.maxRateLimitWaits } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.retryBaseDelayMs !== undefined ? { retryBaseDelayMs: options.retryBaseDelayMs } : {}),
  });
  return { inventory, pictures };
}

type EbayInventoryClient = ReturnType<typeof createEbayApi>['sell']['inventory'];
type EbayInventoryItem = Parameters<EbayInventoryClient['createOrReplaceInventoryItem']>[1];

/**
 * eBay's contract types product.aspects as a string although eBay takes (and documents) a map of
 * name to values; ebay-api's generated types follow the contract, so the item is handed over as such.
 */
function toEbayApiItem<T extends InventoryItemPayload>(item: T): Omit<T, 'product'> & { product: EbayInventoryItem['product'] } {
  return item as unknown as Omit<T, 'product'> & { product: EbayInventoryItem['product'] };
}

function wrapInventoryClient(inventory: EbayInventoryClient): InventoryCalls {
  return {
    createOrReplaceInventoryItem: (sku, body) => inventory.createOrReplaceInventoryItem(sku, toEbayApiItem(body)),
    bulkCreateOrReplaceInventoryItem: (body) => inventory.bulkCreateOrReplaceInventoryItem({ requests: body.requests.map(toEbayApiItem) }),
    getOffers: (query) => inventory.getOffers(query),
    getOffer: (offerId) => inventory.getOffer(offerId),
    createOffer: (body) => inventory.createOffer(body),
    updateOffer: (offerId, body) => inventory.updateOffer(offerId, body),
    publishOffer: (offerId) => inventory.publishOffer(offerId),
    bulkCreateOffer: (body) => inventory.bulkCreateOffer(body),
    bulkPublishOffer: (body) => inventory.bulkPublishOffer(body),
  };
}
