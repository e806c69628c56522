import type { GreyPixels } from './seven-segment-decoder.ts';

/** A region of the picture, in its pixels. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PanelCandidate extends PixelBox {
  /** Higher is more panel-like: flat, bright, rectangular, framed by something darker. */
  score: number;
  /** How far the panel's long side is turned from level, in degrees (-45..45, clockwise positive). */
  angle: number;
}

export interface PanelCriteria {
  /** Smallest and largest share of the picture the panel's box may cover. */
  minShare: number;
  maxShare: number;
  /** Largest long-to-short side ratio. */
  maxAspect: number;
  /** Smallest share of its box the panel must fill. */
  minFill: number;
  limit: number;
}

/** A scale's display: from a small sticker to a third of the picture. */
const DISPLAY_CRITERIA: PanelCriteria = { minShare: 0.002, maxShare: 0.3, maxAspect: 4, minFill: 0.6, limit: 10 };

/**
 * Finds the places in a photo where a scale's display may be: a flat panel brighter than the frame
 * around it, roughly rectangular, between a small sticker and a third of the picture in size. It
 * only proposes; the seven-segment decoder decides, so a wrong proposal costs time, not a reading.
 */
export function locateDisplayCandidates(image: GreyPixels): PanelCandidate[] {
  return locateBrightPanels(image, DISPLAY_CRITERIA);
}

/**
 * Bright, roughly rectangular panels framed by something darker: a scale's display, a label on a
 * desk, a tag on a garment. Best first.
 */
export function locateBrightPanels(image: GreyPixels, criteria: PanelCriteria): PanelCandidate[] {
  const { width, height } = image;
  const imageArea = width * height;
  const radius = Math.max(2, Math.round(Math.max(width, height) / 160));
  const candidates: PanelCandidate[] = [];
  // A panel is brighter than its frame, but how bright depends on the light: it is looked for at
  // several levels, as the regions brighter than each.
  for (const level of findGreyLevels(image.data, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])) {
    const panel = new Uint8Array(image.data.length);
    for (let index = 0; index < panel.length; index += 1) panel[index] = (image.data[index] ?? 0) > level ? 1 : 0;
    closeMask(panel, width, height, radius);
    const labels = new Int32Array(panel.length);
    for (const region of findRegions(panel, width, height, labels)) {
      const boxArea = region.width * region.height;
      const long = Math.max(region.width, region.height);
      const short = Math.min(region.width, region.height);
      const fill = region.area / boxArea;
      if (boxArea < imageArea * criteria.minShare || boxArea > imageArea * criteria.maxShare) continue;
      if (long / short > criteria.maxAspect || long / short < 1.05 || fill < criteria.minFill || short < 12) continue;
      // A label or a display lies inside the frame; a bright region running out of it is the background.
      const touchesEdge = region.left === 0 || region.top === 0 || region.left + region.width === width || region.top + region.height === height;
      if (touchesEdge) continue;
      const frameContrast = measureFrameContrast(image, region);
      if (frameContrast < 15) continue;
      addDistinct(candidates, {
        left: region.left,
        top: region.top,
        width: region.width,
        height: region.height,
        score: fill * fill * Math.min(frameContrast, 80),
        angle: measureAngle(labels, width, region),
      });
    }
  }
  return candidates.sort((a, b) => b.score - a.score).slice(0, criteria.limit);
}

/**
 * How far the panel is turned from level, in degrees (clockwise positive): the slope of its top and
 * bottom edges, fitted over the middle of its width where the edges are straight.
 */
function measureAngle(labels: Int32Array, width: number, region: Region): number {
  const slopes: number[] = [];
  for (const edge of ['top', 'bottom'] as const) {
    const points: Array<[number, number]> = [];
    const from = region.left + Math.round(region.width * 0.2);
    const to = region.left + Math.round(region.width * 0.8);
    for (let x = from; x <= to; x += 1) {
      let found = -1;
      for (let step = 0; step < region.height; step += 1) {
        const y = edge === 'top' ? region.top + step : region.top + region.height - 1 - step;
        if (labels[y * width + x] === region.id) {
          found = y;
          break;
        }
      }
      if (found >= 0) points.push([x, found]);
    }
    const slope = fitSlope(points);
    if (slope !== null) slopes.push(slope);
  }
  if (slopes.length === 0) return 0;
  const slope = slopes.reduce((sum, value) => sum + value, 0) / slopes.length;
  return Math.round(((Math.atan(slope) * 180) / Math.PI) * 10) / 10;
}

function fitSlope(points: ReadonlyArray<[number, number]>): number | null {
  if (points.length < 4) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Keeps the better of two proposals for the same place. Levels come darkest first, and the angle of
 * the brightest one wins: at dark levels a panel merges with its shadow, whose edges are not its own.
 */
function addDistinct(candidates: PanelCandidate[], candidate: PanelCandidate): void {
  const same = candidates.findIndex((known) => intersectionOverUnion(known, candidate) > 0.5);
  const known = candidates[same];
  if (known === undefined) candidates.push(candidate);
  else if (known.score < candidate.score) candidates[same] = candidate;
  else candidates[same] = { ...known, angle: candidate.angle };
}

function intersectionOverUnion(a: PixelBox, b: PixelBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const shared = width * height;
  return shared / (a.width * a.height + b.width * b.height - shared);
}

/** The grey levels below which the given shares of the pixels lie. */
function findGreyLevels(data: Uint8Array, shares: readonly number[]): number[] {
  const histogram = new Array<number>(256).fill(0);
  for (const value of data) histogram[value] = (histogram[value] ?? 0) + 1;
  const levels: number[] = [];
  let seen = 0;
  let shareIndex = 0;
  for (let value = 0; value < 256 && shareIndex < shares.length; value += 1) {
    seen += histogram[value] ?? 0;
    while (shareIndex < shares.length && seen >= (shares[shareIndex] ?? 1) * data.length) {
      if (!levels.includes(value)) levels.push(value);
      shareIndex += 1;
    }
  }
  return levels;
}

function measureFrameContrast(image: GreyPixels, box: PixelBox): number {
  const margin = Math.max(2, Math.round(Math.min(box.width, box.height) * 0.15));
  const inner = meanInBox(image, box.left + margin, box.top + margin, box.width - 2 * margin, box.height - 2 * margin);
  const outerLeft = Math.max(0, box.left - margin);
  const outerTop = Math.max(0, box.top - margin);
  const outerRight = Math.min(image.width, box.left + box.width + margin);
  const outerBottom = Math.min(image.height, box.top + box.height + margin);
  let sum = 0;
  let count = 0;
  for (let y = outerTop; y < outerBottom; y += 1) {
    for (let x = outerLeft; x < outerRight; x += 1) {
      const insideBox = x >= box.left && x < box.left + box.width && y >= box.top && y < box.top + box.height;
      if (insideBox) continue;
      sum += image.data[y * image.width + x] ?? 0;
      count += 1;
    }
  }
  if (count === 0 || inner === null) return 0;
  return inner - sum / count;
}

function meanInBox(image: GreyPixels, left: number, top: number, width: number, height: number): number | null {
  if (width <= 0 || height <= 0) return null;
  let sum = 0;
  for (let y = top; y < top + height; y += 1) {
    for (let x = left; x < left + width; x += 1) sum += image.data[y * image.width + x] ?? 0;
  }
  return sum / (width * height);
}

interface Region extends PixelBox {
  /** Its number in the label map, from 1. */
  id: number;
  area: number;
}

/** Connected regions of the mask; `labels` receives each pixel's region number (0 outside). */
function findRegions(mask: Uint8Array, width: number, height: number, labels: Int32Array): Region[] {
  const seen = new Uint8Array(mask.length);
  const regions: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start += 1) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    let left = width;
    let right = 0;
    let top = height;
    let bottom = 0;
    let area = 0;
    const id = regions.length + 1;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      const x = index % width;
      const y = (index - x) / width;
      area += 1;
      labels[index] = id;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      const neighbours = [x > 0 ? index - 1 : -1, x < width - 1 ? index + 1 : -1, index - width, index + width];
      for (const next of neighbours) {
        if (next < 0 || next >= mask.length || mask[next] !== 1 || seen[next] === 1) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    regions.push({ id, left, top, width: right - left + 1, height: bottom - top + 1, area });
  }
  return regions;
}

/** Dilation then erosion with a square: fills the strokes printed on a panel so it is one region. */
function closeMask(mask: Uint8Array, width: number, height: number, radius: number): void {
  const dilated = spreadSquare(mask, width, height, radius, 1);
  const closed = spreadSquare(dilated, width, height, radius, 0);
  mask.set(closed);
}

/** Square dilation (value 1) or erosion (value 0), separably: rows then columns. */
function spreadSquare(mask: Uint8Array, width: number, height: number, radius: number, value: 0 | 1): Uint8Array {
  const rows = new Uint8Array(mask.length);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let hit = false;
      for (let dx = -radius; dx <= radius && !hit; dx += 1) {
        const nx = x + dx;
        if (nx >= 0 && nx < width && mask[y * width + nx] === value) hit = true;
      }
      rows[y * width + x] = hit ? value : 1 - value;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let hit = false;
      for (let dy = -radius; dy <= radius && !hit; dy += 1) {
        const ny = y + dy;
        if (ny >= 0 && ny < height && rows[ny * width + x] === value) hit = true;
      }
      out[y * width + x] = hit ? value : 1 - value;
    }
  }
  return out;
}
