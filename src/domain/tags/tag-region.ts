import type { OcrReading, PixelRegion } from '../../contracts/readings.ts';
import { extractTagAttributes } from './extract-tag-attributes.ts';

/** Tag attributes that show a photo is a close-up of a garment's tag. */
const TAG_ATTRIBUTES = ['brand', 'material', 'countryOfOrigin', 'rnNumber', 'careInstructions'] as const;

/** What only a tag prints; a brand alone may be printed across a hoodie. */
const TAG_DETAILS = ['material', 'countryOfOrigin', 'rnNumber', 'careInstructions'] as const;

/** True when the text reads like a garment tag: a brand, fibres, an origin, an RN number or care words. */
export function readsLikeTag(text: string): boolean {
  const attributes = extractTagAttributes([{ photoId: 'photo', text }]);
  return TAG_ATTRIBUTES.some((name) => (attributes[name]?.length ?? 0) > 0);
}

/** True when the text shows what only a tag prints (fibres, origin, RN number, care), not just a brand. */
export function showsTagDetails(text: string): boolean {
  const attributes = extractTagAttributes([{ photoId: 'photo', text }]);
  return TAG_DETAILS.some((name) => (attributes[name]?.length ?? 0) > 0);
}

/**
 * Where to look again, closer, on a photo of a tag whose size was not read: the gaps between its
 * lines of text. A big lone size letter ("M") between the brand and the fibres is dropped by a
 * whole-photo read; read as a block on a close-up of the gap, it is kept. Without a gap, the box
 * around every line. Nothing when the photo is not a tag, its size was read, or OCR gave no positions.
 */
export function findTagRegionsToReread(ocr: OcrReading, sizeFound: boolean): PixelRegion[] {
  if (sizeFound || !readsLikeTag(ocr.text)) return [];
  const all = ocr.lines.flatMap((line) => (line.region === undefined ? [] : [line.region]));
  if (all.length === 0) return [];
  const typical = median(all.map((region) => region.height));
  // Stitching and weave read as flat lines of noise: they are not lines of text.
  const lines = all.filter((region) => region.height >= typical * 0.4).sort((a, b) => a.top - b.top);
  const left = Math.min(...lines.map((region) => region.left));
  const right = Math.max(...lines.map((region) => region.left + region.width));
  const gaps: PixelRegion[] = [];
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const above = lines[index];
    const below = lines[index + 1];
    if (above === undefined || below === undefined) continue;
    const top = above.top + above.height;
    const gap = below.top - top;
    if (gap >= Math.min(above.height, below.height)) gaps.push({ left, top, width: right - left, height: gap });
  }
  if (gaps.length > 0) return gaps.slice(0, 3);
  const top = Math.min(...lines.map((region) => region.top));
  const bottom = Math.max(...lines.map((region) => region.top + region.height));
  const grow = Math.round(typical * 1.5);
  const grownLeft = Math.max(0, left - grow);
  const grownTop = Math.max(0, top - grow);
  return [{ left: grownLeft, top: grownTop, width: right + grow - grownLeft, height: bottom + grow - grownTop }];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
