import { z } from 'zod';

/** Move photos into an item, or out to the orphans (`toItemId: null`). */
export const MovePhotosRequest = z.object({
  photoIds: z.array(z.uuid()).min(1).max(500),
  toItemId: z.uuid().nullable(),
});
export type MovePhotosRequest = z.infer<typeof MovePhotosRequest>;

/** Split an item: `fromPhotoId` and the photos after it become a new item, opened by that photo. */
export const SplitItemRequest = z.object({ fromPhotoId: z.uuid() });
export type SplitItemRequest = z.infer<typeof SplitItemRequest>;

/** Merge items into the first of them (by position). */
export const MergeItemsRequest = z.object({ itemIds: z.array(z.uuid()).min(2).max(50) });
export type MergeItemsRequest = z.infer<typeof MergeItemsRequest>;

/**
 * Mark a photo as its item's SKU photo. An orphan marked so opens a new item with the orphans shot
 * after it.
 */
export const MarkSkuPhotoRequest = z.object({ photoId: z.uuid() });
export type MarkSkuPhotoRequest = z.infer<typeof MarkSkuPhotoRequest>;

/** What a regrouping changed; the touched items are being analysed again. */
export const RegroupingResult = z.object({
  touchedItemIds: z.array(z.string()),
  createdItemIds: z.array(z.string()),
  deletedItemIds: z.array(z.string()),
});
export type RegroupingResult = z.infer<typeof RegroupingResult>;
