import type { AttributeClaim, AttributeName, Evidence, ItemAttributes } from '../../contracts/attributes.ts';
import type { UnverifiedClaim } from '../../contracts/item.ts';
import { MIN_CLAIM_CONFIDENCE } from '../listing/listing-facts.ts';
import type { VisionClaim } from './vision-findings.ts';

/** Facts printed on a tag: the model must quote the words it read them from. */
export const TEXT_BOUND_ATTRIBUTES: ReadonlySet<AttributeName> = new Set<AttributeName>([
  'brand',
  'size',
  'material',
  'countryOfOrigin',
  'rnNumber',
  'careInstructions',
]);

/** An unverified claim is kept below what a listing prints: the seller sees it, eBay does not. */
export const UNVERIFIED_CEILING = Math.round((MIN_CLAIM_CONFIDENCE - 0.05) * 100) / 100;
/** OCR of the same photo finding the same words makes a model's claim a little surer. */
const OCR_AGREEMENT_BONUS = 0.05;
const MAX_CONFIDENCE = 0.99;

export interface GuardedClaims {
  attributes: ItemAttributes;
  unverified: UnverifiedClaim[];
}

/**
 * Turns the model's claims into attributes with evidence, refusing what no photo backs: a claim that
 * names no photo that was shown is dropped; a tag fact (brand, size, material, origin, RN, care) whose
 * value is not in the words the model quotes is kept below the listing threshold and listed as
 * unverified. `shownPhotoIds[i]` is the photo shown as number i + 1; `ocrTextByPhoto` is what OCR read.
 */
export function guardVisionClaims(
  claims: readonly VisionClaim[],
  shownPhotoIds: readonly string[],
  ocrTextByPhoto: ReadonlyMap<string, string>,
): GuardedClaims {
  const unverified: UnverifiedClaim[] = [];
  const byAttribute = new Map<AttributeName, AttributeClaim[]>();

  for (const claim of claims) {
    const value = claim.value.trim();
    if (value === '') continue;
    const photoIds = [...new Set(claim.photos.filter((index) => Number.isInteger(index) && index >= 1 && index <= shownPhotoIds.length))]
      .map((index) => shownPhotoIds[index - 1])
      .filter((photoId): photoId is string => photoId !== undefined);
    if (photoIds.length === 0) {
      unverified.push({ attribute: claim.attribute, value, photoIds: [], kept: false, reason: describeMissingPhoto(claim, shownPhotoIds.length) });
      continue;
    }

    let confidence = clamp(claim.confidence);
    const seenText = claim.seenText?.trim() ?? '';
    if (TEXT_BOUND_ATTRIBUTES.has(claim.attribute)) {
      const doubt = doubtAboutQuote(value, seenText);
      if (doubt !== null) {
        unverified.push({ attribute: claim.attribute, value, photoIds, kept: true, reason: doubt });
        confidence = Math.min(confidence, UNVERIFIED_CEILING);
      } else if (photoIds.some((photoId) => containsWords(ocrTextByPhoto.get(photoId) ?? '', value))) {
        confidence = Math.min(MAX_CONFIDENCE, confidence + OCR_AGREEMENT_BONUS);
      }
    }
    const evidence: Evidence[] = photoIds.map((photoId) => ({ photoId, source: 'vision', ...(seenText === '' ? {} : { text: seenText }) }));
    addClaim(byAttribute, claim.attribute, { value, confidence: round(confidence), evidence });
  }

  const attributes: ItemAttributes = {};
  for (const [attribute, list] of byAttribute) attributes[attribute] = list.sort((a, b) => b.confidence - a.confidence);
  return { attributes, unverified };
}

function describeMissingPhoto(claim: VisionClaim, shown: number): string {
  if (claim.photos.length === 0) return 'The vision model named no photo that shows it, so it was dropped.';
  const named = claim.photos.map((index) => `photo ${index}`).join(', ');
  return `The vision model named ${named}, but only ${shown} photo${shown === 1 ? ' was' : 's were'} shown, so it was dropped.`;
}

function doubtAboutQuote(value: string, seenText: string): string | null {
  if (seenText === '') return 'The vision model quoted no words from a tag for it.';
  if (!containsWords(seenText, value)) return `The words the vision model quoted ("${seenText}") do not contain it.`;
  return null;
}

/** Claims of the same value join: one claim with every photo as evidence and the best confidence. */
function addClaim(byAttribute: Map<AttributeName, AttributeClaim[]>, attribute: AttributeName, claim: AttributeClaim): void {
  const list = byAttribute.get(attribute) ?? [];
  byAttribute.set(attribute, list);
  const same = list.find((known) => normalizeValue(known.value) === normalizeValue(claim.value));
  if (same === undefined) {
    list.push(claim);
    return;
  }
  same.confidence = Math.max(same.confidence, claim.confidence);
  for (const evidence of claim.evidence) {
    if (!same.evidence.some((known) => known.photoId === evidence.photoId && known.text === evidence.text)) same.evidence.push(evidence);
  }
}

/** Letters and digits only, lower case: "Levi's" and "LEVIS" compare equal, as do "100% Cotton" and "100 cotton". */
export function normalizeValue(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether `text` contains `value`'s letters and digits in order. */
export function containsWords(text: string, value: string): boolean {
  const needle = normalizeValue(value);
  return needle !== '' && normalizeValue(text).includes(needle);
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
