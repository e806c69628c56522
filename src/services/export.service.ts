import { toSellerHubDraftRows } from '../domain/listing/seller-hub-drafts.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { SellerHubCsvWriter } from '../ports/seller-hub-csv.ts';

export interface ExportOptions {
  /** Public address of this server; without one the CSV carries no photo URLs (add photos in the draft). */
  publicBaseUrl: string | null;
}

/** Listings leave as eBay's Seller Hub "Create new drafts" CSV when no eBay account is connected. */
export class ExportService {
  constructor(
    private readonly repositories: Repositories,
    private readonly csvWriter: SellerHubCsvWriter,
    private readonly options: ExportOptions,
  ) {}

  async exportSellerHubCsv(batchId: string): Promise<{ csv: string; listingCount: number }> {
    const listings = [];
    for (const item of await this.repositories.items.listByBatch(batchId)) {
      if (item.status !== 'ready_for_review') continue;
      const listing = await this.repositories.listings.get(item.id);
      if (!listing) continue;
      const photos = (await this.repositories.items.listPhotos(item.id)).filter(
        (photo) => photo.role === 'item' && photo.status === 'ingested',
      );
      const price = await this.repositories.prices.get(item.id);
      listings.push({
        sku: item.sku,
        draft: listing,
        photoUrls: this.options.publicBaseUrl
          ? photos.map((photo) => new URL(`/api/photos/${photo.id}/ebay.jpg`, this.options.publicBaseUrl as string).href)
          : [],
        price: price?.estimate.status === 'estimated' ? price.estimate.amount : null,
        weightGrams: item.weight?.grams ?? null,
      });
    }
    return { csv: this.csvWriter.write(toSellerHubDraftRows(listings)), listingCount: listings.length };
  }
}
