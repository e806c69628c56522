import { requireUserScope } from './account.module.ts';
import { ebayErrorBody, type FakeEbayModule, type FakeRequest, type FakeResponse, type FakeRoute } from './fake-ebay-module.ts';
import type { FakeEbayUsers } from './oauth.module.ts';
import { findShapeProblems, type loadOpenApi } from './openapi-shape.ts';

const BASE = '/sell/inventory/v1';
const SELL_INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
const SELL_INVENTORY_READONLY = 'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly';
/** eBay takes at most 25 requests in one bulk call. */
const BULK_LIMIT = 25;

type OpenApiDocument = ReturnType<typeof loadOpenApi>;

interface EbayError {
  errorId: number;
  domain: string;
  category: string;
  message: string;
  longMessage?: string;
  parameters?: Array<{ name: string; value: string }>;
}

function inventoryError(errorId: number, message: string, parameters?: Record<string, string>, category: 'REQUEST' | 'APPLICATION' = 'REQUEST'): EbayError {
  return {
    errorId,
    domain: 'API_INVENTORY',
    category,
    message,
    ...(parameters ? { parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) } : {}),
  };
}

function failure(status: number, errors: EbayError[]): FakeResponse {
  return { status, body: ebayErrorBody(errors) };
}

export type ListingStatus = 'ACTIVE' | 'OUT_OF_STOCK' | 'ENDED';

export interface FakeOffer {
  offerId: string;
  sku: string;
  marketplaceId: string;
  format: string;
  /** The offer's fields as last written (createOffer or updateOffer). */
  details: Record<string, unknown>;
  status: 'PUBLISHED' | 'UNPUBLISHED';
  listing: { listingId: string; listingStatus: ListingStatus; soldQuantity: number } | null;
}

export interface FakeInventoryOptions {
  spec: OpenApiDocument;
  /** Whether eBay would take the category: a leaf of the marketplace's tree. */
  isLeafCategory?: (categoryId: string) => boolean;
  /** Inventory condition enums a category accepts; null accepts any. */
  allowedConditions?: (categoryId: string) => readonly string[] | null;
  /** Whether the seller has this inventory location; any non-empty key when left out. */
  hasLocation?: (merchantLocationKey: string) => boolean;
  /** Whether the seller has this business policy; any non-empty id when left out. */
  hasPolicy?: (kind: 'fulfillment' | 'payment' | 'return', policyId: string) => boolean;
  /** The sellers' grants: a call needs a user token with sell.inventory (or .readonly to read). */
  users?: FakeEbayUsers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * What the fake Inventory API holds for one seller: inventory items by SKU, offers, listings, and
 * the counts a test asserts on: offers created, listings published and live listings overwritten, per SKU.
 */
export class FakeInventoryData {
  readonly items = new Map<string, Record<string, unknown>>();
  readonly offers = new Map<string, FakeOffer>();
  readonly #offersCreated = new Map<string, number>();
  readonly #listingsPublished = new Map<string, number>();
  readonly #liveOverwrites = new Map<string, number>();
  #offerCounter = 0;
  #listingCounter = 0;

  offersCreatedFor(sku: string): number {
    return this.#offersCreated.get(sku) ?? 0;
  }

  listingsPublishedFor(sku: string): number {
    return this.#listingsPublished.get(sku) ?? 0;
  }

  /** Writes to the inventory item or offer of a SKU whose listing is live, sold or ended. */
  liveListingOverwritesFor(sku: string): number {
    return this.#liveOverwrites.get(sku) ?? 0;
  }

  offersOf(sku: string): FakeOffer[] {
    return [...this.offers.values()].filter((offer) => offer.sku === sku);
  }

  /** A listing made outside EasyFlip (Seller Hub, another tool): an item, a published offer, a listing. */
  seedListing(sku: string, listingStatus: ListingStatus = 'ACTIVE', marketplaceId = 'EBAY_US'): FakeOffer {
    this.items.set(sku, { product: { title: `Listed elsewhere ${sku}` }, condition: 'USED_EXCELLENT' });
    const offer = this.createOffer({ sku, marketplaceId, format: 'FIXED_PRICE' });
    this.#publish(offer);
    if (offer.listing) offer.listing.listingStatus = listingStatus;
    return offer;
  }

  setListingStatus(sku: string, listingStatus: ListingStatus): void {
    for (const offer of this.offersOf(sku)) if (offer.listing) offer.listing.listingStatus = listingStatus;
  }

  createOffer(details: Record<string, unknown>): FakeOffer {
    this.#offerCounter += 1;
    const offer: FakeOffer = {
      offerId: String(5_000_000_000 + this.#offerCounter),
      sku: String(details.sku),
      marketplaceId: String(details.marketplaceId),
      format: String(details.format),
      details: { ...details },
      status: 'UNPUBLISHED',
      listing: null,
    };
    this.offers.set(offer.offerId, offer);
    this.#offersCreated.set(offer.sku, this.offersCreatedFor(offer.sku) + 1);
    return offer;
  }

  /** Puts the offer live; publishing a live offer again revises its listing, as eBay does. */
  #publish(offer: FakeOffer): string {
    if (offer.listing && offer.status === 'PUBLISHED') {
      this.noteWriteToSku(offer.sku);
      return offer.listing.listingId;
    }
    this.#listingCounter += 1;
    const listingId = String(110_000_000_000 + this.#listingCounter);
    offer.status = 'PUBLISHED';
    offer.listing = { listingId, listingStatus: 'ACTIVE', soldQuantity: 0 };
    this.#listingsPublished.set(offer.sku, this.listingsPublishedFor(offer.sku) + 1);
    return listingId;
  }

  publish(offer: FakeOffer): string {
    return this.#publish(offer);
  }

  hasListing(sku: string): boolean {
    return this.offersOf(sku).some((offer) => offer.listing !== null);
  }

  noteWriteToSku(sku: string): void {
    if (this.hasListing(sku)) this.#liveOverwrites.set(sku, this.liveListingOverwritesFor(sku) + 1);
  }

  findOffer(sku: string, marketplaceId: string, format: string): FakeOffer | undefined {
    return this.offersOf(sku).find((offer) => offer.marketplaceId === marketplaceId && offer.format === format);
  }
}

const SKU_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;
const HEADER_LANGUAGE = /^[a-z]{2}-[A-Z]{2}$/;

/** eBay's schemas type product.aspects as a string, yet document and take a map of name to values. */
function checkAspects(aspects: unknown, at: string): string[] {
  if (aspects === undefined) return [];
  if (!isRecord(aspects)) return [`${at}: expected a map of name to values`];
  return Object.entries(aspects)
    .filter(([, values]) => !Array.isArray(values) || values.some((value) => typeof value !== 'string'))
    .map(([name]) => `${at}.${name}: expected an array of strings`);
}

function checkInventoryItemShape(spec: OpenApiDocument, schemaName: string, body: Record<string, unknown>, at = ''): string[] {
  const product = isRecord(body.product) ? body.product : null;
  const withoutAspects = product ? { ...body, product: Object.fromEntries(Object.entries(product).filter(([key]) => key !== 'aspects')) } : body;
  return [
    ...findShapeProblems(spec, schemaName, withoutAspects).map((problem) => `${at}${problem}`),
    ...checkAspects(product?.aspects, `${at}product.aspects`),
  ];
}

function parseJson(request: FakeRequest): { ok: true; value: unknown } | { ok: false; response: FakeResponse } {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return { ok: false, response: failure(400, [inventoryError(25709, 'Invalid value for header Content-Type.', { fieldName: 'Content-Type' })]) };
  }
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch {
    return { ok: false, response: failure(400, [inventoryError(25709, 'Invalid request. The request body is not valid JSON.')]) };
  }
}

function requireLanguage(request: FakeRequest): FakeResponse | null {
  const language = request.headers['content-language'];
  if (typeof language === 'string' && HEADER_LANGUAGE.test(language)) return null;
  return failure(400, [inventoryError(25709, 'Invalid value for header Content-Language.', { fieldName: 'Content-Language' })]);
}

function shapeFailure(problems: string[]): FakeResponse {
  return failure(400, [inventoryError(25709, `Invalid request. ${problems.join('; ')}`)]);
}

/**
 * eBay's Sell Inventory API for one seller, as far as publishing single-item listings goes:
 * inventory items (one by one and in bulk), offers (create, read, find by SKU, update, publish,
 * withdraw, bulk create and bulk publish, with 207 per-item results), checked against the OpenAPI
 * contract and against the fields eBay requires at publish time, answering eBay's errorIds.
 */
export function createInventoryModule(data: FakeInventoryData, options: FakeInventoryOptions): FakeEbayModule {
  const { spec } = options;
  const hasLocation = options.hasLocation ?? ((key: string) => key.trim() !== '');
  const hasPolicy = options.hasPolicy ?? ((_kind: string, id: string) => id.trim() !== '');

  function writeItem(sku: string, body: Record<string, unknown>): { status: number; errors: EbayError[] } {
    if (!SKU_PATTERN.test(sku)) {
      return { status: 400, errors: [inventoryError(25707, 'This is an invalid value for a SKU. Only alphanumeric characters can be used for SKUs, and their length must not exceed 50 characters.')] };
    }
    const product = isRecord(body.product) ? body.product : {};
    const title = typeof product.title === 'string' ? product.title : '';
    if (title.length > 80) return { status: 400, errors: [inventoryError(25080, 'The value of the title field is invalid. Field must not exceed 80 characters.', { fieldName: 'title' })] };
    const description = typeof product.description === 'string' ? product.description : '';
    if (description.length > 4000) {
      return { status: 400, errors: [inventoryError(25080, 'The value of the description field is invalid. Field must not exceed 4000 characters.', { fieldName: 'description' })] };
    }
    const conditionDescription = typeof body.conditionDescription === 'string' ? body.conditionDescription : '';
    if (conditionDescription.length > 1000) {
      return { status: 400, errors: [inventoryError(25080, 'The value of the conditionDescription field is invalid. Field must not exceed 1000 characters.')] };
    }
    const weight = isRecord(body.packageWeightAndSize) && isRecord(body.packageWeightAndSize.weight) ? body.packageWeightAndSize.weight : null;
    if (weight && (typeof weight.value !== 'number' || weight.value <= 0 || !['POUND', 'OUNCE', 'KILOGRAM', 'GRAM'].includes(String(weight.unit)))) {
      return { status: 400, errors: [inventoryError(25715, 'Invalid values for dimensions and/or weight of shipping package.')] };
    }
    const existed = data.items.has(sku);
    data.noteWriteToSku(sku);
    data.items.set(sku, structuredClone(body));
    return { status: existed ? 204 : 201, errors: [] };
  }

  function checkOfferFields(details: Record<string, unknown>): EbayError[] {
    if (details.format !== 'FIXED_PRICE' && details.format !== 'AUCTION') return [inventoryError(25709, 'Invalid value for field format.', { fieldName: 'format' })];
    if (details.format === 'FIXED_PRICE' && isRecord(details.pricingSummary) && (details.pricingSummary.auctionStartPrice || details.pricingSummary.auctionReservePrice)) {
      return [inventoryError(25758, 'auctionStartPrice and auctionReservePrice are not supported for fixed price offer.')];
    }
    return [];
  }

  function createOffer(body: Record<string, unknown>): { status: number; offer?: FakeOffer; errors: EbayError[] } {
    const sku = text(body.sku);
    const marketplaceId = text(body.marketplaceId);
    if (!sku || !marketplaceId) {
      return { status: 400, errors: [inventoryError(25709, `Invalid value for field ${sku ? 'marketplaceId' : 'sku'}.`, { fieldName: sku ? 'marketplaceId' : 'sku' })] };
    }
    const fieldErrors = checkOfferFields(body);
    if (fieldErrors.length > 0) return { status: 400, errors: fieldErrors };
    if (!data.items.has(sku)) return { status: 400, errors: [inventoryError(25702, `SKU ${sku} is not available in the system`, { sku })] };
    const existing = data.findOffer(sku, marketplaceId, String(body.format));
    if (existing) {
      return { status: 400, errors: [inventoryError(25002, 'A user error has occurred. Offer entity already exists.', { offerId: existing.offerId })] };
    }
    return { status: 201, offer: data.createOffer(body), errors: [] };
  }

  /** The fields eBay requires of an offer and its inventory item before it goes live (its contract says so in prose). */
  function checkPublishable(offer: FakeOffer): EbayError[] {
    const errors: EbayError[] = [];
    const details = offer.details;
    const item = data.items.get(offer.sku);
    if (!item) return [inventoryError(25702, `SKU ${offer.sku} is not available in the system`, { sku: offer.sku })];
    const product = isRecord(item.product) ? item.product : {};
    const categoryId = text(details.categoryId);
    if (!categoryId || (options.isLeafCategory && !options.isLeafCategory(categoryId))) {
      errors.push(inventoryError(25005, `Invalid category. ${categoryId ? `Category ${categoryId} is not a leaf category.` : 'The category ID is missing.'}`));
    }
    const price = isRecord(details.pricingSummary) && isRecord(details.pricingSummary.price) ? details.pricingSummary.price : null;
    if (!price || !text(price.currency) || !/^\d+(\.\d{1,2})?$/.test(text(price.value) ?? '') || Number(price.value) <= 0) {
      errors.push(inventoryError(25003, 'Invalid price. The offer has no price, or a price that is not an amount.'));
    }
    const policies = isRecord(details.listingPolicies) ? details.listingPolicies : {};
    const policyChecks: Array<[string, 'fulfillment' | 'payment' | 'return', number]> = [
      ['fulfillmentPolicyId', 'fulfillment', 25007],
      ['paymentPolicyId', 'payment', 25008],
      ['returnPolicyId', 'return', 25009],
    ];
    for (const [field, kind, errorId] of policyChecks) {
      const id = text(policies[field]);
      if (!id || !hasPolicy(kind, id)) errors.push(inventoryError(errorId, `Invalid ${kind} policy information. ${id ? `Policy ${id} was not found.` : `${field} is missing.`}`));
    }
    const location = text(details.merchantLocationKey);
    if (!location || !hasLocation(location)) {
      errors.push(inventoryError(25012, `Invalid location. ${location ? `No inventory location ${location}.` : 'merchantLocationKey is missing.'}`));
    }
    if (offer.format === 'FIXED_PRICE' && details.listingDuration !== 'GTC') {
      errors.push(inventoryError(25002, 'A user error has occurred. listingDuration must be GTC for a fixed-price listing.', { fieldName: 'listingDuration' }));
    }
    if (!text(product.title)) errors.push(inventoryError(25017, 'Missing information in fields. The title is missing.', { fieldName: 'title' }));
    if (!text(details.listingDescription) && !text(product.description)) {
      errors.push(inventoryError(25017, 'Missing information in fields. The description is missing.', { fieldName: 'description' }));
    }
    const imageUrls = Array.isArray(product.imageUrls) ? product.imageUrls.filter((url): url is string => typeof url === 'string') : [];
    if (imageUrls.length === 0) errors.push(inventoryError(25017, 'Missing information in fields. At least one picture is required.', { fieldName: 'imageUrls' }));
    else if (imageUrls.length > 24) errors.push(inventoryError(25014, 'Invalid pictures. A listing takes at most 24 pictures.'));
    const notHttps = imageUrls.find((url) => !url.startsWith('https://'));
    if (notHttps) errors.push(inventoryError(25015, `Invalid picture URL. ${notHttps} is not an https address.`));
    const condition = text(item.condition);
    const allowed = categoryId ? (options.allowedConditions?.(categoryId) ?? null) : null;
    if (!condition) errors.push(inventoryError(25021, 'Invalid condition information. The condition is missing.'));
    else if (allowed && !allowed.includes(condition)) {
      errors.push(inventoryError(25021, `Invalid condition information. ${condition} is not a condition of category ${categoryId}.`));
    }
    const availability = isRecord(item.availability) && isRecord(item.availability.shipToLocationAvailability) ? item.availability.shipToLocationAvailability : null;
    if (!availability || typeof availability.quantity !== 'number' || availability.quantity < 1) {
      errors.push(inventoryError(25004, 'Invalid quantity. The inventory item has no quantity to sell.'));
    }
    return errors;
  }

  function publishOne(offerId: string): { status: number; listingId?: string; errors: EbayError[] } {
    const offer = data.offers.get(offerId);
    if (!offer) return { status: 404, errors: [inventoryError(25713, `This Offer is not available : ${offerId}.`)] };
    if (offer.listing && offer.listing.listingStatus !== 'ACTIVE') {
      return { status: 400, errors: [inventoryError(25019, `Cannot revise the listing: listing ${offer.listing.listingId} has ended.`)] };
    }
    const errors = checkPublishable(offer);
    if (errors.length > 0) return { status: 400, errors };
    return { status: 200, listingId: data.publish(offer), errors: [] };
  }

  function toOfferBody(offer: FakeOffer): Record<string, unknown> {
    return {
      ...offer.details,
      offerId: offer.offerId,
      sku: offer.sku,
      marketplaceId: offer.marketplaceId,
      format: offer.format,
      status: offer.status,
      ...(offer.listing ? { listing: { ...offer.listing, listingOnHold: false } } : {}),
    };
  }

  const withScope = (route: FakeRoute): FakeRoute => ({
    ...route,
    handle(request) {
      const accepted = route.method === 'GET' ? [SELL_INVENTORY, SELL_INVENTORY_READONLY] : [SELL_INVENTORY];
      const refused = options.users ? requireUserScope(options.users, request, accepted) : null;
      return refused ?? route.handle(request);
    },
  });

  const routes: FakeRoute[] = [
    {
      method: 'PUT',
      path: `${BASE}/inventory_item/:sku`,
      operation: 'createOrReplaceInventoryItem',
      auth: 'user',
      handle(request) {
        const language = requireLanguage(request);
        if (language) return language;
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        if (!isRecord(parsed.value)) return shapeFailure(['(root): expected object']);
        const problems = checkInventoryItemShape(spec, 'InventoryItem', parsed.value);
        if (problems.length > 0) return shapeFailure(problems);
        const result = writeItem(request.params.sku ?? '', parsed.value);
        return result.errors.length > 0 ? failure(result.status, result.errors) : { status: result.status === 201 ? 201 : 204, ...(result.status === 201 ? { body: { warnings: [] } } : {}) };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/inventory_item/:sku`,
      operation: 'getInventoryItem',
      auth: 'user',
      handle(request) {
        const sku = request.params.sku ?? '';
        const item = data.items.get(sku);
        if (!item) return failure(404, [inventoryError(25710, "We didn't find the resource/entity you are requesting. Please verify the request")]);
        return { status: 200, body: { ...item, sku, locale: 'en_US' } };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/inventory_item/:sku`,
      operation: 'deleteInventoryItem',
      auth: 'user',
      handle(request) {
        const sku = request.params.sku ?? '';
        if (!data.items.delete(sku)) return failure(404, [inventoryError(25710, "We didn't find the resource/entity you are requesting. Please verify the request")]);
        for (const offer of data.offersOf(sku)) if (offer.status === 'UNPUBLISHED') data.offers.delete(offer.offerId);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/bulk_create_or_replace_inventory_item`,
      operation: 'bulkCreateOrReplaceInventoryItem',
      auth: 'user',
      handle(request) {
        const language = requireLanguage(request);
        if (language) return language;
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        const requests = isRecord(parsed.value) && Array.isArray(parsed.value.requests) ? parsed.value.requests : null;
        if (!requests || requests.length === 0) return shapeFailure(['requests: expected a non-empty array']);
        const problems = findShapeProblems(spec, 'BulkInventoryItem', { requests: [] }).concat(
          requests.flatMap((entry, index) => (isRecord(entry) ? checkInventoryItemShape(spec, 'InventoryItemWithSkuLocale', entry, `requests[${index}].`) : [`requests[${index}]: expected object`])),
        );
        if (problems.length > 0) return shapeFailure(problems);
        if (requests.length > BULK_LIMIT) return failure(400, [inventoryError(25727, `The number of InventoryItems in the request cannot exceed ${BULK_LIMIT}.`)]);
        const entries = requests as Array<Record<string, unknown>>;
        const skus = entries.map((entry) => text(entry.sku));
        if (skus.some((sku) => sku === null) || entries.some((entry) => !text(entry.locale))) {
          return failure(400, [inventoryError(25733, 'Valid SKU and locale information are required for all the InventoryItems in the request.')]);
        }
        if (new Set(skus).size !== skus.length) return failure(400, [inventoryError(25728, 'InventoryItems should be unique in the request.')]);
        const responses = entries.map((entry) => {
          const { sku, locale, ...item } = entry;
          const result = writeItem(String(sku), item);
          return {
            statusCode: result.errors.length > 0 ? result.status : result.status === 201 ? 201 : 200,
            sku: String(sku),
            locale: String(locale),
            ...(result.errors.length > 0 ? { errors: result.errors } : { warnings: [] }),
          };
        });
        return { status: responses.some((entry) => entry.statusCode >= 400) ? 207 : 200, body: { responses } };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/offer`,
      operation: 'getOffers',
      auth: 'user',
      handle(request) {
        const sku = request.query.get('sku');
        if (!sku) return failure(400, [inventoryError(25709, 'Invalid request. Invalid value for field sku.', { fieldName: 'sku' })]);
        const limit = Number(request.query.get('limit') ?? '25');
        const offset = Number(request.query.get('offset') ?? '0');
        if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(offset) || offset < 0) {
          return failure(400, [inventoryError(25706, 'You have provided invalid pagination values.')]);
        }
        const marketplaceId = request.query.get('marketplace_id');
        const format = request.query.get('format');
        const found = data
          .offersOf(sku)
          .filter((offer) => (!marketplaceId || offer.marketplaceId === marketplaceId) && (!format || offer.format === format));
        if (found.length === 0) return failure(404, [inventoryError(25713, 'This Offer is not available : no offer exists for this SKU.')]);
        const page = found.slice(offset, offset + limit);
        return { status: 200, body: { href: request.path, limit, offers: page.map(toOfferBody), size: page.length, total: found.length } };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/offer`,
      operation: 'createOffer',
      auth: 'user',
      handle(request) {
        const language = requireLanguage(request);
        if (language) return language;
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        if (!isRecord(parsed.value)) return shapeFailure(['(root): expected object']);
        const problems = findShapeProblems(spec, 'EbayOfferDetailsWithKeys', parsed.value);
        if (problems.length > 0) return shapeFailure(problems);
        const result = createOffer(parsed.value);
        return result.offer ? { status: 201, body: { offerId: result.offer.offerId, warnings: [] } } : failure(result.status, result.errors);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/offer/:offerId`,
      operation: 'getOffer',
      auth: 'user',
      handle(request) {
        const offer = data.offers.get(request.params.offerId ?? '');
        if (!offer) return failure(404, [inventoryError(25713, `This Offer is not available : ${request.params.offerId ?? ''}.`)]);
        return { status: 200, body: toOfferBody(offer) };
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/offer/:offerId`,
      operation: 'updateOffer',
      auth: 'user',
      handle(request) {
        const language = requireLanguage(request);
        if (language) return language;
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        if (!isRecord(parsed.value)) return shapeFailure(['(root): expected object']);
        const problems = findShapeProblems(spec, 'EbayOfferDetailsWithId', parsed.value);
        if (problems.length > 0) return shapeFailure(problems);
        const offer = data.offers.get(request.params.offerId ?? '');
        if (!offer) return failure(404, [inventoryError(25713, `This Offer is not available : ${request.params.offerId ?? ''}.`)]);
        const fieldErrors = checkOfferFields({ ...parsed.value, format: offer.format });
        if (fieldErrors.length > 0) return failure(400, fieldErrors);
        data.noteWriteToSku(offer.sku);
        offer.details = { ...parsed.value, sku: offer.sku, marketplaceId: offer.marketplaceId, format: offer.format };
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/offer/:offerId/publish`,
      operation: 'publishOffer',
      auth: 'user',
      handle(request) {
        const result = publishOne(request.params.offerId ?? '');
        return result.listingId ? { status: 200, body: { listingId: result.listingId, warnings: [] } } : failure(result.status, result.errors);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/offer/:offerId/withdraw`,
      operation: 'withdrawOffer',
      auth: 'user',
      handle(request) {
        const offer = data.offers.get(request.params.offerId ?? '');
        if (!offer) return failure(404, [inventoryError(25713, `This Offer is not available : ${request.params.offerId ?? ''}.`)]);
        offer.status = 'UNPUBLISHED';
        if (offer.listing) offer.listing.listingStatus = 'ENDED';
        return { status: 200, body: { listingId: offer.listing?.listingId, warnings: [] } };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/bulk_create_offer`,
      operation: 'bulkCreateOffer',
      auth: 'user',
      handle(request) {
        const language = requireLanguage(request);
        if (language) return language;
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        const problems = findShapeProblems(spec, 'BulkEbayOfferDetailsWithKeys', parsed.value);
        if (problems.length > 0) return shapeFailure(problems);
        const requests = isRecord(parsed.value) && Array.isArray(parsed.value.requests) ? (parsed.value.requests as Array<Record<string, unknown>>) : [];
        if (requests.length === 0) return shapeFailure(['requests: expected a non-empty array']);
        if (requests.length > BULK_LIMIT) return failure(400, [inventoryError(25730, `The number of offers in the request cannot exceed ${BULK_LIMIT}.`)]);
        const keys = requests.map((entry) => `${String(entry.sku)}|${String(entry.marketplaceId)}|${String(entry.format)}`);
        if (new Set(keys).size !== keys.length) return failure(400, [inventoryError(25729, 'The combination of SKU, marketplaceId and format should be unique.')]);
        const responses = requests.map((entry) => {
          const result = createOffer(entry);
          return {
            statusCode: result.offer ? 201 : result.status,
            sku: text(entry.sku) ?? '',
            marketplaceId: text(entry.marketplaceId) ?? '',
            format: text(entry.format) ?? '',
            ...(result.offer ? { offerId: result.offer.offerId, warnings: [] } : { errors: result.errors }),
          };
        });
        return { status: responses.some((entry) => entry.statusCode >= 400) ? 207 : 200, body: { responses } };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/bulk_publish_offer`,
      operation: 'bulkPublishOffer',
      auth: 'user',
      handle(request) {
        const parsed = parseJson(request);
        if (!parsed.ok) return parsed.response;
        const problems = findShapeProblems(spec, 'BulkOffer', parsed.value);
        if (problems.length > 0) return shapeFailure(problems);
        const requests = isRecord(parsed.value) && Array.isArray(parsed.value.requests) ? (parsed.value.requests as Array<Record<string, unknown>>) : [];
        if (requests.length === 0) return shapeFailure(['requests: expected a non-empty array']);
        if (requests.length > BULK_LIMIT) return failure(400, [inventoryError(25730, `The number of offers in the request cannot exceed ${BULK_LIMIT}.`)]);
        const offerIds = requests.map((entry) => text(entry.offerId) ?? '');
        if (new Set(offerIds).size !== offerIds.length) return failure(400, [inventoryError(25731, 'OfferId should be unique in the request.')]);
        const responses = offerIds.map((offerId) => {
          const result = publishOne(offerId);
          return {
            statusCode: result.listingId ? 200 : result.status,
            offerId,
            ...(result.listingId ? { listingId: result.listingId, warnings: [] } : { errors: result.errors }),
          };
        });
        return { status: responses.some((entry) => entry.statusCode >= 400) ? 207 : 200, body: { responses } };
      },
    },
  ];
  return { name: 'inventory', routes: routes.map(withScope) };
}
