import type { AttributeClaim, AttributeName, Evidence, ItemAttributes } from '../../contracts/attributes.ts';
import { findBrandByRn, findBrands } from './brand-parser.ts';
import { findCareInstructions } from './care-parser.ts';
import { findCountriesOfOrigin } from './country-parser.ts';
import { findMainMaterial } from './material-parser.ts';
import { findRnNumbers } from './rn-parser.ts';
import { findSizes } from './size-parser.ts';

export interface PhotoText {
  photoId: string;
  text: string;
  /**
   * How much what this text says counts, 0..1 (default 1): text read on a photo that is not a tag (a
   * print on the garment, the fabric's weave read as letters) says less than a tag does.
   */
  weight?: number;
}

/** Each further photo that shows the same value adds this much confidence. */
const CORROBORATION_BONUS = 0.05;
const MAX_CONFIDENCE = 0.99;
const CONFIDENCE_FOR = {
  rnNumber: 0.9,
  brandFromRn: 0.6,
  countryOfOrigin: 0.9,
  careInstructions: 0.85,
} as const;

interface Candidate {
  value: string;
  best: number;
  photoIds: Set<string>;
  evidence: Evidence[];
  order: number;
}

/**
 * What the tags in an item's photos say, read from their OCR text: brand, size and size type, main
 * material, country of origin, RN number and care instructions. Every claim keeps the photo and line it
 * came from; all claims are kept, best first, and disagreeing values stay side by side for the seller.
 */
export function extractTagAttributes(texts: readonly PhotoText[]): ItemAttributes {
  const claims = new Map<AttributeName, Map<string, Candidate>>();
  let order = 0;

  const addClaim = (attribute: AttributeName, value: string, confidence: number, photoId: string, text: string): void => {
    const byValue = claims.get(attribute) ?? new Map<string, Candidate>();
    claims.set(attribute, byValue);
    const key = value.toLowerCase();
    const candidate = byValue.get(key) ?? { value, best: 0, photoIds: new Set<string>(), evidence: [], order: order++ };
    byValue.set(key, candidate);
    candidate.best = Math.max(candidate.best, confidence);
    candidate.photoIds.add(photoId);
    if (!candidate.evidence.some((known) => known.photoId === photoId && known.text === text)) {
      candidate.evidence.push({ photoId, source: 'ocr', text });
    }
  };

  for (const { photoId, text, weight = 1 } of texts) {
    const add = (attribute: AttributeName, value: string, confidence: number, id: string, line: string): void =>
      addClaim(attribute, value, confidence * weight, id, line);
    for (const brand of findBrands(text)) add('brand', brand.brand, brand.confidence, photoId, brand.text);
    for (const rn of findRnNumbers(text)) {
      add('rnNumber', rn.number, CONFIDENCE_FOR.rnNumber, photoId, rn.text);
      const owner = findBrandByRn(rn.number);
      if (owner !== null) add('brand', owner, CONFIDENCE_FOR.brandFromRn, photoId, rn.text);
    }
    for (const size of findSizes(text)) {
      add('size', size.size, size.confidence, photoId, size.text);
      if (size.sizeType !== null) add('sizeType', size.sizeType, size.sizeTypeConfidence, photoId, size.text);
    }
    const material = findMainMaterial(text);
    if (material !== null) add('material', material.material, material.confidence, photoId, material.text);
    for (const origin of findCountriesOfOrigin(text)) {
      add('countryOfOrigin', origin.country, CONFIDENCE_FOR.countryOfOrigin, photoId, origin.text);
    }
    for (const care of findCareInstructions(text)) {
      add('careInstructions', care.instruction, CONFIDENCE_FOR.careInstructions, photoId, care.text);
    }
  }

  const attributes: ItemAttributes = {};
  for (const [attribute, byValue] of claims) {
    attributes[attribute] = [...byValue.values()]
      .map((candidate) => ({ candidate, claim: toClaim(candidate) }))
      .sort((a, b) => b.claim.confidence - a.claim.confidence || a.candidate.order - b.candidate.order)
      .map(({ claim }) => claim);
  }
  return attributes;
}

function toClaim(candidate: Candidate): AttributeClaim {
  const corroborated = candidate.best + CORROBORATION_BONUS * (candidate.photoIds.size - 1);
  const confidence = Math.round(Math.min(MAX_CONFIDENCE, corroborated) * 100) / 100;
  return { value: candidate.value, confidence, evidence: candidate.evidence };
}
