import type { ListingRecord, ItemRecord, PhotoRecord } from './repositories.ts';

export interface PublishedListing {
  listingId: string;
  url: string;
  /** The listing was live already: a retry found what an earlier attempt published. */
  alreadyLive?: boolean;
}

/** Everything a listing goes live with: the item, its reviewed listing, its photos in order, its price. */
export interface PublishInput {
  item: ItemRecord;
  listing: ListingRecord;
  photos: PhotoRecord[];
  /** The account the item's batch belongs to, whose marketplace connection lists it. */
  accountId: string;
  price: { value: number; currency: string };
}

/** One item's outcome in a bulk publish: its listing, or why it is not live (a sentence for the seller). */
export type BulkPublishResult =
  | { itemId: string; outcome: 'published'; listing: PublishedListing }
  | { itemId: string; outcome: 'failed'; message: string; retryable: boolean };

/** Puts an approved listing live on a marketplace. */
export interface ListingPublisher {
  /** Idempotent: publishing an item again returns its listing; it never makes a second one. */
  publish(input: PublishInput): Promise<PublishedListing>;
  /** Many items in the marketplace's bulk calls; the items that fail are reported, the rest go live. */
  publishMany?(inputs: readonly PublishInput[]): Promise<BulkPublishResult[]>;
}

/** The seller's listing defaults the marketplace needs: business policies and where items ship from. */
export interface PublishingSetupSource {
  getPublishingSetup(accountId?: string): Promise<{
    environment: 'production' | 'sandbox';
    marketplaceId: string;
    policies: { fulfillmentPolicyId: string; paymentPolicyId: string; returnPolicyId: string };
    merchantLocationKey: string;
  }>;
}
