import { isPlaceholderValue } from './aspect-value-matcher.ts';
import { toDepartmentAspectValue } from './department.ts';
import type { ListingFacts } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';

export const MAX_ASPECT_NAME_LENGTH = 40;
export const MAX_ASPECT_VALUE_LENGTH = 50;

/** eBay's item specific names for clothing, in the order the review screen lists them. */
export const ASPECT_NAMES = [
  'Brand',
  'Department',
  'Type',
  'Style',
  'Size',
  'Size Type',
  'Color',
  'Material',
  'Pattern',
  'Sleeve Length',
  'Neckline',
  'Country/Region of Manufacture',
] as const;
export type AspectName = (typeof ASPECT_NAMES)[number];

export const UNBRANDED = 'Unbranded';

/** Shortens to `max` characters, at a word boundary when one is near. */
export function clipAspectText(text: string, max: number): string {
  const line = collapseWhitespace(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space >= max * 0.6 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * Item specifics from the facts when the category's own item specifics are unknown: eBay's usual
 * clothing names, no value matching. Only values a claim supports appear, never a placeholder; the one exception is eBay's
 * own "Unbranded", used when no photo gave any brand claim at all (a brand that was read but too
 * unsure to print leaves Brand empty for the seller to fill).
 */
export function buildItemAspects(facts: ListingFacts, options: { hasBrandClaim: boolean }): Record<string, string[]> {
  const values: Record<AspectName, string | null> = {
    Brand: facts.brand ?? (options.hasBrandClaim ? null : UNBRANDED),
    Department: facts.department ? toDepartmentAspectValue(facts.department) : null,
    Type: facts.itemType,
    Style: facts.style,
    Size: facts.size,
    'Size Type': facts.sizeType,
    Color: facts.color,
    Material: facts.material,
    Pattern: facts.pattern,
    'Sleeve Length': facts.sleeveLength,
    Neckline: facts.neckline,
    'Country/Region of Manufacture': facts.countryOfOrigin,
  };
  const aspects: Record<string, string[]> = {};
  for (const name of ASPECT_NAMES) {
    const value = values[name];
    if (value === null || isPlaceholderValue(value)) continue;
    const clipped = clipAspectText(value, MAX_ASPECT_VALUE_LENGTH);
    if (clipped !== '') aspects[clipAspectText(name, MAX_ASPECT_NAME_LENGTH)] = [clipped];
  }
  return aspects;
}
