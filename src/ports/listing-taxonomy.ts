import type { ListingDraft } from '../contracts/item.ts';
import type { ListingComposition, ListingField, ListingVersionSource, PreflightReport } from '../contracts/listing.ts';
import type { CategoryAspectSet } from '../domain/listing/aspect-metadata.ts';
import type { CategoryMatchInput } from '../domain/listing/category-matcher.ts';

/** One category a listing could go in, best first in a list. */
export interface CategorySuggestion {
  categoryId: string;
  categoryName: string;
  /** Root-to-leaf names joined with " > ", when known. */
  path: string | null;
  /** 0..1 when the source scores its suggestions; eBay's order is its only ranking. */
  score: number | null;
}

export interface CategorySuggestions {
  source: 'ebay' | 'bundled';
  suggestions: CategorySuggestion[];
  /** Why a better source was not used, when it was not. */
  degraded: string | null;
}

/** Finds the eBay categories an item fits, from what the photos said it is. */
export interface CategorySuggester {
  suggestCategories(query: CategoryMatchInput): Promise<CategorySuggestions>;
}

/**
 * What a source knows of a category's item specifics: the set; that eBay does not list in that
 * category (not a leaf, or no such category); or nothing.
 */
export type AspectLookup =
  | { kind: 'found'; aspects: CategoryAspectSet; degraded: string | null }
  | { kind: 'not_listable'; reason: string }
  | { kind: 'unknown'; degraded: string | null };

/** The item specifics and accepted conditions of a category. */
export interface AspectCatalog {
  getCategoryAspects(categoryId: string): Promise<AspectLookup>;
}

/** A key-value store with expiry for answers of slow or rate-limited services (eBay's taxonomy). */
export interface TaxonomyCache {
  /** The value stored under `key`, or null when there is none or it expired. */
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Forgets expired entries; returns how many. */
  purgeExpired(): Promise<number>;
}

/** Seller-written description HTML made safe to store and send to eBay. */
export interface ListingHtmlSanitizer {
  sanitize(html: string): string;
}

export interface ListingVersionRecord {
  itemId: string;
  version: number;
  source: ListingVersionSource;
  actor: string;
  note: string | null;
  draft: ListingDraft;
  editedFields: ListingField[];
  preflight: PreflightReport;
  composition: ListingComposition | null;
  createdAt: Date;
}

export type NewListingVersion = Omit<ListingVersionRecord, 'version' | 'createdAt'>;

/** Every version of every listing: what the pipeline composed and what the seller changed. */
export interface ListingVersionRepository {
  /**
   * Adds the next version of the item's listing. With `expectedVersion`, refuses with a
   * ConflictError-coded PermanentError when the latest version is another one.
   */
  append(version: NewListingVersion, options?: { expectedVersion?: number }): Promise<ListingVersionRecord>;
  latest(itemId: string): Promise<ListingVersionRecord | null>;
  get(itemId: string, version: number): Promise<ListingVersionRecord | null>;
  /** Oldest first. */
  list(itemId: string): Promise<ListingVersionRecord[]>;
}

/** Re-runs listing composition for one item now, outside the queue (the seller asked for it). */
export interface ListingRecomposer {
  recompose(
    itemId: string,
    options: {
      discardEdits: boolean;
      actor: string;
      /** A seller's edit to compose around, saved as one version. */
      edit?: { draft: ListingDraft; editedFields: ListingField[]; expectedVersion?: number };
    },
  ): Promise<ListingVersionRecord>;
}
