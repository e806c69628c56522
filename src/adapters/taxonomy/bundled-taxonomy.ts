import { listTopCandidates, type CategoryMatchInput } from '../../domain/listing/category-matcher.ts';
import { findBundledAspectSet } from '../../domain/listing/clothing-aspect-catalog.ts';
import type { AspectCatalog, AspectLookup, CategorySuggester, CategorySuggestions } from '../../ports/listing-taxonomy.ts';

/** How many ranked leaves the offline matcher offers for review. */
const SUGGESTION_COUNT = 5;

/** Offline category suggestions: the ranked match against the bundled US clothing leaves. */
export class BundledCategorySuggester implements CategorySuggester {
  suggestCategories(query: CategoryMatchInput): Promise<CategorySuggestions> {
    const suggestions = listTopCandidates(query, SUGGESTION_COUNT).map((match) => ({
      categoryId: match.categoryId,
      categoryName: match.categoryName,
      path: match.path,
      score: match.score,
    }));
    return Promise.resolve({ source: 'bundled', suggestions, degraded: null });
  }
}

/** Offline item specifics: the curated aspect sets of the common clothing and shoe categories. */
export class BundledAspectCatalog implements AspectCatalog {
  getCategoryAspects(categoryId: string): Promise<AspectLookup> {
    const aspects = findBundledAspectSet(categoryId);
    return Promise.resolve(aspects ? { kind: 'found', aspects, degraded: null } : { kind: 'unknown', degraded: null });
  }
}
