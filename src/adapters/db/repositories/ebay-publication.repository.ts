import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  MarketplaceEnvironment,
  MarketplaceImageRecord,
  MarketplaceImageRepository,
  PublicationKey,
  PublicationRecord,
  PublicationRepository,
} from '../../../ports/publication-repositories.ts';
import type { Database, EbayPublicationsTable } from '../schema.ts';

function toRecord(row: Selectable<EbayPublicationsTable>): PublicationRecord {
  return {
    itemId: row.item_id,
    environment: row.environment,
    marketplaceId: row.marketplace_id,
    sku: row.sku,
    state: row.state,
    offerId: row.offer_id,
    listingId: row.listing_id,
    listingUrl: row.listing_url,
    lastError: row.last_error,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

export class KyselyPublicationRepository implements PublicationRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(itemId: string): Promise<PublicationRecord | null> {
    const row = await this.#db.selectFrom('ebay_publications').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getMany(itemIds: readonly string[]): Promise<Map<string, PublicationRecord>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.#db.selectFrom('ebay_publications').selectAll().where('item_id', 'in', [...itemIds]).execute();
    return new Map(rows.map((row) => [row.item_id, toRecord(row)]));
  }

  async findBySku(key: PublicationKey): Promise<PublicationRecord | null> {
    const row = await this.#db
      .selectFrom('ebay_publications')
      .selectAll()
      .where('environment', '=', key.environment)
      .where('marketplace_id', '=', key.marketplaceId)
      .where('sku', '=', key.sku)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async claim(itemId: string, key: PublicationKey): Promise<PublicationRecord> {
    const holder = await this.findBySku(key);
    if (holder) return holder;
    const own = await this.get(itemId);
    if (own && own.listingId === null) {
      // The SKU changed before anything went live: what was done for the old SKU is left behind.
      await this.#db
        .updateTable('ebay_publications')
        .set({
          environment: key.environment,
          marketplace_id: key.marketplaceId,
          sku: key.sku,
          state: 'claimed',
          offer_id: null,
          updated_at: sql<Date>`now()`,
        })
        .where('item_id', '=', itemId)
        .where('listing_id', 'is', null)
        .execute();
    } else if (!own) {
      await this.#db
        .insertInto('ebay_publications')
        .values({ item_id: itemId, environment: key.environment, marketplace_id: key.marketplaceId, sku: key.sku })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
    return (await this.findBySku(key)) ?? (await this.#require(itemId));
  }

  async recordInventoryItemPut(itemId: string): Promise<void> {
    await this.#db
      .updateTable('ebay_publications')
      .set({ state: 'inventory_item_put', updated_at: sql<Date>`now()` })
      .where('item_id', '=', itemId)
      .where('state', '=', 'claimed')
      .execute();
  }

  async recordOffer(itemId: string, offerId: string): Promise<void> {
    await this.#db
      .updateTable('ebay_publications')
      .set({ state: 'offer_created', offer_id: offerId, updated_at: sql<Date>`now()` })
      .where('item_id', '=', itemId)
      .where('state', '<>', 'published')
      .execute();
  }

  async forgetOffer(itemId: string): Promise<void> {
    await this.#db
      .updateTable('ebay_publications')
      .set({ state: 'inventory_item_put', offer_id: null, updated_at: sql<Date>`now()` })
      .where('item_id', '=', itemId)
      .where('state', '<>', 'published')
      .execute();
  }

  async recordListing(itemId: string, listing: { offerId: string; listingId: string; listingUrl: string }): Promise<void> {
    await this.#db
      .updateTable('ebay_publications')
      .set({
        state: 'published',
        offer_id: listing.offerId,
        listing_id: listing.listingId,
        listing_url: listing.listingUrl,
        last_error: null,
        published_at: sql<Date>`coalesce(published_at, now())`,
        updated_at: sql<Date>`now()`,
      })
      .where('item_id', '=', itemId)
      .execute();
  }

  async recordError(itemId: string, message: string | null): Promise<void> {
    await this.#db
      .updateTable('ebay_publications')
      .set({ last_error: message, updated_at: sql<Date>`now()` })
      .where('item_id', '=', itemId)
      .execute();
  }

  async #require(itemId: string): Promise<PublicationRecord> {
    const record = await this.get(itemId);
    if (!record) throw new Error(`The publication of item ${itemId} vanished while it was being claimed`);
    return record;
  }
}

export class KyselyMarketplaceImageRepository implements MarketplaceImageRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async find(environment: MarketplaceEnvironment, contentHash: string): Promise<MarketplaceImageRecord | null> {
    const row = await this.#db
      .selectFrom('ebay_images')
      .select(['image_url', 'image_id', 'expires_at'])
      .where('environment', '=', environment)
      .where('content_hash', '=', contentHash)
      .executeTakeFirst();
    return row ? { imageUrl: row.image_url, imageId: row.image_id, expiresAt: row.expires_at } : null;
  }

  async save(environment: MarketplaceEnvironment, contentHash: string, image: MarketplaceImageRecord): Promise<void> {
    const values = { image_url: image.imageUrl, image_id: image.imageId, expires_at: image.expiresAt };
    await this.#db
      .insertInto('ebay_images')
      .values({ environment, content_hash: contentHash, ...values })
      .onConflict((conflict) => conflict.columns(['environment', 'content_hash']).doUpdateSet({ ...values, created_at: sql<Date>`now()` }))
      .execute();
  }
}
