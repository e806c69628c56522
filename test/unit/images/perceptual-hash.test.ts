import { describe, expect, it } from 'vitest';
import { computePerceptualHash } from '../../../src/adapters/images/perceptual-hash.ts';
import { countDifferingBits } from '../../../src/pipeline/stages/ingest.stage.ts';

function renderGrey(width: number, height: number, valueAt: (x: number, y: number) => number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = valueAt(x, y);
  return data;
}

/** Soft blobs at fixed places: a picture with structure at every scale the hash looks at. */
function renderScene(width: number, height: number, shift = 0, gain = 1): Uint8Array {
  return renderGrey(width, height, (x, y) => {
    const u = (x + shift) / width;
    const v = y / height;
    const value = 128 + 60 * Math.sin(u * 7) * Math.cos(v * 5) + 40 * Math.cos(u * 13 + v * 3);
    return Math.max(0, Math.min(255, Math.round(value * gain)));
  });
}

describe('computePerceptualHash', () => {
  it('gives 64 bits as 16 hex digits, half of them set on a structured picture', () => {
    const hash = computePerceptualHash(renderScene(400, 300), 400, 300);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const ones = [...hash].reduce((sum, digit) => sum + countDifferingBits(digit, '0'), 0);
    expect(ones).toBeGreaterThanOrEqual(28);
    expect(ones).toBeLessThanOrEqual(36);
  });

  it('hardly changes when the same picture is resized, brightened or nudged', () => {
    const original = computePerceptualHash(renderScene(400, 300), 400, 300);
    expect(countDifferingBits(original, computePerceptualHash(renderScene(1024, 768), 1024, 768))).toBeLessThanOrEqual(4);
    expect(countDifferingBits(original, computePerceptualHash(renderScene(400, 300, 0, 1.15), 400, 300))).toBeLessThanOrEqual(6);
    expect(countDifferingBits(original, computePerceptualHash(renderScene(400, 300, 8), 400, 300))).toBeLessThanOrEqual(10);
  });

  it('tells different pictures apart by many bits', () => {
    const scene = computePerceptualHash(renderScene(400, 300), 400, 300);
    const stripes = computePerceptualHash(renderGrey(400, 300, (x) => (Math.floor(x / 25) % 2) * 255), 400, 300);
    const diagonal = computePerceptualHash(renderGrey(400, 300, (x, y) => ((x + y) % 160 < 80 ? 30 : 220)), 400, 300);
    expect(countDifferingBits(scene, stripes)).toBeGreaterThan(20);
    expect(countDifferingBits(scene, diagonal)).toBeGreaterThan(20);
    expect(countDifferingBits(stripes, diagonal)).toBeGreaterThan(20);
  });

  it('works on pictures smaller than its 32×32 grid', () => {
    expect(computePerceptualHash(renderScene(20, 10), 20, 10)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses pixels that do not match the size given', () => {
    expect(() => computePerceptualHash(new Uint8Array(10), 4, 4)).toThrow(RangeError);
  });
});

describe('countDifferingBits', () => {
  it('counts the bits two hex hashes differ in', () => {
    expect(countDifferingBits('0000000000000000', '0000000000000000')).toBe(0);
    expect(countDifferingBits('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(countDifferingBits('8000000000000001', '0000000000000000')).toBe(2);
  });

  it('treats hashes of different lengths as entirely different', () => {
    expect(countDifferingBits('00', '0000')).toBe(Number.POSITIVE_INFINITY);
  });
});
