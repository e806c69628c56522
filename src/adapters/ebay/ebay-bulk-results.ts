import { readErrorItems, type EbayErrorItem } from './ebay-publish-errors.ts';

/** eBay's bulk Inventory calls take at most 25 requests each. */
export const EBAY_BULK_LIMIT = 25;

/** The items in groups of at most `size`, in their order. */
export function chunk<T>(items: readonly T[], size: number = EBAY_BULK_LIMIT): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`A group holds at least one item, not ${size}`);
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}

/** One item of a bulk answer (200 or 207 Multi-Status): its own status, keys, and errors. */
export interface BulkItemResult {
  statusCode: number;
  sku: string | null;
  offerId: string | null;
  listingId: string | null;
  errors: EbayErrorItem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The per-item results of bulkCreateOrReplaceInventoryItem, bulkCreateOffer or bulkPublishOffer.
 * eBay answers 207 when some items failed and some did not; each item carries its own statusCode,
 * so success is read per item, never from the HTTP status of the whole call.
 */
export function readBulkResults(body: unknown): BulkItemResult[] {
  const responses = isRecord(body) && Array.isArray(body.responses) ? body.responses : [];
  return responses.filter(isRecord).map((entry) => ({
    statusCode: typeof entry.statusCode === 'number' ? entry.statusCode : 0,
    sku: readString(entry.sku),
    offerId: readString(entry.offerId),
    listingId: readString(entry.listingId),
    errors: readErrorItems(entry),
  }));
}

export function isBulkSuccess(result: BulkItemResult): boolean {
  return result.statusCode >= 200 && result.statusCode < 300;
}
