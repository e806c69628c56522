import sharp from 'sharp';
import { expect } from 'vitest';
import { EasyFlipError } from '../../../src/contracts/errors.ts';
import type { ErrorCode } from '../../../src/contracts/errors.ts';

/**
 * The first coefficient of the JPEG's first quantisation table. libjpeg scales the standard
 * luminance table (whose first value is 16) by quality, so this is 3 or less exactly when the
 * file was written at quality 90 or higher.
 */
export function readLumaDcQuantizer(jpeg: Buffer): number {
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`Not at a JPEG marker at byte ${at}`);
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xdb) {
      const precisionAndId = jpeg[at + 4]!;
      return precisionAndId >> 4 === 0 ? jpeg[at + 5]! : jpeg.readUInt16BE(at + 5);
    }
    if (marker === 0xda) break;
    at += 2 + length;
  }
  throw new Error('No quantisation table before the image data');
}

/** Mean RGB of a rectangle given as fractions of the picture's width and height. */
export async function measureMeanColour(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const x0 = Math.floor(region.left * info.width);
  const y0 = Math.floor(region.top * info.height);
  const x1 = Math.floor((region.left + region.width) * info.width);
  const y1 = Math.floor((region.top + region.height) * info.height);
  const sums: [number, number, number] = [0, 0, 0];
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const p = (y * info.width + x) * info.channels;
      sums[0] += data[p]!;
      sums[1] += data[p + 1]!;
      sums[2] += data[p + 2]!;
    }
  }
  const count = (x1 - x0) * (y1 - y0);
  return [sums[0] / count, sums[1] / count, sums[2] / count];
}

/** Largest per-channel difference between two colours. */
export function measureColourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((value, i) => Math.abs(value - b[i]!)));
}

/** A 48×48 greyscale thumbnail, stretched: enough to tell which way up a picture is. */
export async function renderFingerprint(image: Buffer): Promise<Buffer> {
  return sharp(image).greyscale().resize(48, 48, { fit: 'fill' }).raw().toBuffer();
}

export function measureMeanAbsoluteDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

export async function captureRefusal(pending: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  const outcome: unknown = await pending.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(outcome instanceof EasyFlipError)) {
    throw new Error('Expected a refusal', { cause: outcome ?? 'success' });
  }
  expect(outcome.retryable).toBe(false);
  return { code: outcome.code, message: outcome.message };
}
