import sharp from 'sharp';
import { PermanentError } from '../../contracts/errors.ts';
import type { PixelRegion } from '../../contracts/readings.ts';
import { fitWithinTiles, type ImageDetail, type PixelSize } from '../../domain/analysis/image-tokens.ts';

/** A low-detail picture is looked at as 512 × 512 at most: sending more only costs upload time. */
const LOW_DETAIL_SIDE = 512;
const JPEG_QUALITY = 85;

export interface PreparedImage {
  jpeg: Buffer;
  size: PixelSize;
}

export interface ImagePreparation {
  detail: ImageDetail;
  focus: PixelRegion | null;
  maxTiles: number | null;
}

/**
 * The picture the model is sent: at low detail the whole photo within 512 px; at high detail the focus
 * (a tag's text) at its own pixels, shrunk only as far as the tile budget needs; with no budget, the
 * whole photo as it is.
 */
export async function prepareVisionImage(image: Buffer, preparation: ImagePreparation): Promise<PreparedImage> {
  try {
    const source = sharp(image).rotate();
    const { width = 0, height = 0 } = await source.clone().metadata();
    if (width === 0 || height === 0) throw new Error('no dimensions');
    let pipeline = source;
    let size: PixelSize = { width, height };
    if (preparation.detail === 'high' && preparation.focus !== null) {
      const box = clampRegion(preparation.focus, size);
      pipeline = sharp(await source.extract(box).toBuffer());
      size = { width: box.width, height: box.height };
    }
    const target = preparation.detail === 'low'
      ? fitInside(size, LOW_DETAIL_SIDE)
      : preparation.maxTiles === null
        ? size
        : fitWithinTiles(size, preparation.maxTiles);
    const { data, info } = await pipeline
      .resize(target.width, target.height, { fit: 'fill', withoutEnlargement: true })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { jpeg: data, size: { width: info.width, height: info.height } };
  } catch (error) {
    throw new PermanentError('CORRUPT_IMAGE', 'A photo could not be prepared for the vision model.', { cause: error });
  }
}

function fitInside(size: PixelSize, side: number): PixelSize {
  const ratio = Math.min(1, side / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * ratio)), height: Math.max(1, Math.round(size.height * ratio)) };
}

function clampRegion(region: PixelRegion, size: PixelSize): { left: number; top: number; width: number; height: number } {
  const left = Math.min(Math.max(0, Math.round(region.left)), size.width - 1);
  const top = Math.min(Math.max(0, Math.round(region.top)), size.height - 1);
  return {
    left,
    top,
    width: Math.max(1, Math.min(Math.round(region.width), size.width - left)),
    height: Math.max(1, Math.min(Math.round(region.height), size.height - top)),
  };
}
