import type { QualityFlags, SupportedImageType } from '../contracts/photo.ts';

/** A decoded image as pixels, for readers that work on pixels (barcodes). */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

export interface ProcessedImage {
  mimeType: SupportedImageType;
  /** Upright dimensions of the original, after EXIF orientation. */
  width: number;
  height: number;
  /** EXIF DateTimeOriginal (or DateTime), when the camera recorded one. */
  capturedAt: Date | null;
  /** JPEG derivatives, upright, sRGB, with every bit of metadata stripped. */
  derivatives: {
    /** ~400 px longest side, for lists and grids. */
    thumbnail: Buffer;
    /** ~1024 px longest side, for OCR and vision models. */
    ai: Buffer;
    /** 1600 px longest side (or the original size if smaller), quality >= 90, for eBay. */
    ebay: Buffer;
  };
  /** Greyscale, at least 2000 px on the longest side where the original allows: thin barcode bars survive. */
  scan: RawImage;
  quality: QualityFlags;
  /**
   * 64-bit perceptual hash (16 hex digits) of the upright picture: photos whose hashes differ in
   * few bits look alike (the near-duplicate flag). Absent when the processor computes none.
   */
  perceptualHash?: string;
}

/** Turns an uploaded original into everything the pipeline needs, in one decode. */
export interface ImageProcessor {
  /**
   * Throws `PermanentError` with EMPTY_FILE, UNSUPPORTED_TYPE, CORRUPT_IMAGE, IMAGE_TOO_LARGE
   * or FILE_TOO_LARGE and a sentence the seller can act on.
   */
  process(original: Buffer): Promise<ProcessedImage>;
}
