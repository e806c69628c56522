import type { GreyPixels } from './seven-segment-decoder.ts';

/**
 * How far the lines of text in a picture are turned from level, in degrees (clockwise positive),
 * found the classic way: the dark pixels are projected onto rows at each candidate angle, and at the
 * right one the rows of text stand out as sharp peaks. A label's edges can mislead (perspective,
 * shadow); its lines of text cannot. Null when there is too little ink to tell.
 */
export function estimateTextSkew(image: GreyPixels, maxDegrees = 15): number | null {
  const threshold = findMeanThreshold(image.data);
  const xs: number[] = [];
  const ys: number[] = [];
  // Ink far from the middle is the label's edge or what lies around it.
  const marginX = Math.round(image.width * 0.08);
  const marginY = Math.round(image.height * 0.08);
  for (let y = marginY; y < image.height - marginY; y += 1) {
    for (let x = marginX; x < image.width - marginX; x += 1) {
      if ((image.data[y * image.width + x] ?? 255) < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return null;
  const step = Math.max(1, Math.floor(xs.length / 20_000));
  let bestAngle = 0;
  let bestScore = -1;
  for (let tenths = -maxDegrees * 10; tenths <= maxDegrees * 10; tenths += 5) {
    const radians = (tenths / 10) * (Math.PI / 180);
    const sin = Math.sin(radians);
    const cos = Math.cos(radians);
    const rows = new Map<number, number>();
    for (let index = 0; index < xs.length; index += step) {
      const row = Math.round(-(xs[index] ?? 0) * sin + (ys[index] ?? 0) * cos);
      rows.set(row, (rows.get(row) ?? 0) + 1);
    }
    let score = 0;
    for (const count of rows.values()) score += count * count;
    if (score > bestScore) {
      bestScore = score;
      bestAngle = tenths / 10;
    }
  }
  return bestAngle;
}

/** Ink is what is clearly darker than the picture's mean. */
function findMeanThreshold(data: Uint8Array): number {
  let sum = 0;
  for (const value of data) sum += value;
  return (sum / Math.max(1, data.length)) * 0.6;
}
