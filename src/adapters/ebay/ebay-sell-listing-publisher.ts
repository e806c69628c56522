import { z } from 'zod';
import { EasyFlipError, PermanentError, RateLimitedError } from '../../contracts/errors.ts';
import {
  buildInventoryItemPayload,
  buildOfferPayload,
  type InventoryItemPayload,
  type OfferPayload,
} from '../../domain/listing/ebay-listing-payload.ts';
import { validateListing } from '../../domain/listing/preflight-validator.ts';
import type { Logger } from '../../ports/logger.ts';
import type {
  BulkPublishResult,
  ListingPublisher,
  PublishedListing,
  PublishingSetupSource,
  PublishInput,
} from '../../ports/listing-publisher.ts';
import type { MarketplaceEnvironment, PublicationRecord, PublicationRepository } from '../../ports/publication-repositories.ts';
import { chunk, isBulkSuccess, readBulkResults, type BulkItemResult } from './ebay-bulk-results.ts';
import { OFFER_EXISTS_ERROR_ID, OFFER_GONE_ERROR_IDS } from './ebay-error-catalog.ts';
import type { EbayPictureUploader, PictureUploadTarget } from './ebay-picture-uploader.ts';
import {
  EbayListingRefusedError,
  explainEbayErrors,
  explainEbayFailure,
  readFailureErrorIds,
  readFailureParameter,
} from './ebay-publish-errors.ts';

/** The Sell Inventory calls the publisher makes, as ebay-api's `sell.inventory` client offers them. */
export interface InventoryCalls {
  createOrReplaceInventoryItem(sku: string, body: InventoryItemPayload): Promise<unknown>;
  bulkCreateOrReplaceInventoryItem(body: { requests: Array<InventoryItemPayload & { sku: string; locale: string }> }): Promise<unknown>;
  getOffers(query: { sku: string; marketplaceId?: string; format?: string; limit?: number; offset?: number }): Promise<unknown>;
  getOffer(offerId: string): Promise<unknown>;
  createOffer(body: OfferPayload): Promise<unknown>;
  updateOffer(offerId: string, body: Omit<OfferPayload, 'sku' | 'marketplaceId' | 'format'>): Promise<unknown>;
  publishOffer(offerId: string): Promise<unknown>;
  bulkCreateOffer(body: { requests: OfferPayload[] }): Promise<unknown>;
  bulkPublishOffer(body: { requests: Array<{ offerId: string }> }): Promise<unknown>;
}

/** One seller's clients: the Inventory API through ebay-api, pictures through the Media API. */
export interface SellerSession {
  inventory: InventoryCalls;
  pictures: PictureUploadTarget;
}

export interface EbaySellListingPublisherOptions {
  environment: MarketplaceEnvironment;
  setup: PublishingSetupSource;
  publications: PublicationRepository;
  pictures: EbayPictureUploader;
  /** The seller's clients, made once per account (their token source is the account's). */
  openSession: (accountId: string) => SellerSession;
  logger?: Logger;
  /** Passing faults (5xx, 25001, lost connections) retried inside a call before the queue retries the job. */
  transientRetries?: number;
  retryBaseDelayMs?: number;
  /** Longest Retry-After waited inside a call; a longer one goes back to the queue, which waits it out. */
  maxInlineRateLimitWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const LISTING_URL_BASES: Readonly<Record<MarketplaceEnvironment, string>> = {
  production: 'https://www.ebay.com/itm/',
  sandbox: 'https://sandbox.ebay.com/itm/',
};

/** The language of the listing text, which eBay wants in Content-Language (and, as a locale, in bulk items). */
const MARKETPLACE_LANGUAGES: Readonly<Record<string, string>> = {
  EBAY_US: 'en-US',
  EBAY_MOTORS: 'en-US',
  EBAY_CA: 'en-CA',
  EBAY_GB: 'en-GB',
  EBAY_AU: 'en-AU',
  EBAY_IE: 'en-IE',
  EBAY_DE: 'de-DE',
  EBAY_AT: 'de-AT',
  EBAY_CH: 'de-CH',
  EBAY_FR: 'fr-FR',
  EBAY_IT: 'it-IT',
  EBAY_ES: 'es-ES',
  EBAY_NL: 'nl-NL',
  EBAY_PL: 'pl-PL',
};

export function contentLanguageOf(marketplaceId: string): string {
  return MARKETPLACE_LANGUAGES[marketplaceId] ?? 'en-US';
}

export function listingUrlOf(environment: MarketplaceEnvironment, listingId: string): string {
  return `${LISTING_URL_BASES[environment]}${encodeURIComponent(listingId)}`;
}

const OfferSummary = z.looseObject({
  offerId: z.string(),
  sku: z.string().optional(),
  marketplaceId: z.string().optional(),
  format: z.string().optional(),
  status: z.string().optional(),
  listing: z.looseObject({ listingId: z.string().optional(), listingStatus: z.string().optional() }).optional(),
});
type OfferSummary = z.infer<typeof OfferSummary>;
const OffersPage = z.looseObject({ offers: z.array(OfferSummary).optional(), total: z.number().optional() });
const CreatedOffer = z.looseObject({ offerId: z.string().min(1) });
const PublishedOffer = z.looseObject({ listingId: z.string().min(1) });

/** Codes of the pre-flight check that depend on publishing (the rest was checked when the listing was composed). */
const PUBLISHING_ISSUES = new Set(['SKU_INVALID', 'PHOTO_MISSING', 'PRICE_MISSING', 'POLICY_MISSING', 'LOCATION_MISSING']);
/** getOffers' answers for a SKU without offers (no inventory item yet, or no offer). */
const NO_OFFER_ERROR_IDS = new Set([25702, 25713]);
const OFFERS_PAGE_SIZE = 100;

interface Prepared {
  input: PublishInput;
  sku: string;
  subject: string;
  marketplaceId: string;
  record: PublicationRecord;
  offer: OfferPayload;
  /** An unpublished offer of ours or of an earlier attempt, to reuse. */
  existingOfferId: string | null;
}

function describeListingState(offer: OfferSummary): string {
  const status = offer.listing?.listingStatus;
  if (status === 'OUT_OF_STOCK') return 'sold';
  if (status === 'ENDED') return 'ended';
  return 'live';
}

function withoutKeys(offer: OfferPayload): Omit<OfferPayload, 'sku' | 'marketplaceId' | 'format'> {
  const { sku: _sku, marketplaceId: _marketplaceId, format: _format, ...rest } = offer;
  return rest;
}

/**
 * Publishes items on eBay through the Sell Inventory API (ebay-api's `sell.inventory` client):
 * pictures to eBay Picture Service, the inventory item written, the SKU's offer found or created,
 * published. Each step is recorded as eBay confirms it, so a retry, even after a crash between
 * creating the offer and publishing it, reuses that offer (the record, getOffers, or 25002's
 * offerId) and never makes a second one. A SKU whose listing is live, sold or ended and is not
 * this item's is never written to: the item fails with a sentence saying so.
 */
export class EbaySellListingPublisher implements ListingPublisher {
  readonly #options: EbaySellListingPublisherOptions;
  readonly #sessions = new Map<string, SellerSession>();
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: EbaySellListingPublisherOptions) {
    this.#options = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async publish(input: PublishInput): Promise<PublishedListing> {
    const prepared = await this.#prepare(input);
    if ('listing' in prepared) return prepared.listing;
    const { record, subject } = prepared;
    const session = this.#session(input.accountId);
    try {
      const recovered = await this.#checkSkuOnEbay(session, prepared);
      if (recovered) return recovered;
      const imageUrls = await this.#options.pictures.ensureUploaded(input.photos, session.pictures, subject);
      const item = buildInventoryItemPayload({ listing: input.listing, imageUrls, weightGrams: input.item.weight?.grams ?? null, marketplaceId: prepared.marketplaceId });
      await this.#call('createOrReplaceInventoryItem', subject, () => session.inventory.createOrReplaceInventoryItem(prepared.sku, item));
      await this.#options.publications.recordInventoryItemPut(record.itemId);
      const offerId = await this.#ensureOffer(session, prepared);
      return await this.#publishOffer(session, prepared, offerId);
    } catch (error) {
      const explained = explainEbayFailure('publish', subject, error);
      await this.#options.publications.recordError(record.itemId, explained.message);
      throw explained;
    }
  }

  /**
   * Several items through eBay's bulk calls, 25 at a time: inventory items, then offers, then
   * publishing, each call's 207 read item by item. Items refused at any step are reported with
   * the reason and left out of the next steps; the others go on. The same records are kept as for
   * one item, so a later single publish picks up where a bulk one stopped.
   */
  async publishMany(inputs: readonly PublishInput[]): Promise<BulkPublishResult[]> {
    const results = new Map<string, BulkPublishResult>();
    const fail = (itemId: string, error: unknown, subject: string): void => {
      const explained = explainEbayFailure('publish', subject, error);
      results.set(itemId, { itemId, outcome: 'failed', message: explained.message, retryable: explained.retryable });
    };
    const byAccount = new Map<string, Prepared[]>();
    for (const input of inputs) {
      try {
        const prepared = await this.#prepare(input);
        if ('listing' in prepared) {
          results.set(input.item.id, { itemId: input.item.id, outcome: 'published', listing: prepared.listing });
          continue;
        }
        const group = byAccount.get(input.accountId) ?? [];
        group.push(prepared);
        byAccount.set(input.accountId, group);
      } catch (error) {
        fail(input.item.id, error, `Item ${input.item.position}`);
      }
    }
    for (const [accountId, group] of byAccount) {
      const session = this.#session(accountId);
      const ready: Prepared[] = [];
      for (const prepared of group) {
        try {
          const recovered = await this.#checkSkuOnEbay(session, prepared);
          if (recovered) results.set(prepared.record.itemId, { itemId: prepared.record.itemId, outcome: 'published', listing: recovered });
          else ready.push(prepared);
        } catch (error) {
          fail(prepared.record.itemId, error, prepared.subject);
        }
      }
      for (const batch of chunk(ready)) await this.#publishBulkGroup(session, batch, results, fail);
    }
    for (const [itemId, result] of results) {
      if (result.outcome === 'failed') await this.#options.publications.recordError(itemId, result.message);
    }
    return inputs.map((input) => results.get(input.item.id) ?? { itemId: input.item.id, outcome: 'failed', message: `Item ${input.item.position} was not published.`, retryable: true });
  }

  async #publishBulkGroup(
    session: SellerSession,
    group: Prepared[],
    results: Map<string, BulkPublishResult>,
    fail: (itemId: string, error: unknown, subject: string) => void,
  ): Promise<void> {
    const { publications } = this.#options;
    const items: Array<{ prepared: Prepared; payload: InventoryItemPayload }> = [];
    for (const prepared of group) {
      try {
        const imageUrls = await this.#options.pictures.ensureUploaded(prepared.input.photos, session.pictures, prepared.subject);
        const payload = buildInventoryItemPayload({
          listing: prepared.input.listing,
          imageUrls,
          weightGrams: prepared.input.item.weight?.grams ?? null,
          marketplaceId: prepared.marketplaceId,
        });
        items.push({ prepared, payload });
      } catch (error) {
        fail(prepared.record.itemId, error, prepared.subject);
      }
    }
    if (items.length === 0) return;

    const locale = contentLanguageOf(group[0]?.marketplaceId ?? 'EBAY_US').replace('-', '_');
    const written = await this.#bulkStep(
      'bulkCreateOrReplaceInventoryItem',
      items.map((entry) => entry.prepared),
      () => session.inventory.bulkCreateOrReplaceInventoryItem({ requests: items.map(({ prepared, payload }) => ({ sku: prepared.sku, locale, ...payload })) }),
      (result, prepared) => result.sku === prepared.sku,
      fail,
    );
    const offered: Array<{ prepared: Prepared; offerId: string }> = [];
    const toCreate: Prepared[] = [];
    for (const { prepared } of written) {
      await publications.recordInventoryItemPut(prepared.record.itemId);
      if (prepared.existingOfferId) {
        try {
          await this.#call('updateOffer', prepared.subject, () => session.inventory.updateOffer(prepared.existingOfferId as string, withoutKeys(prepared.offer)));
          await publications.recordOffer(prepared.record.itemId, prepared.existingOfferId);
          offered.push({ prepared, offerId: prepared.existingOfferId });
        } catch (error) {
          fail(prepared.record.itemId, error, prepared.subject);
        }
      } else {
        toCreate.push(prepared);
      }
    }
    if (toCreate.length > 0) {
      const created = await this.#bulkStep(
        'bulkCreateOffer',
        toCreate,
        () => session.inventory.bulkCreateOffer({ requests: toCreate.map((prepared) => prepared.offer) }),
        (result, prepared) => result.sku === prepared.sku,
        fail,
        // eBay's "offer exists" names the existing offer: reuse it.
        (result) => (result.errors.some((entry) => entry.errorId === OFFER_EXISTS_ERROR_ID && entry.parameters.offerId) ? 'reuse' : 'fail'),
      );
      for (const { prepared, result } of created) {
        const existing = result.errors.find((entry) => entry.errorId === OFFER_EXISTS_ERROR_ID)?.parameters.offerId;
        try {
          const offerId = result.offerId ?? existing;
          if (!offerId) throw new PermanentError('PROVIDER_UNAVAILABLE', `${prepared.subject}: eBay created the offer but gave no offerId.`);
          if (!result.offerId) await this.#call('updateOffer', prepared.subject, () => session.inventory.updateOffer(offerId, withoutKeys(prepared.offer)));
          await publications.recordOffer(prepared.record.itemId, offerId);
          offered.push({ prepared, offerId });
        } catch (error) {
          fail(prepared.record.itemId, error, prepared.subject);
        }
      }
    }
    if (offered.length === 0) return;
    let published: Array<{ prepared: Prepared; result: BulkItemResult }>;
    try {
      published = await this.#bulkStep(
        'bulkPublishOffer',
        offered.map((entry) => entry.prepared),
        () => session.inventory.bulkPublishOffer({ requests: offered.map((entry) => ({ offerId: entry.offerId })) }),
        (result, prepared) => result.offerId === offered.find((entry) => entry.prepared === prepared)?.offerId,
        fail,
        undefined,
        // A lost answer may hide listings that went live: each offer is looked at before trying again.
        false,
      );
    } catch {
      for (const { prepared, offerId } of offered) {
        try {
          const listing = await this.#publishOffer(session, prepared, offerId);
          results.set(prepared.record.itemId, { itemId: prepared.record.itemId, outcome: 'published', listing });
        } catch (error) {
          fail(prepared.record.itemId, error, prepared.subject);
        }
      }
      return;
    }
    for (const { prepared, result } of published) {
      const offerId = result.offerId ?? '';
      if (!result.listingId) {
        fail(prepared.record.itemId, new PermanentError('PROVIDER_UNAVAILABLE', `${prepared.subject}: eBay published the offer but gave no listing ID.`), prepared.subject);
        continue;
      }
      const listing = await this.#recordListing(prepared, offerId, result.listingId);
      results.set(prepared.record.itemId, { itemId: prepared.record.itemId, outcome: 'published', listing });
    }
  }

  /**
   * One bulk call for the group; the items whose result succeeded come back, the others are
   * reported with their own errors. A whole-call failure (429, 5xx) is retried like any call
   * when `retryTransient`; otherwise it is thrown for the caller to handle.
   */
  async #bulkStep(
    operation: string,
    group: Prepared[],
    send: () => Promise<unknown>,
    matches: (result: BulkItemResult, prepared: Prepared) => boolean,
    fail: (itemId: string, error: unknown, subject: string) => void,
    onFailure: (result: BulkItemResult) => 'reuse' | 'fail' = () => 'fail',
    retryTransient = true,
  ): Promise<Array<{ prepared: Prepared; result: BulkItemResult }>> {
    let body: unknown;
    try {
      body = await this.#call(operation, `${group.length} items`, send, retryTransient);
    } catch (error) {
      if (!retryTransient) throw error;
      for (const prepared of group) fail(prepared.record.itemId, error, prepared.subject);
      return [];
    }
    const results = readBulkResults(body);
    const kept: Array<{ prepared: Prepared; result: BulkItemResult }> = [];
    for (const prepared of group) {
      const result = results.find((entry) => matches(entry, prepared));
      if (!result) {
        fail(prepared.record.itemId, new PermanentError('PROVIDER_UNAVAILABLE', `${prepared.subject}: eBay's ${operation} answer left this item out; it is tried again on its own.`), prepared.subject);
        continue;
      }
      if (isBulkSuccess(result) || onFailure(result) === 'reuse') {
        kept.push({ prepared, result });
        continue;
      }
      fail(prepared.record.itemId, explainEbayErrors({ operation, status: result.statusCode, errors: result.errors }, prepared.subject), prepared.subject);
    }
    return kept;
  }

  /** Checks what can be checked without eBay, claims the SKU, and returns the listing if the item is live already. */
  async #prepare(input: PublishInput): Promise<Prepared | { listing: PublishedListing }> {
    const { item, listing, photos, price } = input;
    const sku = item.sku?.trim() ?? '';
    const subject = sku ? `Item ${item.position} (SKU ${sku})` : `Item ${item.position}`;
    const setup = await this.#options.setup.getPublishingSetup(input.accountId);
    const blocking = validateListing({
      draft: listing,
      aspectSet: null,
      categoryIsListable: null,
      photos: photos.map((photo) => ({ id: photo.id, width: photo.width, height: photo.height })),
      sku: sku || null,
      publishing: { price: price.value, policies: setup.policies, merchantLocationKey: setup.merchantLocationKey },
    }).filter((issue) => issue.severity === 'error' && PUBLISHING_ISSUES.has(issue.code));
    if (blocking.length > 0) {
      throw new EbayListingRefusedError('permanent', `${subject} cannot be published: ${blocking.map((issue) => issue.message).join(' ')}`, []);
    }
    const { environment } = this.#options;
    const record = await this.#options.publications.claim(item.id, { environment, marketplaceId: setup.marketplaceId, sku });
    if (record.itemId !== item.id) {
      throw new EbayListingRefusedError(
        'permanent',
        `${subject} cannot be published: another item already uses SKU ${sku}${record.listingId ? ` for eBay listing ${record.listingId}` : ''}, and a SKU stands for one item. Give this item its own SKU in review and approve it again.`,
        [],
      );
    }
    if (record.listingId && record.offerId) {
      return { listing: { listingId: record.listingId, url: record.listingUrl ?? listingUrlOf(environment, record.listingId), alreadyLive: true } };
    }
    const offer = buildOfferPayload({
      sku,
      listing,
      price,
      policies: setup.policies,
      merchantLocationKey: setup.merchantLocationKey,
      marketplaceId: setup.marketplaceId,
    });
    return { input, sku, subject, marketplaceId: setup.marketplaceId, record, offer, existingOfferId: record.offerId };
  }

  /**
   * What eBay already has for the SKU. A listing (live, sold or ended) of an offer this item
   * recorded is the earlier attempt's: it is recorded and returned. Any other listing stops
   * everything: that SKU is not ours to overwrite. An unpublished offer is kept for reuse.
   */
  async #checkSkuOnEbay(session: SellerSession, prepared: Prepared): Promise<PublishedListing | null> {
    const offers = await this.#findOffers(session, prepared);
    const listed = offers.find((offer) => offer.status === 'PUBLISHED' || Boolean(offer.listing?.listingId));
    if (listed) {
      const listingId = listed.listing?.listingId;
      if (listingId && listed.offerId === prepared.record.offerId) {
        this.#options.logger?.info({ itemId: prepared.record.itemId, sku: prepared.sku, listingId }, 'eBay listing of an earlier attempt recovered');
        return { ...(await this.#recordListing(prepared, listed.offerId, listingId)), alreadyLive: true };
      }
      throw new EbayListingRefusedError(
        'permanent',
        `${prepared.subject} was not published: SKU ${prepared.sku} already has a ${describeListingState(listed)} eBay listing${listingId ? ` (${listingId})` : ''} that EasyFlip did not make for this item, and EasyFlip never overwrites it. Give this item another SKU in review and approve it again.`,
        [],
      );
    }
    const reusable = offers.find((offer) => (offer.marketplaceId ?? prepared.marketplaceId) === prepared.marketplaceId && (offer.format ?? 'FIXED_PRICE') === 'FIXED_PRICE');
    prepared.existingOfferId = reusable?.offerId ?? null;
    return null;
  }

  async #findOffers(session: SellerSession, prepared: Prepared): Promise<OfferSummary[]> {
    const found: OfferSummary[] = [];
    for (let offset = 0; ; offset += OFFERS_PAGE_SIZE) {
      let body: unknown;
      try {
        body = await this.#call(
          'getOffers',
          prepared.subject,
          () => session.inventory.getOffers({ sku: prepared.sku, marketplaceId: prepared.marketplaceId, limit: OFFERS_PAGE_SIZE, offset }),
          true,
          NO_OFFER_ERROR_IDS,
        );
      } catch (error) {
        if (readFailureErrorIds(error).some((id) => NO_OFFER_ERROR_IDS.has(id))) return found;
        throw error;
      }
      const page = OffersPage.safeParse(body ?? {});
      if (!page.success) throw new PermanentError('PROVIDER_UNAVAILABLE', `${prepared.subject}: eBay answered getOffers in a shape we could not read.`);
      const offers = page.data.offers ?? [];
      found.push(...offers);
      if (offers.length < OFFERS_PAGE_SIZE || found.length >= (page.data.total ?? 0)) return found;
    }
  }

  /** The SKU's offer: the one found (brought up to date), or a new one; 25002 names an existing one to reuse. */
  async #ensureOffer(session: SellerSession, prepared: Prepared): Promise<string> {
    const { subject, offer } = prepared;
    let offerId = prepared.existingOfferId;
    if (offerId === null) {
      try {
        const created = CreatedOffer.safeParse(await this.#call('createOffer', subject, () => session.inventory.createOffer(offer)));
        if (!created.success) throw new PermanentError('PROVIDER_UNAVAILABLE', `${subject}: eBay created the offer but gave no offerId.`);
        offerId = created.data.offerId;
      } catch (error) {
        const existing = readFailureErrorIds(error).includes(OFFER_EXISTS_ERROR_ID) ? readFailureParameter(error, 'offerId') : null;
        if (!existing) throw error;
        offerId = existing;
        await this.#call('updateOffer', subject, () => session.inventory.updateOffer(existing, withoutKeys(offer)));
      }
    } else {
      const reused = offerId;
      try {
        await this.#call('updateOffer', subject, () => session.inventory.updateOffer(reused, withoutKeys(offer)));
      } catch (error) {
        if (readFailureErrorIds(error).some((id) => OFFER_GONE_ERROR_IDS.has(id))) await this.#options.publications.forgetOffer(prepared.record.itemId);
        throw error;
      }
    }
    await this.#options.publications.recordOffer(prepared.record.itemId, offerId);
    prepared.record = { ...prepared.record, offerId, state: 'offer_created' };
    return offerId;
  }

  /**
   * Publishes the offer. A publish whose answer was lost may have gone through: before trying
   * again the offer is read, and a listing found there is this attempt's, never published twice.
   */
  async #publishOffer(session: SellerSession, prepared: Prepared, offerId: string): Promise<PublishedListing> {
    const { subject } = prepared;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const published = PublishedOffer.safeParse(await this.#call('publishOffer', subject, () => session.inventory.publishOffer(offerId), false));
        if (!published.success) throw new PermanentError('PROVIDER_UNAVAILABLE', `${subject}: eBay published the offer but gave no listing ID.`);
        const listing = await this.#recordListing(prepared, offerId, published.data.listingId);
        this.#options.logger?.info({ itemId: prepared.record.itemId, sku: prepared.sku, offerId, listingId: listing.listingId }, 'eBay listing published');
        return listing;
      } catch (error) {
        const explained = error instanceof EasyFlipError ? error : explainEbayFailure('publishOffer', subject, error);
        if (!explained.retryable || attempt >= this.#transientRetries) throw explained;
        const offer = OfferSummary.safeParse(await this.#call('getOffer', subject, () => session.inventory.getOffer(offerId)));
        const listingId = offer.success ? offer.data.listing?.listingId : undefined;
        if (offer.success && offer.data.status === 'PUBLISHED' && listingId) return this.#recordListing(prepared, offerId, listingId);
        await this.#backoff(explained, attempt);
      }
    }
  }

  async #recordListing(prepared: Prepared, offerId: string, listingId: string): Promise<PublishedListing> {
    const url = listingUrlOf(this.#options.environment, listingId);
    await this.#options.publications.recordListing(prepared.record.itemId, { offerId, listingId, listingUrl: url });
    return { listingId, url };
  }

  get #transientRetries(): number {
    return this.#options.transientRetries ?? 2;
  }

  /**
   * One call to eBay: a 429 waits its Retry-After (up to a bound) and passing faults are retried
   * a few times with backoff when `retryTransient`; what remains is explained and thrown, at once
   * for the errorIds the caller reads as answers.
   */
  async #call<T>(operation: string, subject: string, send: () => Promise<T>, retryTransient = true, answers: ReadonlySet<number> = new Set()): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const explained = explainEbayFailure(operation, subject, error);
        // An errorId the caller reads as an answer ("no offer for this SKU") is not a fault to retry.
        if (readFailureErrorIds(explained).some((id) => answers.has(id))) throw explained;
        const canWait = explained instanceof RateLimitedError && explained.retryAfterMs <= (this.#options.maxInlineRateLimitWaitMs ?? 30_000);
        if (!explained.retryable || attempt >= this.#transientRetries || (!retryTransient && !canWait)) throw explained;
        if (explained instanceof RateLimitedError && !canWait) throw explained;
        await this.#backoff(explained, attempt);
      }
    }
  }

  async #backoff(error: EasyFlipError, attempt: number): Promise<void> {
    const base = this.#options.retryBaseDelayMs ?? 500;
    await this.#sleep(error instanceof RateLimitedError ? error.retryAfterMs : base * 2 ** attempt);
  }

  #session(accountId: string): SellerSession {
    let session = this.#sessions.get(accountId);
    if (!session) {
      session = this.#options.openSession(accountId);
      this.#sessions.set(accountId, session);
    }
    return session;
  }
}
