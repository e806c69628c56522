import { describe, expect, it } from 'vitest';
import {
  computeLaplacianVariance,
  DEFAULT_QUALITY_THRESHOLDS,
  measureImageQuality,
} from '../../../src/adapters/images/image-quality-meter.ts';

function makeGrey(width: number, height: number, valueAt: (x: number, y: number) => number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = valueAt(x, y);
  return data;
}

describe('computeLaplacianVariance', () => {
  it('is zero on a flat picture and on a linear ramp, where nothing curves', () => {
    expect(computeLaplacianVariance(makeGrey(32, 32, () => 120), 32, 32)).toBe(0);
    expect(computeLaplacianVariance(makeGrey(32, 32, (x) => x * 4), 32, 32)).toBe(0);
  });

  it('matches a hand-worked example: one bright pixel in a 3×3 block', () => {
    // Only the centre is interior: its response is 4 × (0 − 10) = −40, a single value, variance 0.
    expect(computeLaplacianVariance(makeGrey(3, 3, (x, y) => (x === 1 && y === 1 ? 10 : 0)), 3, 3)).toBe(0);
    // On a 4×3 block the interior pixels respond −40 and +10: mean −15, variance 625.
    expect(computeLaplacianVariance(makeGrey(4, 3, (x, y) => (x === 1 && y === 1 ? 10 : 0)), 4, 3)).toBe(625);
  });

  it('is large on a fine checkerboard and shrinks as the edges soften', () => {
    const crisp = computeLaplacianVariance(makeGrey(64, 64, (x, y) => ((x + y) % 2 === 0 ? 255 : 0)), 64, 64);
    const soft = computeLaplacianVariance(
      makeGrey(64, 64, (x, y) => 128 + 40 * Math.sin(x / 6) * Math.cos(y / 6)),
      64,
      64,
    );
    expect(crisp).toBeGreaterThan(1_000_000);
    expect(soft).toBeLessThan(DEFAULT_QUALITY_THRESHOLDS.blurry);
  });
});

describe('measureImageQuality', () => {
  const rgb = (width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) => {
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) data.set(pixel(x, y), (y * width + x) * 3);
    }
    return { data, width, height, channels: 3 as const };
  };

  it('reports mean luminance with Rec. 601 weights and flags dark and bright pictures', () => {
    const green = measureImageQuality(rgb(10, 10, () => [0, 200, 0]), 1000, DEFAULT_QUALITY_THRESHOLDS);
    expect(green.brightness).toBeCloseTo(117, 0);
    const dark = measureImageQuality(rgb(10, 10, () => [20, 20, 20]), 1000, DEFAULT_QUALITY_THRESHOLDS);
    expect(dark).toMatchObject({ tooDark: true, tooBright: false });
    const bright = measureImageQuality(rgb(10, 10, () => [250, 250, 250]), 1000, DEFAULT_QUALITY_THRESHOLDS);
    expect(bright).toMatchObject({ tooDark: false, tooBright: true });
  });

  it('flags a featureless picture as blurry and a detailed one as sharp', () => {
    const flat = measureImageQuality(rgb(50, 50, () => [90, 90, 90]), 1000, DEFAULT_QUALITY_THRESHOLDS);
    expect(flat.blurry).toBe(true);
    const stripes = measureImageQuality(
      rgb(50, 50, (x) => (x % 4 < 2 ? [255, 255, 255] : [0, 0, 0])),
      1000,
      DEFAULT_QUALITY_THRESHOLDS,
    );
    expect(stripes.blurry).toBe(false);
  });

  it('flags originals shorter than the minimum on their longest side', () => {
    const image = rgb(10, 10, () => [120, 120, 120]);
    expect(measureImageQuality(image, 499, DEFAULT_QUALITY_THRESHOLDS).tooSmall).toBe(true);
    expect(measureImageQuality(image, 500, DEFAULT_QUALITY_THRESHOLDS).tooSmall).toBe(false);
  });

  it('uses the thresholds it is given', () => {
    const image = rgb(10, 10, () => [60, 60, 60]);
    expect(measureImageQuality(image, 1000, { ...DEFAULT_QUALITY_THRESHOLDS, tooDark: 70 }).tooDark).toBe(true);
    expect(measureImageQuality(image, 1000, DEFAULT_QUALITY_THRESHOLDS).tooDark).toBe(false);
  });
});
