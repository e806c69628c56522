import type { RawImage } from './image-processor.ts';
import type { ImageRegion } from './scale-display-reader.ts';

/** A flat, bright, rectangular thing in a photo (a label on a desk, a tag on a garment). */
export interface PanelInPhoto {
  region: ImageRegion;
  /**
   * How far its text is turned from level, in degrees, clockwise positive. For a panel taller than
   * wide (a label shot sideways), how far from level its text is once turned a quarter either way.
   */
  angle: number;
}

/** Pixels and close-ups of an encoded photo, for readers that look at part of it or at its colours. */
export interface ImageSampler {
  /** The photo, upright, as RGB pixels no larger than `maxSide` on its longest side. */
  readPixels(image: Buffer, options: { maxSide: number }): Promise<RawImage>;
  /**
   * A region of the photo (in its own pixels) as an encoded image, scaled so that its longest side is
   * `longestSide` pixels: small print becomes large enough for OCR. `levelAngle` turns it back level.
   */
  crop(image: Buffer, region: ImageRegion, options: { longestSide: number; levelAngle?: number }): Promise<Buffer>;
  /** Label-like panels in the photo, best first, in the photo's own pixels. */
  findPanels(image: Buffer): Promise<PanelInPhoto[]>;
}
