import { z } from 'zod';
import { ItemAttributes, MeasurementClaim } from './attributes.ts';

export const BatchStatus = z.enum(['open', 'processing', 'completed']);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const ItemStatus = z.enum(['processing', 'ready_for_review', 'published', 'failed']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemFlagCode = z.enum(['NO_ITEM_PHOTOS', 'TIME_GAP', 'NO_WEIGHT', 'MULTIPLE_SKUS', 'NO_SKU_PHOTO']);
export const ItemFlag = z.object({ code: ItemFlagCode, message: z.string(), photoId: z.string().optional() });
export type ItemFlag = z.infer<typeof ItemFlag>;

export const OcrText = z.object({ photoId: z.string(), text: z.string(), confidence: z.number() });
export type OcrText = z.infer<typeof OcrText>;

export const Analysis = z.object({
  provider: z.string(),
  attributes: ItemAttributes,
  ocr: z.array(OcrText),
  /** Why a better provider was not used, when it was not. */
  degraded: z.string().nullable(),
  /** Garment measurements read from the photos, every claim kept. */
  measurements: z.array(MeasurementClaim).optional(),
});
export type Analysis = z.infer<typeof Analysis>;

/** eBay condition IDs for apparel. */
export const ConditionId = z.union([
  z.literal(1000),
  z.literal(1500),
  z.literal(1750),
  z.literal(2990),
  z.literal(3000),
  z.literal(3010),
]);
export type ConditionId = z.infer<typeof ConditionId>;

export const ListingDraft = z.object({
  title: z.string().max(80),
  descriptionHtml: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  conditionId: ConditionId,
  conditionDescription: z.string().nullable(),
  aspects: z.record(z.string(), z.array(z.string())),
  productCode: z.string().nullable(),
});
export type ListingDraft = z.infer<typeof ListingDraft>;

export const PriceEstimate = z.discriminatedUnion('status', [
  z.object({ status: z.literal('no_source'), reason: z.string() }),
  z.object({
    status: z.literal('estimated'),
    source: z.enum(['sold', 'active']),
    currency: z.string(),
    amount: z.number(),
    sampleSize: z.number().int(),
  }),
]);
export type PriceEstimate = z.infer<typeof PriceEstimate>;
