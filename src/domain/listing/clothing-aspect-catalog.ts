import bundled from './data/clothing-aspects.json' with { type: 'json' };
import { readAspectMetadata, type CategoryAspectSet, type EbayAspectShape } from './aspect-metadata.ts';

interface BundledCategory {
  path: string;
  aspects: readonly string[];
  conditions: readonly number[];
  conditionLabels?: Readonly<Record<string, string>>;
}

const ASPECTS: Readonly<Record<string, EbayAspectShape>> = bundled.aspects;
const CATEGORIES: Readonly<Record<string, BundledCategory>> = bundled.categories;

/** Where the bundled item specifics come from (curated, not captured from eBay). */
export const BUNDLED_ASPECTS_SOURCE: string = bundled.source;

const cache = new Map<string, CategoryAspectSet>();

/**
 * The bundled item specifics of a common US clothing or shoe category, in the same form the
 * live Taxonomy API gives; null for a category the bundle does not cover.
 */
export function findBundledAspectSet(categoryId: string): CategoryAspectSet | null {
  const cached = cache.get(categoryId);
  if (cached) return cached;
  const category = CATEGORIES[categoryId];
  if (!category) return null;
  const aspects = category.aspects.map((key) => {
    const aspect = ASPECTS[key];
    if (!aspect) throw new Error(`Bundled category ${categoryId} names an unknown aspect "${key}"`);
    return aspect;
  });
  const set = readAspectMetadata(categoryId, { aspects }, 'bundled', {
    allowed: category.conditions,
    labels: category.conditionLabels ?? {},
  });
  cache.set(categoryId, set);
  return set;
}

export function listBundledAspectCategoryIds(): string[] {
  return Object.keys(CATEGORIES);
}
