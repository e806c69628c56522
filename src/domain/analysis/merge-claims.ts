import type { AttributeClaim, AttributeName, Evidence, ItemAttributes } from '../../contracts/attributes.ts';
import type { AttributeConflict, ConflictingValue } from '../../contracts/item.ts';
import { normalizeValue } from './accuracy-guard.ts';

/** Where a tag's OCR text and the model disagree on these, the tag's text leads. */
export const OCR_OUTRANKS_VISION: ReadonlySet<AttributeName> = new Set<AttributeName>(['brand', 'size', 'material']);

/** Two readings agreeing make the claim a little surer. */
const AGREEMENT_BONUS = 0.05;
const MAX_CONFIDENCE = 0.99;
/** How far below the tag's claim a disagreeing model claim is put, so the tag's stays first. */
const OUTRANKED_GAP = 0.01;

export interface MergedAttributes {
  attributes: ItemAttributes;
  conflicts: AttributeConflict[];
}

/**
 * Joins the offline analyser's claims (OCR of tags, colours from pixels) with the vision model's.
 * Agreeing values become one claim with both evidences; disagreeing ones are both kept, best first,
 * and the item shows the conflict. On brand, size and material the tag's text outranks the model.
 */
export function mergeVisionClaims(local: ItemAttributes, vision: ItemAttributes): MergedAttributes {
  const attributes: ItemAttributes = {};
  const conflicts: AttributeConflict[] = [];
  const names = new Set<AttributeName>([...keysOf(local), ...keysOf(vision)]);

  for (const name of names) {
    const fromLocal = sortByConfidence(local[name] ?? []).map(copyClaim);
    const fromVision = sortByConfidence(vision[name] ?? []).map(copyClaim);
    const localBest = fromLocal[0];
    const visionBest = fromVision[0];
    if (localBest === undefined || visionBest === undefined) {
      attributes[name] = [...fromLocal, ...fromVision];
      continue;
    }

    const disagree = normalizeValue(localBest.value) !== normalizeValue(visionBest.value);
    const tagLeads = OCR_OUTRANKS_VISION.has(name) && sourceOf(localBest) === 'ocr';
    const merged = [...fromLocal];
    for (const claim of fromVision) {
      const same = merged.find((known) => normalizeValue(known.value) === normalizeValue(claim.value));
      if (same !== undefined) {
        same.confidence = round(Math.min(MAX_CONFIDENCE, Math.max(same.confidence, claim.confidence) + AGREEMENT_BONUS));
        same.evidence = joinEvidence(same.evidence, claim.evidence);
        continue;
      }
      if (tagLeads) claim.confidence = round(Math.max(0, Math.min(claim.confidence, localBest.confidence - OUTRANKED_GAP)));
      merged.push(claim);
    }
    attributes[name] = sortByConfidence(merged);

    if (disagree) {
      const localSide = describe(localBest);
      const visionSide = describe(visionBest);
      const visionKept = !tagLeads && visionBest.confidence > localBest.confidence;
      conflicts.push({
        attribute: name,
        kept: visionKept ? visionSide : localSide,
        other: visionKept ? localSide : visionSide,
        reason: explainConflict(localSide, visionSide, tagLeads, visionKept),
      });
    }
  }
  return { attributes, conflicts };
}

function explainConflict(local: ConflictingValue, vision: ConflictingValue, tagLeads: boolean, visionKept: boolean): string {
  const read = local.source === 'pixels' ? `The photos' pixels give "${local.value}"` : `The tag's text says "${local.value}"`;
  const said = `the vision model said "${vision.value}"`;
  if (tagLeads) return `${read}; ${said}. The tag's text is kept first.`;
  return `${read}; ${said}. The more confident reading, "${visionKept ? vision.value : local.value}", is kept first.`;
}

function describe(claim: AttributeClaim): ConflictingValue {
  return { value: claim.value, source: sourceOf(claim), photoIds: [...new Set(claim.evidence.map((evidence) => evidence.photoId))] };
}

function sourceOf(claim: AttributeClaim): Evidence['source'] {
  return claim.evidence[0]?.source ?? 'vision';
}

function joinEvidence(known: readonly Evidence[], added: readonly Evidence[]): Evidence[] {
  const joined = [...known];
  for (const evidence of added) {
    if (!joined.some((other) => other.photoId === evidence.photoId && other.source === evidence.source && other.text === evidence.text)) {
      joined.push(evidence);
    }
  }
  return joined;
}

/** Best first; equal confidences keep their order (the offline claims come first). */
function sortByConfidence(claims: readonly AttributeClaim[]): AttributeClaim[] {
  return [...claims].sort((a, b) => b.confidence - a.confidence);
}

function copyClaim(claim: AttributeClaim): AttributeClaim {
  return { value: claim.value, confidence: claim.confidence, evidence: [...claim.evidence] };
}

function keysOf(attributes: ItemAttributes): AttributeName[] {
  return Object.keys(attributes) as AttributeName[];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
