import { z } from 'zod';
import { Analysis, BatchStatus, ItemFlag, ItemStatus, ListingDraft, PriceEstimate } from './item.ts';
import { WeightReading } from './attributes.ts';
import { PreflightIssue, ReviewState } from './listing.ts';
import { PhotoDto } from './photo.ts';
import { ItemPublication } from './publishing.ts';
import { StageName, StageRunStatus } from './stages.ts';

export const CreateBatchRequest = z.object({ name: z.string().trim().min(1).max(200).optional() });
export type CreateBatchRequest = z.infer<typeof CreateBatchRequest>;

export const BatchDto = z.object({
  id: z.string(),
  name: z.string(),
  status: BatchStatus,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type BatchDto = z.infer<typeof BatchDto>;

export const StageProgress = z.object({ stage: StageName, counts: z.partialRecord(StageRunStatus, z.number().int()) });
export type StageProgress = z.infer<typeof StageProgress>;

export const BatchStatusDto = BatchDto.extend({
  photos: z.object({ total: z.number().int(), ingested: z.number().int(), rejected: z.number().int(), orphans: z.number().int() }),
  items: z.object({ total: z.number().int(), byStatus: z.partialRecord(ItemStatus, z.number().int()) }),
  stages: z.array(StageProgress),
});
export type BatchStatusDto = z.infer<typeof BatchStatusDto>;

export const UploadedPhotoResult = z.union([
  z.object({ fileName: z.string(), status: z.literal('accepted'), duplicate: z.boolean(), photo: PhotoDto }),
  z.object({ fileName: z.string(), status: z.literal('refused'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type UploadedPhotoResult = z.infer<typeof UploadedPhotoResult>;

export const ItemDto = z.object({
  id: z.string(),
  batchId: z.string(),
  position: z.number().int(),
  sku: z.string().nullable(),
  weight: WeightReading.nullable(),
  productCode: z.string().nullable(),
  status: ItemStatus,
  statusReason: z.string().nullable(),
  flags: z.array(ItemFlag),
  skuPhotoId: z.string().nullable(),
  photos: z.array(PhotoDto),
  analysis: Analysis.nullable(),
  listing: ListingDraft.nullable(),
  /** The pre-flight verdict on the listing's current version: what stands between it and eBay. */
  review: z.object({ version: z.number().int().positive(), state: ReviewState, issues: z.array(PreflightIssue) }).nullable(),
  price: PriceEstimate.nullable(),
  /** The item on eBay: its listing ID and URL once live, the last refusal explained; null before publishing. */
  publication: ItemPublication.nullable(),
});
export type ItemDto = z.infer<typeof ItemDto>;

/** What a batch's model calls cost, every call counted (re-analyses too; answers from the cache cost nothing). */
export const AiSpendDto = z.object({
  usd: z.number().nonnegative(),
  calls: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type AiSpendDto = z.infer<typeof AiSpendDto>;

export const BatchItemsDto = z.object({
  batch: BatchDto,
  items: z.array(ItemDto),
  aiSpend: AiSpendDto.optional(),
  orphans: z.array(PhotoDto),
  rejected: z.array(PhotoDto),
});
export type BatchItemsDto = z.infer<typeof BatchItemsDto>;
