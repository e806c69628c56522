import { z } from 'zod';
import { AttributeName, ItemAttributes, MeasurementClaim } from './attributes.ts';

export const BatchStatus = z.enum(['open', 'processing', 'completed']);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const ItemStatus = z.enum(['processing', 'ready_for_review', 'published', 'failed']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemFlagCode = z.enum(['NO_ITEM_PHOTOS', 'TIME_GAP', 'NO_WEIGHT', 'MULTIPLE_SKUS', 'NO_SKU_PHOTO']);
export const ItemFlag = z.object({ code: ItemFlagCode, message: z.string(), photoId: z.string().optional() });
export type ItemFlag = z.infer<typeof ItemFlag>;

export const OcrText = z.object({ photoId: z.string(), text: z.string(), confidence: z.number() });
export type OcrText = z.infer<typeof OcrText>;

/** One side of a disagreement between what a tag's text says and what the vision model says. */
export const ConflictingValue = z.object({
  value: z.string(),
  source: z.enum(['ocr', 'barcode', 'pixels', 'vision', 'seller']),
  photoIds: z.array(z.string()),
});
export type ConflictingValue = z.infer<typeof ConflictingValue>;

/** Two readings of one attribute that disagree; the item shows both and which one leads. */
export const AttributeConflict = z.object({
  attribute: AttributeName,
  kept: ConflictingValue,
  other: ConflictingValue,
  reason: z.string(),
});
export type AttributeConflict = z.infer<typeof AttributeConflict>;

/** A vision model's claim that no photo backs: dropped, or kept below what a listing prints. */
export const UnverifiedClaim = z.object({
  attribute: AttributeName,
  value: z.string(),
  photoIds: z.array(z.string()),
  kept: z.boolean(),
  reason: z.string(),
});
export type UnverifiedClaim = z.infer<typeof UnverifiedClaim>;

/** What producing an analysis cost: tokens and dollars of its model calls (zero when answered from the cache). */
export const AnalysisCost = z.object({
  usd: z.number().nonnegative(),
  calls: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** True when the answer came from an earlier identical call: nothing was spent. */
  cached: z.boolean(),
  model: z.string().nullable(),
  /** False when the model has no price in the table (a self-hosted one): tokens counted, dollars unknown. */
  priced: z.boolean(),
});
export type AnalysisCost = z.infer<typeof AnalysisCost>;

export const Analysis = z.object({
  provider: z.string(),
  attributes: ItemAttributes,
  ocr: z.array(OcrText),
  /** Why a better provider was not used, when it was not. */
  degraded: z.string().nullable(),
  /** Garment measurements read from the photos, every claim kept. */
  measurements: z.array(MeasurementClaim).optional(),
  /** Where the tag's text and the vision model disagree. */
  conflicts: z.array(AttributeConflict).optional(),
  /** Vision claims no photo backs. */
  unverified: z.array(UnverifiedClaim).optional(),
  /** Spend of this analysis; absent for the offline analyser. */
  cost: AnalysisCost.nullable().optional(),
  /** Version of the prompt the vision model was given. */
  promptVersion: z.string().nullable().optional(),
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
