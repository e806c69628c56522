/** eBay's two worlds: real listings, and the sandbox where nothing is sold. */
export type MarketplaceEnvironment = 'production' | 'sandbox';

/** Where a SKU lives: one item per SKU in each eBay environment and marketplace. */
export interface PublicationKey {
  environment: MarketplaceEnvironment;
  marketplaceId: string;
  sku: string;
}

/**
 * How far publishing an item went, each step recorded once eBay confirmed it: the SKU claimed, the
 * inventory item written, the offer created (its id kept), the listing live.
 */
export type PublicationState = 'claimed' | 'inventory_item_put' | 'offer_created' | 'published';

export interface PublicationRecord extends PublicationKey {
  itemId: string;
  state: PublicationState;
  offerId: string | null;
  listingId: string | null;
  listingUrl: string | null;
  /** The plain sentence of the last failed attempt; null once an attempt succeeds. */
  lastError: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

/** The durable steps of publishing, so a retried or crashed publish never makes a second offer or listing. */
export interface PublicationRepository {
  get(itemId: string): Promise<PublicationRecord | null>;
  getMany(itemIds: readonly string[]): Promise<Map<string, PublicationRecord>>;
  findBySku(key: PublicationKey): Promise<PublicationRecord | null>;
  /**
   * Claims the SKU for the item and returns the record that holds it: the item's own, or another
   * item's when that one claimed it first. An unpublished item whose SKU changed moves to the new one.
   */
  claim(itemId: string, key: PublicationKey): Promise<PublicationRecord>;
  recordInventoryItemPut(itemId: string): Promise<void>;
  recordOffer(itemId: string, offerId: string): Promise<void>;
  /** eBay no longer has the recorded offer: the next attempt finds or creates another. */
  forgetOffer(itemId: string): Promise<void>;
  recordListing(itemId: string, listing: { offerId: string; listingId: string; listingUrl: string }): Promise<void>;
  recordError(itemId: string, message: string | null): Promise<void>;
}

export interface MarketplaceImageRecord {
  imageUrl: string;
  imageId: string | null;
  /** When eBay drops the picture if no listing uses it; null when unknown. */
  expiresAt: Date | null;
}

/** Pictures already on eBay Picture Service, by the sha256 of the bytes uploaded. */
export interface MarketplaceImageRepository {
  find(environment: MarketplaceEnvironment, contentHash: string): Promise<MarketplaceImageRecord | null>;
  save(environment: MarketplaceEnvironment, contentHash: string, image: MarketplaceImageRecord): Promise<void>;
}
