import { z } from 'zod';

/** Several items of a batch to approve for publishing; left out, every item waiting in review. */
export const ApproveBatchRequest = z
  .object({ itemIds: z.array(z.uuid()).min(1).max(2000).optional() })
  .strict();
export type ApproveBatchRequest = z.infer<typeof ApproveBatchRequest>;

export const ApprovedItem = z.object({ itemId: z.string(), position: z.number().int(), sku: z.string().nullable() });
export type ApprovedItem = z.infer<typeof ApprovedItem>;

/** An item the approval left alone, with the reason in a sentence the seller can act on. */
export const SkippedItem = ApprovedItem.extend({ reason: z.string() });
export type SkippedItem = z.infer<typeof SkippedItem>;

export const ApprovalResult = z.object({
  batchId: z.string(),
  /** Sent to publishing; each item's status and listing follow in the batch's items. */
  approved: z.array(ApprovedItem),
  skipped: z.array(SkippedItem),
});
export type ApprovalResult = z.infer<typeof ApprovalResult>;

/** How far an item is on eBay: the listing once live, and the last refusal explained. */
export const ItemPublication = z.object({
  state: z.enum(['claimed', 'inventory_item_put', 'offer_created', 'published']),
  sku: z.string(),
  listingId: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ItemPublication = z.infer<typeof ItemPublication>;
