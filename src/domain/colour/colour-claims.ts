import type { AttributeClaim, Evidence } from '../../contracts/attributes.ts';
import { NEUTRAL_COLOURS, type EbayColour } from './ebay-colours.ts';
import type { GarmentColour } from './garment-colours.ts';

export interface PhotoColours {
  photoId: string;
  colours: readonly GarmentColour[];
}

/** A colour covering less of the garment than this, over all its photos, is a detail, not its colour. */
const MIN_SHARE = 0.2;
/** Two hues each covering this much make a multicoloured garment. */
const MULTICOLOUR_SHARE = 0.25;

/**
 * The item's colour claims from the garment colours of its photos: each colour's share averaged over
 * the photos, the largest first, each with the photos and measured colours as evidence. Two strong
 * hues add a "Multicolor" claim ahead of them; every colour claim stays, for the seller to choose.
 */
export function claimGarmentColours(photos: readonly PhotoColours[]): AttributeClaim[] {
  const measured = photos.filter((photo) => photo.colours.length > 0);
  if (measured.length === 0) return [];
  const shares = new Map<EbayColour, { total: number; evidence: Evidence[] }>();
  for (const photo of measured) {
    for (const colour of photo.colours) {
      const entry = shares.get(colour.name) ?? { total: 0, evidence: [] };
      entry.total += colour.share;
      if (colour.share >= 0.1) {
        entry.evidence.push({
          photoId: photo.photoId,
          source: 'pixels',
          text: `${Math.round(colour.share * 100)}% of the garment is close to ${colour.hex} (${colour.name})`,
        });
      }
      shares.set(colour.name, entry);
    }
  }
  const ranked = [...shares.entries()]
    .map(([name, entry]) => ({ name, share: entry.total / measured.length, evidence: entry.evidence }))
    .filter((entry) => entry.share >= MIN_SHARE && entry.evidence.length > 0)
    .sort((a, b) => b.share - a.share);

  const claims: AttributeClaim[] = ranked.map((entry) => ({
    value: entry.name,
    // Pixels say what colour the photo shows; light and white balance keep this short of certain.
    confidence: round(Math.min(0.85, 0.3 + 0.55 * entry.share)),
    evidence: entry.evidence,
  }));
  const hues = ranked.filter((entry) => !NEUTRAL_COLOURS.has(entry.name) && entry.share >= MULTICOLOUR_SHARE);
  if (hues.length >= 2) {
    claims.unshift({
      value: 'Multicolor',
      confidence: round(Math.min(0.8, 0.3 + 0.5 * hues.reduce((sum, hue) => sum + hue.share, 0))),
      evidence: hues.flatMap((hue) => hue.evidence),
    });
  }
  return claims;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
