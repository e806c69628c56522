import type { SkuPhotoVerdict } from '../contracts/readings.ts';

/**
 * Says whether a photo is the seller's SKU/weight photo and what its label says, the way a vision
 * model sees it. Optional: without one, segmentation relies on barcodes and OCR.
 */
export interface SkuPhotoClassifier {
  /** `image` is an encoded JPEG/PNG/WebP, upright. */
  classify(image: Buffer): Promise<SkuPhotoVerdict>;
}
