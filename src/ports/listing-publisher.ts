import type { ListingRecord, ItemRecord, PhotoRecord } from './repositories.ts';

export interface PublishedListing {
  listingId: string;
  url: string;
}

/** Puts an approved listing live on a marketplace. */
export interface ListingPublisher {
  publish(input: { item: ItemRecord; listing: ListingRecord; photos: PhotoRecord[] }): Promise<PublishedListing>;
}
