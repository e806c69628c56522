import type { SkuPhotoVerdict } from '../contracts/readings.ts';

/** Which photo is asked about, so that what the call costs is booked to its batch. */
export interface SkuPhotoContext {
  batchId: string;
  photoId: string;
}

/**
 * Says whether a photo is the seller's SKU/weight photo and what its label says, the way a vision
 * model sees it. Optional: without one, segmentation relies on barcodes and OCR.
 */
export interface SkuPhotoClassifier {
  /** `image` is an encoded JPEG/PNG/WebP, upright. */
  classify(image: Buffer, context?: SkuPhotoContext): Promise<SkuPhotoVerdict>;
}
