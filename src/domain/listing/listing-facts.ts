import type { AttributeClaim, AttributeName, ItemAttributes } from '../../contracts/attributes.ts';
import { isPlaceholderValue } from './aspect-value-matcher.ts';
import { normalizeDepartment, type Department } from './department.ts';
import { collapseWhitespace, formatBrand, formatSize, toDisplayCase } from './text-casing.ts';

/** Claims below this are too unsure to print in a listing; the review screen still shows them. */
export const MIN_CLAIM_CONFIDENCE = 0.3;

/** One value per attribute, cleaned and cased for a listing. Null means no claim supports one. */
export interface ListingFacts {
  brand: string | null;
  itemType: string | null;
  /** The department as eBay splits it, when the claim names one we know. */
  department: Department | null;
  size: string | null;
  sizeType: string | null;
  color: string | null;
  material: string | null;
  pattern: string | null;
  sleeveLength: string | null;
  neckline: string | null;
  style: string | null;
  countryOfOrigin: string | null;
  rnNumber: string | null;
  careInstructions: string | null;
}

/**
 * The most confident claim; on a tie the earlier one, since claims arrive best first. Claims that
 * only say "see photos", "N/A" or "unknown" are not values and are passed over.
 */
export function pickBestClaim(claims: readonly AttributeClaim[] | undefined): AttributeClaim | null {
  let best: AttributeClaim | null = null;
  for (const claim of claims ?? []) {
    if (collapseWhitespace(claim.value) === '' || isPlaceholderValue(claim.value)) continue;
    if (best === null || claim.confidence > best.confidence) best = claim;
  }
  return best;
}

/** The best claim's cleaned value, or null when no claim is confident enough. */
export function readBestValue(attributes: ItemAttributes, name: AttributeName): string | null {
  const claim = pickBestClaim(attributes[name]);
  if (!claim || claim.confidence < MIN_CLAIM_CONFIDENCE) return null;
  return collapseWhitespace(claim.value);
}

const UNITED_STATES = /^(u\.?\s?s\.?\s?a?\.?|united states( of america)?|america)$/i;

/** "MADE IN CHINA" → "China", "Made in U.S.A." → "United States". */
export function formatCountry(text: string): string {
  const country = collapseWhitespace(text)
    .replace(/^(proudly\s+)?(made|manufactured|assembled)\s+in\s+(the\s+)?/i, '')
    .replace(/[.,;:]+$/, '');
  if (UNITED_STATES.test(country)) return 'United States';
  return toDisplayCase(country);
}

/** "rn# 52469" → "RN 52469": the FTC registration number printed on US labels. */
export function formatRnNumber(text: string): string {
  const digits = /(\d{4,6})/.exec(text);
  return digits ? `RN ${digits[1]}` : collapseWhitespace(text);
}

function mapValue(value: string | null, format: (text: string) => string): string | null {
  if (value === null) return null;
  const formatted = format(value);
  return formatted === '' ? null : formatted;
}

export function deriveListingFacts(attributes: ItemAttributes): ListingFacts {
  const read = (name: AttributeName): string | null => readBestValue(attributes, name);
  return {
    brand: mapValue(read('brand'), formatBrand),
    itemType: mapValue(read('itemType'), toDisplayCase),
    department: normalizeDepartment(read('department')),
    size: mapValue(read('size'), formatSize),
    sizeType: mapValue(read('sizeType'), toDisplayCase),
    color: mapValue(read('color'), toDisplayCase),
    material: mapValue(read('material'), toDisplayCase),
    pattern: mapValue(read('pattern'), toDisplayCase),
    sleeveLength: mapValue(read('sleeveLength'), toDisplayCase),
    neckline: mapValue(read('neckline'), toDisplayCase),
    style: mapValue(read('style'), toDisplayCase),
    countryOfOrigin: mapValue(read('countryOfOrigin'), formatCountry),
    rnNumber: mapValue(read('rnNumber'), formatRnNumber),
    careInstructions: mapValue(read('careInstructions'), (text) => text),
  };
}
