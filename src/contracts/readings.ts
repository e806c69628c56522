import { z } from 'zod';

/** A rectangle in a photo's pixels (of the image that was read). */
export const PixelRegion = z.object({
  left: z.number().int().nonnegative(),
  top: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type PixelRegion = z.infer<typeof PixelRegion>;

export const OcrLine = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  region: PixelRegion.optional(),
});
export type OcrLine = z.infer<typeof OcrLine>;

/** Text read from a whole photo (its AI rendition), once, when it was ingested. */
export const OcrReading = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  lines: z.array(OcrLine),
  /** Size of the image the regions refer to. */
  imageWidth: z.number().int().positive().optional(),
  imageHeight: z.number().int().positive().optional(),
  /** The OCR engine that read it, when a chain of engines is configured. */
  provider: z.string().optional(),
  /** Why a better engine did not read it (it failed or was paused). */
  degraded: z.string().optional(),
});
export type OcrReading = z.infer<typeof OcrReading>;

/** Text read again on a close crop of a tag (small or bold lines a whole-photo read drops). */
export const CropOcrReading = z.object({
  region: PixelRegion,
  text: z.string(),
  confidence: z.number().min(0).max(1),
  /** The lines with their confidence, when kept. */
  lines: z.array(OcrLine).optional(),
});
export type CropOcrReading = z.infer<typeof CropOcrReading>;

/** What a scale's display showed; `digits` null when the photo was examined and no display was read. */
export const ScaleDisplayReadingRecord = z.object({
  digits: z.string().nullable(),
  unit: z.enum(['lb', 'kg', 'oz', 'g']).nullable(),
  confidence: z.number().min(0).max(1),
});
export type ScaleDisplayReadingRecord = z.infer<typeof ScaleDisplayReadingRecord>;

/** A vision model's verdict on whether a photo is the seller's SKU/weight photo. */
export const SkuPhotoVerdict = z.object({
  isSkuPhoto: z.boolean(),
  sku: z.string().nullable(),
  weightText: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  provider: z.string(),
});
export type SkuPhotoVerdict = z.infer<typeof SkuPhotoVerdict>;

/**
 * Everything read from one photo, kept so that no photo is read twice: segmentation, analysis and
 * every regrouping reuse it.
 */
export const PhotoReadings = z.object({
  ocr: OcrReading.optional(),
  /** Label-like panels read again, turned level, when the whole photo showed no label. */
  panels: z.array(CropOcrReading).optional(),
  /** Tags read again, closer, when their size was missed. */
  crops: z.array(CropOcrReading).optional(),
  scaleDisplay: ScaleDisplayReadingRecord.optional(),
  skuVerdict: SkuPhotoVerdict.optional(),
});
export type PhotoReadings = z.infer<typeof PhotoReadings>;
export type PhotoReadingKind = keyof PhotoReadings;
