import { NotFoundError, PermanentError } from '../../contracts/errors.ts';
import { orderPhotos } from './photo-order.ts';
import { describePhotoGroup, type DescribedGroup, type SegmentablePhoto, type SegmentationOptions } from './segment-batch.ts';

/** The grouping of a batch as it stands: each item's SKU photo and photos, and the orphans. */
export interface CurrentGrouping {
  items: ReadonlyArray<{ id: string; skuPhotoId: string | null; photoIds: readonly string[] }>;
  orphanPhotoIds: readonly string[];
}

export type RegroupingChange =
  | { kind: 'move'; photoIds: readonly string[]; toItemId: string | null }
  | { kind: 'split'; fromPhotoId: string }
  | { kind: 'merge'; itemIds: readonly string[] }
  | { kind: 'mark-sku-photo'; photoId: string };

export interface RegroupedItem extends DescribedGroup {
  /** Null for an item the change creates. */
  id: string | null;
}

export interface RegroupingPlan {
  /** Every item of the batch after the change, in shooting order, positions from 1. */
  items: RegroupedItem[];
  orphanPhotoIds: string[];
  /** Items that exist and whose photos changed: their analysis and listing are redone. */
  touchedItemIds: string[];
  deletedItemIds: string[];
}

interface WorkingItem {
  id: string | null;
  skuPhotoId: string | null;
  photoIds: string[];
  touched: boolean;
}

/**
 * Applies a seller's correction to a batch's grouping and re-derives what depends on the photos of
 * every touched item (SKU, weight, product code, flags) from what was read of them. Items that lose
 * their last photo are deleted; items keep their shooting order and are renumbered from 1.
 */
export function planRegrouping(
  current: CurrentGrouping,
  photos: readonly SegmentablePhoto[],
  change: RegroupingChange,
  options: SegmentationOptions,
): RegroupingPlan {
  const byId = new Map(photos.map((photo) => [photo.id, photo]));
  const rank = new Map(orderPhotos(photos).map((photo, index) => [photo.id, index]));
  const shotOf = (photoId: string): number => rank.get(photoId) ?? Number.MAX_SAFE_INTEGER;
  const firstShot = (item: WorkingItem): number => Math.min(Number.MAX_SAFE_INTEGER, ...item.photoIds.map(shotOf));
  const orderIds = (photoIds: readonly string[]): string[] => [...photoIds].sort((a, b) => shotOf(a) - shotOf(b));
  const working: WorkingItem[] = current.items.map((item) => ({
    id: item.id,
    skuPhotoId: item.skuPhotoId,
    photoIds: [...item.photoIds],
    touched: false,
  }));
  let orphans = [...current.orphanPhotoIds];

  const itemHolding = (photoId: string): WorkingItem | undefined => working.find((item) => item.photoIds.includes(photoId));
  const requirePhoto = (photoId: string): SegmentablePhoto => {
    const photo = byId.get(photoId);
    if (photo === undefined || (itemHolding(photoId) === undefined && !orphans.includes(photoId))) {
      throw new NotFoundError('Photo', photoId);
    }
    return photo;
  };
  const takeOut = (photoId: string): void => {
    const holder = itemHolding(photoId);
    if (holder !== undefined) {
      holder.photoIds = holder.photoIds.filter((id) => id !== photoId);
      if (holder.skuPhotoId === photoId) holder.skuPhotoId = null;
      holder.touched = true;
    }
    orphans = orphans.filter((id) => id !== photoId);
  };

  switch (change.kind) {
    case 'move': {
      const target = change.toItemId === null ? null : working.find((item) => item.id === change.toItemId);
      if (target === undefined) throw new NotFoundError('Item', change.toItemId ?? '');
      for (const photoId of new Set(change.photoIds)) {
        requirePhoto(photoId);
        takeOut(photoId);
        if (target === null) orphans.push(photoId);
        else target.photoIds.push(photoId);
      }
      if (target !== null) target.touched = true;
      break;
    }
    case 'split': {
      requirePhoto(change.fromPhotoId);
      const holder = itemHolding(change.fromPhotoId);
      if (holder === undefined) {
        throw new PermanentError('VALIDATION_FAILED', 'Only a photo of an item can start a new item; mark an orphan as a SKU photo instead.');
      }
      const ordered = orderIds(holder.photoIds);
      const at = ordered.indexOf(change.fromPhotoId);
      if (at === 0 || (holder.skuPhotoId === change.fromPhotoId && holder.photoIds.length === 1)) {
        throw new PermanentError('VALIDATION_FAILED', 'The item already starts at this photo.');
      }
      const moving = ordered.slice(at);
      holder.photoIds = ordered.slice(0, at);
      if (holder.skuPhotoId !== null && moving.includes(holder.skuPhotoId)) holder.skuPhotoId = null;
      holder.touched = true;
      working.push({ id: null, skuPhotoId: change.fromPhotoId, photoIds: moving, touched: true });
      break;
    }
    case 'merge': {
      const merging = [...new Set(change.itemIds)].map((itemId) => {
        const item = working.find((candidate) => candidate.id === itemId);
        if (item === undefined) throw new NotFoundError('Item', itemId);
        return item;
      });
      if (merging.length < 2) throw new PermanentError('VALIDATION_FAILED', 'Merging needs two items at least.');
      const [keeper, ...others] = merging.sort((a, b) => firstShot(a) - firstShot(b));
      if (keeper === undefined) break;
      for (const other of others) {
        keeper.photoIds.push(...other.photoIds);
        keeper.skuPhotoId ??= other.skuPhotoId;
        other.photoIds = [];
      }
      keeper.touched = true;
      break;
    }
    case 'mark-sku-photo': {
      requirePhoto(change.photoId);
      const holder = itemHolding(change.photoId);
      if (holder !== undefined) {
        if (holder.skuPhotoId === change.photoId) break;
        holder.skuPhotoId = change.photoId;
        holder.touched = true;
        break;
      }
      // An orphan marked as a SKU photo opens an item with the orphans shot after it.
      const orderedOrphans = orderIds(orphans);
      const following = orderedOrphans.slice(orderedOrphans.indexOf(change.photoId));
      const nextItemShot = Math.min(
        Number.MAX_SAFE_INTEGER,
        ...working.map(firstShot).filter((shot) => shot > shotOf(change.photoId)),
      );
      const opening = following.filter((photoId) => shotOf(photoId) < nextItemShot);
      orphans = orphans.filter((photoId) => !opening.includes(photoId));
      working.push({ id: null, skuPhotoId: change.photoId, photoIds: opening, touched: true });
      break;
    }
  }

  const kept = working.filter((item) => item.photoIds.length > 0);
  const deletedItemIds = working
    .filter((item) => item.photoIds.length === 0 && item.id !== null)
    .map((item) => item.id as string);
  kept.sort((a, b) => firstShot(a) - firstShot(b));

  const items = kept.map((item, index): RegroupedItem => {
    const ordered = orderIds(item.photoIds).map((photoId) => byId.get(photoId) as SegmentablePhoto);
    // The SKU photo the seller chose counts as a label even if nothing could be read on it.
    const skuPhotos = ordered.filter((photo) => photo.id === item.skuPhotoId);
    const itemPhotos = ordered.filter((photo) => photo.id !== item.skuPhotoId);
    return { id: item.id, ...describePhotoGroup({ skuPhotos, itemPhotos }, index + 1, options) };
  });
  return {
    items,
    orphanPhotoIds: orderIds(orphans),
    touchedItemIds: kept.filter((item) => item.touched && item.id !== null).map((item) => item.id as string),
    deletedItemIds,
  };
}
