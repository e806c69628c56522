import type { ListingDraft } from '../../contracts/item.ts';
import { ASPECT_NAMES } from './item-aspects.ts';

/**
 * Seller Hub Reports "Create new drafts" upload (eBay-draft-listings-template_US, version 0.0.2):
 * optional `#INFO` lines, one header row, one row per draft. The action column's header carries
 * the site, currency and schema version; item specifics are extra `C:<name>` columns.
 */
export const SELLER_HUB_ACTION_HEADER = 'Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)';

export const SELLER_HUB_BASE_HEADERS = [
  SELLER_HUB_ACTION_HEADER,
  'Custom label (SKU)',
  'Category ID',
  'Title',
  'UPC',
  'Price',
  'Quantity',
  'Item photo URL',
  'Condition ID',
  'Description',
  'Format',
] as const;

/** Lines the uploader skips; the first names the template, as eBay's own download does. */
export const SELLER_HUB_INFO_ROWS: readonly (readonly string[])[] = [
  ['#INFO', 'Version=0.0.2', 'Template= eBay-draft-listings-template_US'],
  ['#INFO Action and Category ID are required. Drafts appear in Seller Hub > Listings > Drafts after the upload.'],
];

/** eBay keeps at most 24 photos per listing. */
export const MAX_PHOTOS_PER_LISTING = 24;
const MULTI_VALUE_SEPARATOR = '|';

export interface SellerHubListing {
  sku: string | null;
  draft: ListingDraft;
  photoUrls: readonly string[];
  price: number | null;
  /** Not a column of the drafts template; the weight reaches buyers through the description. */
  weightGrams?: number | null;
}

export interface SellerHubDraftTable {
  infoRows: readonly (readonly string[])[];
  headers: string[];
  rows: string[][];
}

/** A 12-digit UPC-A, or an EAN-13 that is a UPC with a leading zero; anything else is left out. */
export function toUpc(productCode: string | null): string {
  const digits = productCode?.replace(/\D/g, '') ?? '';
  if (digits.length === 12) return digits;
  if (digits.length === 13 && digits.startsWith('0')) return digits.slice(1);
  return '';
}

function formatPrice(price: number | null): string {
  return price !== null && Number.isFinite(price) && price > 0 ? price.toFixed(2) : '';
}

/** Known clothing specifics first, in the review order, then any others alphabetically. */
function collectAspectNames(listings: readonly SellerHubListing[]): string[] {
  const present = new Set(listings.flatMap((listing) => Object.keys(listing.draft.aspects)));
  const known: string[] = ASPECT_NAMES.filter((name) => present.has(name));
  const others = [...present].filter((name) => !known.includes(name)).sort((a, b) => a.localeCompare(b, 'en'));
  return [...known, ...others];
}

function toRow(listing: SellerHubListing, aspectNames: readonly string[]): string[] {
  const { draft } = listing;
  const photos = listing.photoUrls.filter((url) => url.trim() !== '').slice(0, MAX_PHOTOS_PER_LISTING);
  return [
    'Draft',
    listing.sku ?? '',
    draft.categoryId,
    draft.title,
    toUpc(draft.productCode),
    formatPrice(listing.price),
    '1',
    photos.join(MULTI_VALUE_SEPARATOR),
    String(draft.conditionId),
    draft.descriptionHtml,
    'FixedPrice',
    ...aspectNames.map((name) => (draft.aspects[name] ?? []).join(MULTI_VALUE_SEPARATOR)),
  ];
}

/** The drafts template as a table: the header row, then one row per listing, all cells text. */
export function toSellerHubDraftRows(listings: readonly SellerHubListing[]): SellerHubDraftTable {
  const aspectNames = collectAspectNames(listings);
  return {
    infoRows: SELLER_HUB_INFO_ROWS,
    headers: [...SELLER_HUB_BASE_HEADERS, ...aspectNames.map((name) => `C:${name}`)],
    rows: listings.map((listing) => toRow(listing, aspectNames)),
  };
}
