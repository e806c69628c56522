import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SharpImageProcessor } from '../../../src/adapters/images/sharp-image-processor.ts';
import type { ProcessedImage } from '../../../src/ports/image-processor.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { measureMeanAbsoluteDifference, renderFingerprint } from './image-inspection.ts';

/** Same picture, same way up: fingerprints differ by JPEG noise only (measured: under 1 grey level). */
const SAME_WAY_UP = 6;

const processor = new SharpImageProcessor();

async function processPhoto(name: string): Promise<ProcessedImage> {
  return processor.process(await readFile(sharedPath('photos', 'exif-orientation', name)));
}

const CASES = [
  { kind: 'Landscape', orientations: [0, 2, 3, 4, 5, 6, 7, 8], width: 1800, height: 1200 },
  { kind: 'Portrait', orientations: [3, 6, 8], width: 1200, height: 1800 },
] as const;

describe.skipIf(!hasSharedData())('EXIF orientation (shared exif-orientation photos)', () => {
  for (const { kind, orientations, width, height } of CASES) {
    describe(`${kind} photos`, () => {
      const reference: Partial<Record<'thumbnail' | 'ai' | 'ebay', Buffer>> = {};

      beforeAll(async () => {
        const upright = await processPhoto(`${kind}_1.jpg`);
        for (const name of ['thumbnail', 'ai', 'ebay'] as const) {
          reference[name] = await renderFingerprint(upright.derivatives[name]);
        }
      });

      it.each(orientations)(`shows ${kind}_%i upright and unmirrored, like ${kind}_1`, async (orientation) => {
        const result = await processPhoto(`${kind}_${orientation}.jpg`);
        expect({ width: result.width, height: result.height }).toEqual({ width, height });
        for (const name of ['thumbnail', 'ai', 'ebay'] as const) {
          const derivative = result.derivatives[name];
          const fingerprint = await renderFingerprint(derivative);
          expect(measureMeanAbsoluteDifference(fingerprint, reference[name]!)).toBeLessThan(SAME_WAY_UP);
          const metadata = await sharp(derivative).metadata();
          expect(metadata.width > metadata.height).toBe(width > height);
        }
        expect(result.scan.width > result.scan.height).toBe(width > height);
      });

      it('fails the comparison when a derivative is upside down or mirrored', async () => {
        const { derivatives } = await processPhoto(`${kind}_1.jpg`);
        for (const wrong of [sharp(derivatives.ai).rotate(180), sharp(derivatives.ai).flop(), sharp(derivatives.ai).flip()]) {
          const fingerprint = await renderFingerprint(await wrong.jpeg().toBuffer());
          expect(measureMeanAbsoluteDifference(fingerprint, reference.ai!)).toBeGreaterThan(SAME_WAY_UP * 4);
        }
      });
    });
  }
});
