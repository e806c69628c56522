import type { PreflightIssue } from '../contracts/listing.ts';
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

  /**
   * The batch's reviewed listings as Seller Hub drafts. A listing whose pre-flight check found
   * errors stays out until the seller fixes them or overrides the check; it is named in `heldBack`
   * so nothing disappears silently. `includeNeedsAttention` exports them anyway, as drafts to
   * finish in Seller Hub: the seller's explicit choice for the whole batch.
   */
  async exportSellerHubCsv(batchId: string, options: { includeNeedsAttention?: boolean } = {}): Promise<SellerHubExport> {
    const listings = [];
    const heldBack: HeldBackItem[] = [];
    for (const item of await this.repositories.items.listByBatch(batchId)) {
      if (item.status !== 'ready_for_review') continue;
      const [listing, latest] = await Promise.all([this.repositories.listings.get(item.id), this.repositories.listingVersions.latest(item.id)]);
      if (!listing) continue;
      if (latest?.preflight.state === 'needs_attention' && options.includeNeedsAttention !== true) {
        heldBack.push({ itemId: item.id, position: item.position, sku: item.sku, reason: describeBlockingIssues(latest.preflight.issues) });
        continue;
      }
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
    return { csv: this.csvWriter.write(toSellerHubDraftRows(listings)), listingCount: listings.length, heldBack };
  }
}

/** An item the export left out, and why. */
export interface HeldBackItem {
  itemId: string;
  position: number;
  sku: string | null;
  reason: string;
}

export interface SellerHubExport {
  csv: string;
  listingCount: number;
  heldBack: HeldBackItem[];
}

function describeBlockingIssues(issues: readonly PreflightIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const what = first ? `${first.message}${more}` : 'its pre-flight check found errors.';
  return `${what} Fix the listing in review, or override the check, to export it.`;
}
