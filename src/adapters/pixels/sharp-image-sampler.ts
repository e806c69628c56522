import sharp from 'sharp';
import { PermanentError } from '../../contracts/errors.ts';
import type { RawImage } from '../../ports/image-processor.ts';
import type { ImageSampler, PanelInPhoto } from '../../ports/image-sampler.ts';
import type { ImageRegion } from '../../ports/scale-display-reader.ts';
import { locateBrightPanels } from './bright-panel-locator.ts';
import type { GreyPixels } from './seven-segment-decoder.ts';
import { estimateTextSkew } from './text-skew.ts';

/** Labels are looked for on a small copy: they are large in the frame of a label photo. */
const PANEL_SEARCH_SIDE = 240;
/** The text of a panel is looked at this size to measure its turn. */
const SKEW_SIDE = 320;

/** Pixels and crops of the pipeline's own JPEG renditions, with sharp. */
export class SharpImageSampler implements ImageSampler {
  async readPixels(image: Buffer, options: { maxSide: number }): Promise<RawImage> {
    try {
      const { data, info } = await sharp(image)
        .rotate()
        .resize(options.maxSide, options.maxSide, { fit: 'inside', withoutEnlargement: true })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
    } catch (error) {
      throw new PermanentError('CORRUPT_IMAGE', 'The pixels of this image could not be read.', { cause: error });
    }
  }

  async findPanels(image: Buffer): Promise<PanelInPhoto[]> {
    const source = sharp(image).rotate();
    const { width = 0 } = await source.clone().metadata();
    const { data, info } = await source
      .resize(PANEL_SEARCH_SIDE, PANEL_SEARCH_SIDE, { fit: 'inside' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const scale = width > 0 ? width / info.width : 1;
    const panels = locateBrightPanels({ data: new Uint8Array(data), width: info.width, height: info.height }, LABEL_CRITERIA);
    const found: PanelInPhoto[] = [];
    for (const panel of panels) {
      const region = {
        left: Math.round(panel.left * scale),
        top: Math.round(panel.top * scale),
        width: Math.round(panel.width * scale),
        height: Math.round(panel.height * scale),
      };
      // The lines of text tell the turn better than the panel's edges (perspective, shadows). A
      // panel taller than wide is a label shot sideways: its lines are measured a quarter turn round.
      const sideways = region.height > region.width * 1.1;
      const textAngle = estimateTextSkew(await this.readGrey(image, region, SKEW_SIDE, sideways ? 90 : 0));
      found.push({ region, angle: textAngle ?? panel.angle });
    }
    return found;
  }

  private async readGrey(image: Buffer, region: ImageRegion, longestSide: number, levelAngle: number): Promise<GreyPixels> {
    const closeUp = await this.crop(image, region, { longestSide, levelAngle });
    const { data, info } = await sharp(closeUp).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  }

  async crop(image: Buffer, region: ImageRegion, options: { longestSide: number; levelAngle?: number }): Promise<Buffer> {
    try {
      const source = sharp(image).rotate();
      const { width = 0, height = 0 } = await source.clone().metadata();
      const left = clamp(Math.round(region.left), 0, Math.max(0, width - 1));
      const top = clamp(Math.round(region.top), 0, Math.max(0, height - 1));
      const box = {
        left,
        top,
        width: clamp(Math.round(region.width), 1, width - left),
        height: clamp(Math.round(region.height), 1, height - top),
      };
      // Extract first, then scale the close-up: small print becomes large enough to read.
      const extracted = await source.extract(box).png().toBuffer();
      let closeUp = sharp(extracted);
      if (options.levelAngle !== undefined && options.levelAngle !== 0) {
        // Turned back level on white, the colour of the labels and tags this reads.
        closeUp = sharp(await closeUp.rotate(-options.levelAngle, { background: '#ffffff' }).png().toBuffer());
      }
      return await closeUp.resize(options.longestSide, options.longestSide, { fit: 'inside', kernel: 'lanczos3' }).png().toBuffer();
    } catch (error) {
      throw new PermanentError('CORRUPT_IMAGE', 'A region of this image could not be cut out.', { cause: error });
    }
  }
}

/** A label fills a good part of its photo: a sticker across a desk, a tag held to the camera. */
const LABEL_CRITERIA = { minShare: 0.04, maxShare: 0.7, maxAspect: 3, minFill: 0.7, limit: 2 };

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
