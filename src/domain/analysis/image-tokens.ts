/** How much of a picture the model is shown: a 512 px overview (`low`) or tiles at full detail (`high`). */
export type ImageDetail = 'low' | 'high';

/**
 * How a model bills an image. `tiles`: a fixed base, plus, at high detail, a price per 512 px tile
 * after the picture is fitted in 2048 × 2048 and its shortest side brought down to 768 (GPT-4o and
 * GPT-4o mini, whose multiplied figures keep its image price that of GPT-4o). `patches`: 32 px patches,
 * at most `maxPatches`, times a multiplier (GPT-4.1 mini and nano).
 */
export type ImageTokenRule =
  | { kind: 'tiles'; baseTokens: number; tileTokens: number }
  | { kind: 'patches'; multiplier: number; maxPatches: number };

export interface PixelSize {
  width: number;
  height: number;
}

const TILE = 512;
const HIGH_DETAIL_BOX = 2048;
const HIGH_DETAIL_SHORT_SIDE = 768;
const PATCH = 32;

/** The size a high-detail picture is billed at: fitted in 2048 × 2048, then its shortest side at most 768. */
export function scaleForHighDetail(size: PixelSize): PixelSize {
  let { width, height } = size;
  if (width > HIGH_DETAIL_BOX || height > HIGH_DETAIL_BOX) {
    const ratio = HIGH_DETAIL_BOX / Math.max(width, height);
    width = Math.floor(width * ratio);
    height = Math.floor(height * ratio);
  }
  const shortest = Math.min(width, height);
  if (shortest > HIGH_DETAIL_SHORT_SIDE) {
    const ratio = HIGH_DETAIL_SHORT_SIDE / shortest;
    width = Math.floor(width * ratio);
    height = Math.floor(height * ratio);
  }
  return { width, height };
}

/** 512 px tiles a high-detail picture of this size is billed for. */
export function countTiles(size: PixelSize): number {
  const scaled = scaleForHighDetail(size);
  return Math.ceil(scaled.width / TILE) * Math.ceil(scaled.height / TILE);
}

/** Input tokens one picture of this size costs at this detail, by the model's rule. */
export function countImageTokens(size: PixelSize, detail: ImageDetail, rule: ImageTokenRule): number {
  if (rule.kind === 'tiles') {
    return detail === 'low' ? rule.baseTokens : rule.baseTokens + rule.tileTokens * countTiles(size);
  }
  return Math.ceil(countPatches(size, rule.maxPatches) * rule.multiplier);
}

/**
 * 32 px patches covering the picture. Past `maxPatches`, as documented: shrink by
 * sqrt(32² × max / (w × h)), then further until the width is a whole number of patches.
 */
export function countPatches(size: PixelSize, maxPatches: number): number {
  const cover = (width: number, height: number): number => Math.ceil(width / PATCH - 1e-9) * Math.ceil(height / PATCH - 1e-9);
  if (cover(size.width, size.height) <= maxPatches) return cover(size.width, size.height);
  const shrunkWidth = size.width * Math.sqrt((PATCH * PATCH * maxPatches) / (size.width * size.height));
  const width = Math.floor(shrunkWidth / PATCH) * PATCH;
  return Math.min(maxPatches, cover(width, (width * size.height) / size.width));
}

/**
 * The largest size, keeping the aspect, at which a high-detail picture costs at most `maxTiles` tiles
 * and is no larger than it is: what to send so that a close-up stays sharp and the bill stays known.
 */
export function fitWithinTiles(size: PixelSize, maxTiles: number): PixelSize {
  if (countTiles(size) <= maxTiles) return size;
  // Whole tiles first: the widest grid of at most maxTiles tiles that keeps the aspect.
  let best: PixelSize = { width: 1, height: 1 };
  for (let across = 1; across <= maxTiles; across += 1) {
    const down = Math.floor(maxTiles / across);
    const ratio = Math.min((across * TILE) / size.width, (down * TILE) / size.height, 1);
    const candidate = { width: Math.max(1, Math.floor(size.width * ratio)), height: Math.max(1, Math.floor(size.height * ratio)) };
    if (countTiles(candidate) <= maxTiles && candidate.width * candidate.height > best.width * best.height) best = candidate;
  }
  return best;
}
