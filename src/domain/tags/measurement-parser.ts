import type { MeasurementClaim, MeasurementName } from '../../contracts/attributes.ts';
import { findSizes } from './size-parser.ts';
import { foldTagText, splitTagLines } from './tag-text.ts';

export interface MeasurementFinding {
  name: MeasurementName;
  inches: number;
  /** Measured by the seller (a note, masking tape on the garment) or printed on the size tag. */
  source: 'measured' | 'tag';
  confidence: number;
  /** The line it was read on. */
  text: string;
}

const CM_PER_INCH = 2.54;

/** What sellers write for each measurement, and the inches it can plausibly measure on adult clothes. */
const NAMES: ReadonlyArray<{ name: MeasurementName; words: string; inches: readonly [number, number] }> = [
  { name: 'pitToPit', words: String.raw`P\s*2\s*P|PIT\s*(?:TO|2)\s*PIT|ARMPIT\s*(?:TO|2)\s*ARMPIT|CHEST(?:\s*FLAT)?|BUST`, inches: [12, 40] },
  { name: 'length', words: String.raw`(?:TOTAL\s*|BACK\s*)?LENGTH|LEN|TOP\s*TO\s*BOTTOM`, inches: [10, 50] },
  { name: 'inseam', words: String.raw`INSEAM|INSIDE\s*LEG|LEG`, inches: [18, 40] },
  { name: 'waist', words: String.raw`WAIST(?:\s*FLAT)?`, inches: [10, 60] },
  { name: 'rise', words: String.raw`(?:FRONT\s*)?RISE`, inches: [5, 18] },
  { name: 'shoulder', words: String.raw`SHOULDERS?(?:\s*TO\s*SHOULDER)?`, inches: [10, 26] },
  { name: 'sleeve', words: String.raw`SLEEVES?(?:\s*LENGTH)?`, inches: [4, 40] },
  { name: 'hip', words: String.raw`HIPS?`, inches: [14, 60] },
];

const NUMBER = String.raw`(?<value>\d{1,2}\s+1\/2|\d{1,2}\s*½|\d{1,3}(?:[.,]\d{1,2})?)`;
const UNIT = String.raw`(?<unit>"|”|''|IN(?:CH(?:ES)?)?\.?|CM)?`;

const PATTERNS = NAMES.map(({ name, words, inches }) => ({
  name,
  inches,
  pattern: new RegExp(String.raw`(?<![A-Z])(?:${words})(?![A-Z])\s*[:=\-–]?\s*(?:IS\s*)?${NUMBER}\s*${UNIT}(?![A-Z0-9])`, 'g'),
}));

/**
 * Garment measurements written in a photo: "Pit to pit 21.5 in", "P2P: 52 cm", "Length 28\"",
 * "Inseam 30 1/2". Centimetres become inches. A number without a unit is taken as inches (US sellers
 * write them so) at a lower confidence, and only when it is a plausible size for that measurement.
 */
export function findMeasurements(text: string): MeasurementFinding[] {
  const findings: MeasurementFinding[] = [];
  for (const line of splitTagLines(text)) {
    const folded = foldTagText(line.text);
    for (const { name, inches: range, pattern } of PATTERNS) {
      for (const match of folded.matchAll(pattern)) {
        const value = readValue(match.groups?.value ?? '');
        if (value === null) continue;
        const unit = match.groups?.unit;
        const isCm = unit === 'CM';
        const inches = Math.round((isCm ? value / CM_PER_INCH : value) * 10) / 10;
        if (inches < range[0] || inches > range[1]) continue;
        if (findings.some((finding) => finding.name === name && finding.text === line.text.trim())) continue;
        findings.push({
          name,
          inches,
          source: 'measured',
          confidence: unit === undefined ? 0.6 : 0.85,
          text: line.text.trim(),
        });
      }
    }
  }
  return findings;
}

function readValue(raw: string): number | null {
  const half = /^(\d{1,2})\s*(?:1\/2|½)$/.exec(raw);
  if (half !== null) return Number(half[1]) + 0.5;
  const value = Number(raw.replace(',', '.'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Every measurement the item's photos show, as claims with their evidence: written measurements, and
 * the waist and inseam of a "W32 L30" size tag (the tag's, not measured: jeans shrink and stretch).
 */
export function claimMeasurements(texts: ReadonlyArray<{ photoId: string; text: string }>): MeasurementClaim[] {
  const claims: MeasurementClaim[] = [];
  const add = (finding: MeasurementFinding, photoId: string): void => {
    const same = claims.find((claim) => claim.name === finding.name && claim.inches === finding.inches && claim.source === finding.source);
    const evidence = { photoId, source: 'ocr' as const, text: finding.text };
    if (same === undefined) {
      claims.push({ name: finding.name, inches: finding.inches, source: finding.source, confidence: finding.confidence, evidence: [evidence] });
    } else if (!same.evidence.some((known) => known.photoId === photoId && known.text === finding.text)) {
      same.evidence.push(evidence);
      same.confidence = Math.max(same.confidence, finding.confidence);
    }
  };
  for (const { photoId, text } of texts) {
    for (const finding of findMeasurements(text)) add(finding, photoId);
    for (const size of findSizes(text)) {
      const pair = /^(\d{2})x(\d{2})$/.exec(size.size);
      if (pair === null) continue;
      add({ name: 'waist', inches: Number(pair[1]), source: 'tag', confidence: 0.7, text: size.text }, photoId);
      add({ name: 'inseam', inches: Number(pair[2]), source: 'tag', confidence: 0.7, text: size.text }, photoId);
    }
  }
  return claims.sort((a, b) => b.confidence - a.confidence);
}
