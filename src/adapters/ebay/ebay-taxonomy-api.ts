import { z } from 'zod';
import { EasyFlipError } from '../../contracts/errors.ts';
import { readAspectMetadata, type EbayAspectMetadataShape } from '../../domain/listing/aspect-metadata.ts';
import type { CategoryMatchInput } from '../../domain/listing/category-matcher.ts';
import { findBundledAspectSet } from '../../domain/listing/clothing-aspect-catalog.ts';
import { formatCategoryQueryText } from '../../domain/listing/compose-listing.ts';
import type {
  AspectCatalog,
  AspectLookup,
  CategorySuggester,
  CategorySuggestion,
  CategorySuggestions,
  TaxonomyCache,
} from '../../ports/listing-taxonomy.ts';
import type { EbayErrorDetails } from './ebay-api-errors.ts';
import type { EbayRestClient } from './ebay-rest-client.ts';

const TAXONOMY_PATH = '/commerce/taxonomy/v1';

const DefaultTreeResponse = z.looseObject({ categoryTreeId: z.string().min(1), categoryTreeVersion: z.string().optional() });

const CategorySuggestionResponse = z.looseObject({
  categorySuggestions: z
    .array(
      z.looseObject({
        category: z.looseObject({ categoryId: z.string(), categoryName: z.string() }),
        categoryTreeNodeAncestors: z
          .array(z.looseObject({ categoryName: z.string().optional(), categoryTreeNodeLevel: z.number().optional() }))
          .optional(),
      }),
    )
    .optional(),
});

const AspectMetadataResponse = z.looseObject({
  aspects: z
    .array(
      z.looseObject({
        localizedAspectName: z.string(),
        aspectConstraint: z
          .looseObject({
            aspectDataType: z.string().optional(),
            aspectMode: z.string().optional(),
            aspectRequired: z.boolean().optional(),
            aspectUsage: z.string().optional(),
            itemToAspectCardinality: z.string().optional(),
            aspectMaxLength: z.number().optional(),
            aspectFormat: z.string().optional(),
            aspectEnabledForVariations: z.boolean().optional(),
          })
          .optional(),
        aspectValues: z
          .array(
            z.looseObject({
              localizedValue: z.string(),
              valueConstraints: z
                .array(
                  z.looseObject({
                    applicableForLocalizedAspectName: z.string().optional(),
                    applicableForLocalizedAspectValues: z.array(z.string()).optional(),
                  }),
                )
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** Taxonomy errors that mean "eBay does not list in this category", not "try again". */
const NOT_LISTABLE_ERROR_IDS = new Set([62005, 62008, 62009]);

type CachedAspects = { metadata: EbayAspectMetadataShape } | { notListable: string };

export interface EbayTaxonomyOptions {
  client: EbayRestClient;
  cache: TaxonomyCache;
  marketplaceId: string;
  cacheTtlSeconds: number;
  /** Keeps the answers of different hosts (production, sandbox, a fake) apart in the cache. */
  cacheNamespace: string;
}

/**
 * eBay's Commerce Taxonomy API: category suggestions for what an item is, and each category's item
 * specifics. Every answer is kept in the database for the configured time, so a second item of the
 * same kind costs no call. Accepted conditions are not part of this API: they come from the
 * bundled list for the categories it covers.
 */
export class EbayTaxonomyApi implements CategorySuggester, AspectCatalog {
  readonly #options: EbayTaxonomyOptions;
  #treeId: Promise<string> | null = null;

  constructor(options: EbayTaxonomyOptions) {
    this.#options = options;
  }

  async suggestCategories(query: CategoryMatchInput): Promise<CategorySuggestions> {
    const q = formatCategoryQueryText(query);
    if (q === '') return { source: 'ebay', suggestions: [], degraded: null };
    const treeId = await this.#readTreeId();
    const key = this.#key('suggestions', treeId, q.toLowerCase());
    const cached = await this.#options.cache.read(key);
    if (Array.isArray(cached)) return { source: 'ebay', suggestions: cached as CategorySuggestion[], degraded: null };

    const body = await this.#options.client.getJson({
      api: 'Taxonomy',
      path: `${TAXONOMY_PATH}/category_tree/${encodeURIComponent(treeId)}/get_category_suggestions`,
      query: { q },
    });
    const suggestions = body === null ? [] : readSuggestions(body);
    await this.#options.cache.write(key, suggestions, this.#options.cacheTtlSeconds);
    return { source: 'ebay', suggestions, degraded: null };
  }

  async getCategoryAspects(categoryId: string): Promise<AspectLookup> {
    const treeId = await this.#readTreeId();
    const key = this.#key('aspects', treeId, categoryId);
    const cached = (await this.#options.cache.read(key)) as CachedAspects | null;
    const answer = cached ?? (await this.#fetchAspects(treeId, categoryId));
    if (cached === null) await this.#options.cache.write(key, answer, this.#options.cacheTtlSeconds);
    if ('notListable' in answer) return { kind: 'not_listable', reason: answer.notListable };
    const bundled = findBundledAspectSet(categoryId);
    const aspects = readAspectMetadata(categoryId, answer.metadata, 'ebay', {
      allowed: bundled?.allowedConditionIds ?? null,
      labels: Object.fromEntries(Object.entries(bundled?.conditionLabels ?? {})),
    });
    return { kind: 'found', aspects, degraded: null };
  }

  async #fetchAspects(treeId: string, categoryId: string): Promise<CachedAspects> {
    try {
      const body = await this.#options.client.getJson({
        api: 'Taxonomy',
        path: `${TAXONOMY_PATH}/category_tree/${encodeURIComponent(treeId)}/get_item_aspects_for_category`,
        query: { category_id: categoryId },
      });
      if (body === null) return { metadata: { aspects: [] } };
      const parsed = AspectMetadataResponse.safeParse(body);
      if (!parsed.success) throw new Error(`eBay Taxonomy answered getItemAspectsForCategory in an unknown shape: ${parsed.error.message}`);
      return { metadata: parsed.data };
    } catch (error) {
      const notListable = readNotListable(error);
      if (notListable !== null) return { notListable };
      throw error;
    }
  }

  /** The marketplace's category tree id ("0" for EBAY_US), asked once and cached. */
  #readTreeId(): Promise<string> {
    this.#treeId ??= this.#lookUpTreeId().catch((error: unknown) => {
      this.#treeId = null;
      throw error;
    });
    return this.#treeId;
  }

  async #lookUpTreeId(): Promise<string> {
    const key = this.#key('tree', this.#options.marketplaceId);
    const cached = await this.#options.cache.read(key);
    if (typeof cached === 'string') return cached;
    const body = await this.#options.client.getJson({
      api: 'Taxonomy',
      path: `${TAXONOMY_PATH}/get_default_category_tree_id`,
      query: { marketplace_id: this.#options.marketplaceId },
    });
    const parsed = DefaultTreeResponse.safeParse(body);
    if (!parsed.success) throw new Error(`eBay Taxonomy gave no category tree for ${this.#options.marketplaceId}`);
    await this.#options.cache.write(key, parsed.data.categoryTreeId, this.#options.cacheTtlSeconds);
    return parsed.data.categoryTreeId;
  }

  #key(...parts: string[]): string {
    return ['ebay-taxonomy', this.#options.cacheNamespace, this.#options.marketplaceId, ...parts].join('|');
  }
}

function readSuggestions(body: unknown): CategorySuggestion[] {
  const parsed = CategorySuggestionResponse.safeParse(body);
  if (!parsed.success) throw new Error(`eBay Taxonomy answered getCategorySuggestions in an unknown shape: ${parsed.error.message}`);
  return (parsed.data.categorySuggestions ?? []).map((suggestion) => {
    const ancestors = [...(suggestion.categoryTreeNodeAncestors ?? [])]
      .sort((a, b) => (a.categoryTreeNodeLevel ?? 0) - (b.categoryTreeNodeLevel ?? 0))
      .map((ancestor) => ancestor.categoryName ?? '')
      .filter((name) => name !== '');
    return {
      categoryId: suggestion.category.categoryId,
      categoryName: suggestion.category.categoryName,
      path: [...ancestors, suggestion.category.categoryName].join(' > '),
      score: null,
    };
  });
}

function readNotListable(error: unknown): string | null {
  if (!(error instanceof EasyFlipError) || error.retryable) return null;
  const details = error.cause as Partial<EbayErrorDetails> | undefined;
  const match = details?.errors?.find((entry) => entry.errorId !== null && NOT_LISTABLE_ERROR_IDS.has(entry.errorId));
  return match ? `eBay does not list items in this category (errorId ${match.errorId}: ${match.message}).` : null;
}
