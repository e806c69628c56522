import sharp from 'sharp';
import { DEFAULT_QUALITY_THRESHOLDS, measureImageQuality } from '../../src/adapters/images/image-quality-meter.ts';
import type { QualityFlags } from '../../src/contracts/photo.ts';

export interface NaiveResult {
  derivatives: { thumbnail: Buffer; ai: Buffer; ebay: Buffer };
  scan: { data: Buffer; width: number; height: number };
  quality: QualityFlags;
}

/**
 * The same outputs as SharpImageProcessor, written the obvious way: one decode of the original
 * per rendition, each letting sharp orient, resize and apply the colour profile on its own.
 * The benchmark's yardstick.
 */
export async function processNaively(original: Buffer): Promise<NaiveResult> {
  const render = (side: number, quality: number): Promise<Buffer> =>
    sharp(original).rotate().resize(side, side, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality }).toBuffer();
  const thumbnail = await render(400, 80);
  const ai = await render(1024, 85);
  const ebay = await render(1600, 90);
  const scan = await sharp(original)
    .rotate()
    .resize(2400, 2400, { fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const forQuality = await sharp(original)
    .rotate()
    .resize(1024, 1024, { fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const metadata = await sharp(original).metadata();
  const quality = measureImageQuality(
    { data: forQuality.data, width: forQuality.info.width, height: forQuality.info.height, channels: 1 },
    Math.max(metadata.width, metadata.height),
    DEFAULT_QUALITY_THRESHOLDS,
  );
  return { derivatives: { thumbnail, ai, ebay }, scan: { data: scan.data, width: scan.info.width, height: scan.info.height }, quality };
}

/** The reference point: a plain resize to 1600 px, with the profile applied by sharp or ignored. */
export async function resizePlainly(original: Buffer, options: { applyProfile: boolean }): Promise<Buffer> {
  return sharp(original, { ignoreIcc: !options.applyProfile })
    .rotate()
    .resize(1600, 1600, { fit: 'inside' })
    .jpeg({ quality: 90 })
    .toBuffer();
}
