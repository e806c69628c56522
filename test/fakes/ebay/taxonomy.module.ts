import { existsSync, readFileSync } from 'node:fs';
import clothingAspects from '../../../src/domain/listing/data/clothing-aspects.json' with { type: 'json' };
import clothingCategories from '../../../src/domain/listing/data/clothing-categories.json' with { type: 'json' };
import type { EbayAspectShape } from '../../../src/domain/listing/aspect-metadata.ts';
import { ebayErrorBody, type FakeEbayModule, type FakeResponse } from './fake-ebay-module.ts';

const BASE = '/commerce/taxonomy/v1';

/** eBay's documented Taxonomy errors (error catalog of commerce_taxonomy_v1). */
const TAXONOMY_ERRORS = {
  62002: 'Missing marketplace ID.',
  62003: 'The specified marketplace ID was not found.',
  62004: 'The specified category tree ID was not found.',
  62005: 'The specified category ID does not belong to specified category tree.',
  62006: 'Missing category ID.',
  62007: "Missing keyword 'q'. Please specify a valid set of keywords that best describes your item.",
  62008: 'The specified category ID is the root for the category tree.',
  62009: 'The specified category ID must be a leaf category.',
} as const;

export function taxonomyError(errorId: keyof typeof TAXONOMY_ERRORS, status = 400): FakeResponse {
  return { status, body: ebayErrorBody([{ errorId, domain: 'API_TAXONOMY', category: 'REQUEST', message: TAXONOMY_ERRORS[errorId] }]) };
}

/** eBay's 500 for an internal failure. */
export function taxonomyInternalError(): FakeResponse {
  return {
    status: 500,
    body: ebayErrorBody([
      {
        errorId: 62000,
        domain: 'API_TAXONOMY',
        category: 'APPLICATION',
        message: 'There was a problem with an eBay internal system or process. Contact eBay developer support for assistance.',
      },
    ]),
  };
}

export interface CategorySuggestionResponse {
  categorySuggestions: Array<{
    category: { categoryId: string; categoryName: string };
    categoryTreeNodeAncestors: Array<{ categoryId: string; categoryName: string; categoryTreeNodeLevel: number; categorySubtreeNodeHref: string }>;
    categoryTreeNodeLevel: number;
  }>;
  categoryTreeId: string;
  categoryTreeVersion: string;
}

/**
 * Branch IDs eBay uses, as seen in real Browse responses; the leaf dumps hold leaves only, so
 * other branches get stable made-up IDs from 900000000 up.
 */
const KNOWN_BRANCH_IDS: Readonly<Record<string, string>> = {
  'Clothing, Shoes & Accessories': '11450',
  'Clothing, Shoes & Accessories > Women': '260010',
  'Clothing, Shoes & Accessories > Men': '260012',
  "Clothing, Shoes & Accessories > Women > Women's Clothing": '15724',
  "Clothing, Shoes & Accessories > Men > Men's Clothing": '1059',
  "Clothing, Shoes & Accessories > Men > Men's Accessories": '4250',
  "Clothing, Shoes & Accessories > Women > Women's Clothing > Intimates & Sleep": '11514',
};

export interface TaxonomyModuleOptions {
  treeId?: string;
  treeVersion?: string;
  marketplaceId?: string;
  /** Add eBay's whole US leaf dump (shared data) to the bundled clothing leaves. */
  allLeavesFile?: string | null;
  /** Real recorded getCategorySuggestions answers, by query. */
  recordedSuggestions?: Record<string, unknown>;
}

/**
 * The data behind the fake Taxonomy API. Tests register answers for their queries and categories;
 * anything else is answered from the leaf lists (a word search for suggestions) and the bundled
 * aspect data, in eBay's response shapes.
 */
export class FakeTaxonomyData {
  readonly treeId: string;
  readonly treeVersion: string;
  readonly marketplaceId: string;
  /** Leaf id → root-to-leaf path. */
  readonly leaves = new Map<string, string>();
  readonly #branchIds = new Map<string, string>();
  readonly #suggestions = new Map<string, unknown>();
  readonly #aspects = new Map<string, { aspects: EbayAspectShape[] }>();

  constructor(options: TaxonomyModuleOptions = {}) {
    this.treeId = options.treeId ?? '0';
    this.treeVersion = options.treeVersion ?? '134';
    this.marketplaceId = options.marketplaceId ?? 'EBAY_US';
    for (const leaf of clothingCategories.leaves) this.leaves.set(leaf.id, leaf.path);
    if (options.allLeavesFile && existsSync(options.allLeavesFile)) {
      const dump = JSON.parse(readFileSync(options.allLeavesFile, 'utf8')) as { leaves: Array<{ id: string; path: string }> };
      for (const leaf of dump.leaves) this.leaves.set(leaf.id, leaf.path);
    }
    for (const [q, response] of Object.entries(options.recordedSuggestions ?? {})) this.#suggestions.set(normalizeQuery(q), response);
    for (const [path, id] of Object.entries(KNOWN_BRANCH_IDS)) this.#branchIds.set(path, id);
  }

  /** Answer `q` with exactly this response body. */
  setSuggestions(q: string, response: unknown): void {
    this.#suggestions.set(normalizeQuery(q), response);
  }

  /** Answer `q` with these leaves, best first, in eBay's shape. */
  setSuggestedLeaves(q: string, leafIds: readonly string[]): void {
    this.#suggestions.set(normalizeQuery(q), this.buildSuggestionResponse(leafIds));
  }

  setAspects(categoryId: string, metadata: { aspects: EbayAspectShape[] }): void {
    this.#aspects.set(categoryId, metadata);
  }

  isBranch(categoryId: string): boolean {
    return [...this.#branchIds.values()].includes(categoryId);
  }

  buildSuggestionResponse(leafIds: readonly string[]): CategorySuggestionResponse {
    return {
      categorySuggestions: leafIds.map((id) => {
        const path = this.leaves.get(id);
        if (!path) throw new Error(`The fake knows no leaf ${id}`);
        const names = path.split(' > ');
        const ancestors = names.slice(0, -1).map((name, index) => {
          const branchPath = names.slice(0, index + 1).join(' > ');
          const categoryId = this.#branchId(branchPath);
          return {
            categoryId,
            categoryName: name,
            categoryTreeNodeLevel: index + 1,
            categorySubtreeNodeHref: `https://api.ebay.com${BASE}/category_tree/${this.treeId}/get_category_subtree?category_id=${categoryId}`,
          };
        });
        return {
          category: { categoryId: id, categoryName: names.at(-1) ?? '' },
          // eBay lists the ancestors nearest first.
          categoryTreeNodeAncestors: ancestors.reverse(),
          categoryTreeNodeLevel: names.length,
        };
      }),
      categoryTreeId: this.treeId,
      categoryTreeVersion: this.treeVersion,
    };
  }

  suggest(q: string): unknown {
    const registered = this.#suggestions.get(normalizeQuery(q));
    if (registered !== undefined) return registered;
    const words = normalizeQuery(q).split(' ').filter((word) => word.length > 1);
    const scored = [...this.leaves]
      .map(([id, path]) => {
        const pathWords = new Set(normalizeQuery(path).split(' '));
        return { id, hits: words.filter((word) => pathWords.has(word)).length, depth: path.split(' > ').length };
      })
      .filter((entry) => entry.hits > 0)
      .sort((a, b) => b.hits - a.hits || b.depth - a.depth || a.id.localeCompare(b.id));
    if (scored.length === 0) return null;
    return this.buildSuggestionResponse(scored.slice(0, 5).map((entry) => entry.id));
  }

  aspectsOf(categoryId: string): { aspects: EbayAspectShape[] } {
    const registered = this.#aspects.get(categoryId);
    if (registered) return registered;
    const bundled = (clothingAspects.categories as Record<string, { aspects: string[] } | undefined>)[categoryId];
    const dictionary = clothingAspects.aspects as Record<string, EbayAspectShape | undefined>;
    if (bundled) return { aspects: bundled.aspects.map((key) => dictionary[key]).filter((aspect): aspect is EbayAspectShape => aspect !== undefined) };
    return {
      aspects: [
        {
          localizedAspectName: 'Brand',
          aspectConstraint: { aspectDataType: 'STRING', aspectMode: 'FREE_TEXT', aspectRequired: true, aspectUsage: 'RECOMMENDED', itemToAspectCardinality: 'SINGLE', aspectMaxLength: 65 },
          aspectValues: [{ localizedValue: 'Unbranded' }],
        },
      ],
    };
  }

  #branchId(path: string): string {
    const known = this.#branchIds.get(path);
    if (known) return known;
    const made = String(900_000_000 + this.#branchIds.size);
    this.#branchIds.set(path, made);
    return made;
  }
}

function normalizeQuery(q: string): string {
  return q
    .toLowerCase()
    .replace(/['\u2019]s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * eBay's Commerce Taxonomy API: default tree id, category suggestions and item aspects, with
 * eBay's validation errors. Every route needs an application token from the OAuth module.
 */
export function createTaxonomyModule(data: FakeTaxonomyData): FakeEbayModule {
  return {
    name: 'taxonomy',
    routes: [
      {
        method: 'GET',
        path: `${BASE}/get_default_category_tree_id`,
        operation: 'getDefaultCategoryTreeId',
        auth: 'application',
        handle(request) {
          const marketplaceId = request.query.get('marketplace_id');
          if (!marketplaceId) return taxonomyError(62002);
          if (marketplaceId !== data.marketplaceId) return taxonomyError(62003);
          return { status: 200, body: { categoryTreeId: data.treeId, categoryTreeVersion: data.treeVersion } };
        },
      },
      {
        method: 'GET',
        path: `${BASE}/category_tree/:categoryTreeId/get_category_suggestions`,
        operation: 'getCategorySuggestions',
        auth: 'application',
        handle(request) {
          if (request.params.categoryTreeId !== data.treeId) return taxonomyError(62004);
          const q = request.query.get('q')?.trim();
          if (!q) return taxonomyError(62007);
          const answer = data.suggest(q);
          return answer === null ? { status: 204 } : { status: 200, body: answer };
        },
      },
      {
        method: 'GET',
        path: `${BASE}/category_tree/:categoryTreeId/get_item_aspects_for_category`,
        operation: 'getItemAspectsForCategory',
        auth: 'application',
        handle(request) {
          if (request.params.categoryTreeId !== data.treeId) return taxonomyError(62004);
          const categoryId = request.query.get('category_id')?.trim();
          if (!categoryId) return taxonomyError(62006);
          if (categoryId === data.treeId) return taxonomyError(62008);
          if (data.isBranch(categoryId)) return taxonomyError(62009);
          if (!data.leaves.has(categoryId)) return taxonomyError(62005);
          return { status: 200, body: data.aspectsOf(categoryId) };
        },
      },
    ],
  };
}
