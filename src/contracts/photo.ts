import { z } from 'zod';
import { ErrorCode } from './errors.ts';

export const PhotoStatus = z.enum(['received', 'ingested', 'rejected']);
export type PhotoStatus = z.infer<typeof PhotoStatus>;

/** What a photo is within its batch once segmented. */
export const PhotoRole = z.enum(['unassigned', 'sku', 'item', 'orphan']);
export type PhotoRole = z.infer<typeof PhotoRole>;

export const SupportedImageType = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
export type SupportedImageType = z.infer<typeof SupportedImageType>;

export const QualityFlags = z.object({
  /** Variance of the Laplacian of the AI derivative: low means blurry. */
  sharpness: z.number(),
  blurry: z.boolean(),
  /** Mean luminance 0..255. */
  brightness: z.number(),
  tooDark: z.boolean(),
  tooBright: z.boolean(),
  /** Shorter than eBay's 500 px minimum on the longest side. */
  tooSmall: z.boolean(),
  /** Id of an earlier photo of the batch that this one looks almost exactly like (perceptual hash). */
  nearDuplicateOf: z.string().nullable().optional(),
});
export type QualityFlags = z.infer<typeof QualityFlags>;

/** A decoded barcode; `kind` says whether it is a seller SKU label or a retail product code. */
export const Barcode = z.object({
  format: z.string(),
  text: z.string(),
  kind: z.enum(['sku', 'product']),
});
export type Barcode = z.infer<typeof Barcode>;

export const PhotoDto = z.object({
  id: z.string(),
  batchId: z.string(),
  originalName: z.string(),
  sequence: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  status: PhotoStatus,
  role: PhotoRole,
  itemId: z.string().nullable(),
  mimeType: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  capturedAt: z.string().nullable(),
  quality: QualityFlags.nullable(),
  barcodes: z.array(Barcode),
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});
export type PhotoDto = z.infer<typeof PhotoDto>;
