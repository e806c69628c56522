import type { WeightReading } from '../../contracts/attributes.ts';
import type { ItemFlag } from '../../contracts/item.ts';
import { orderPhotos } from './photo-order.ts';

/** What segmentation needs to know about one photo once it has been ingested and read. */
export interface SegmentablePhoto {
  id: string;
  originalName: string;
  /** Upload order within the batch. */
  sequence: number;
  capturedAt: Date | null;
  /** False for rejected photos: they take no part in segmentation. */
  usable: boolean;
  /**
   * Non-null when this is a SKU/weight photo. `sku` is null when the photo is a SKU photo whose code
   * could not be read (the vision model said "SKU label", or OCR saw the label but not the code).
   */
  skuLabel: { sku: string | null; source: 'barcode' | 'ocr' | 'vision'; text: string } | null;
  /** UPC/EAN codes found on the photo (retail hang tags). */
  productCodes: string[];
  weight: Omit<WeightReading, 'photoId'> | null;
}

export interface SegmentedItem {
  /** 1-based, in shooting order. */
  position: number;
  skuPhotoId: string;
  sku: string | null;
  weight: WeightReading | null;
  productCode: string | null;
  /** The SKU photo first, then the item's photos in order. */
  photoIds: string[];
  flags: ItemFlag[];
}

export interface Segmentation {
  items: SegmentedItem[];
  /** Usable photos shot before the first SKU photo. */
  orphanPhotoIds: string[];
}

export interface SegmentationOptions {
  /** A longer pause than this between two photos of one item is flagged. */
  timeGapMinutes: number;
}

interface OpenItem {
  skuPhotos: SegmentablePhoto[];
  itemPhotos: SegmentablePhoto[];
}

/**
 * Splits a batch into items. Each SKU photo opens an item and the photos after it belong to it, up to
 * the next SKU photo; photos before the first SKU photo are orphans.
 *
 * A SKU photo right after another SKU photo with the same code (the seller shot the label twice, say
 * once for the code and once on the scale) does not open a second item: both are the item's SKU photos,
 * listed first in shooting order. Only a code read on both photos counts; an unreadable label never
 * joins the previous one, since nothing shows it is the same label.
 */
export function segmentBatch(photos: readonly SegmentablePhoto[], options: SegmentationOptions): Segmentation {
  const ordered = orderPhotos(photos.filter((photo) => photo.usable));
  const openItems: OpenItem[] = [];
  const orphanPhotoIds: string[] = [];

  for (const photo of ordered) {
    const current = openItems.at(-1);
    if (photo.skuLabel !== null) {
      if (current !== undefined && isSameLabelShotAgain(current, photo)) current.skuPhotos.push(photo);
      else openItems.push({ skuPhotos: [photo], itemPhotos: [] });
    } else if (current !== undefined) {
      current.itemPhotos.push(photo);
    } else {
      orphanPhotoIds.push(photo.id);
    }
  }

  const items = openItems.map((open, index) => describeItem(open, index + 1, options));
  return { items, orphanPhotoIds };
}

function isSameLabelShotAgain(current: OpenItem, photo: SegmentablePhoto): boolean {
  if (current.itemPhotos.length > 0) return false;
  const previousSku = current.skuPhotos.at(-1)?.skuLabel?.sku ?? null;
  const sku = photo.skuLabel?.sku ?? null;
  return previousSku !== null && sku !== null && normaliseSku(previousSku) === normaliseSku(sku);
}

function normaliseSku(sku: string): string {
  return sku.trim().toUpperCase();
}

function describeItem(open: OpenItem, position: number, options: SegmentationOptions): SegmentedItem {
  const [firstSkuPhoto] = open.skuPhotos;
  if (firstSkuPhoto === undefined) throw new Error('an item always has a SKU photo');
  const described = describePhotoGroup(open, position, options);
  return { ...described, skuPhotoId: firstSkuPhoto.id };
}

/** An item as regrouped by hand: it may have lost its SKU photo. */
export interface DescribedGroup extends Omit<SegmentedItem, 'skuPhotoId'> {
  skuPhotoId: string | null;
}

/**
 * Derives an item's SKU, weight, product code and flags from its photos: the SKU photos (shown first)
 * and the item's photos, each in shooting order. Segmentation and every regrouping by hand use it.
 */
export function describePhotoGroup(
  open: { skuPhotos: readonly SegmentablePhoto[]; itemPhotos: readonly SegmentablePhoto[] },
  position: number,
  options: SegmentationOptions,
): DescribedGroup {
  const firstSkuPhoto = open.skuPhotos[0];
  const all = [...open.skuPhotos, ...open.itemPhotos];
  const weight = pickWeight(open);
  const flags: ItemFlag[] = [];

  if (firstSkuPhoto === undefined) {
    flags.push({
      code: 'NO_SKU_PHOTO',
      message: 'This item has no SKU photo; mark the photo of its label, or enter the SKU before publishing.',
    });
  } else if (open.itemPhotos.length === 0) {
    flags.push({
      code: 'NO_ITEM_PHOTOS',
      message: `The SKU photo ${firstSkuPhoto.originalName} is not followed by any photo of the item.`,
      photoId: firstSkuPhoto.id,
    });
  }
  const sku = open.skuPhotos.map((photo) => photo.skuLabel?.sku ?? null).find((code) => code !== null) ?? null;
  // Only a regrouping by hand puts another label among an item's photos: two codes, one listing.
  const otherLabel = open.itemPhotos.find((photo) => photo.skuLabel?.sku != null && photo.skuLabel.sku !== sku);
  if (otherLabel !== undefined) {
    flags.push({
      code: 'MULTIPLE_SKUS',
      message: `${otherLabel.originalName} shows the SKU ${otherLabel.skuLabel?.sku ?? ''}, not ${sku ?? 'this item\'s'}; split the item or check the label.`,
      photoId: otherLabel.id,
    });
  }
  flags.push(...findTimeGaps(all, options.timeGapMinutes));
  if (weight === null) {
    flags.push({
      code: 'NO_WEIGHT',
      message: 'No weight was read from the SKU label or a scale photo; enter it before publishing.',
    });
  }

  return {
    position,
    skuPhotoId: firstSkuPhoto?.id ?? null,
    sku,
    weight,
    productCode: all.flatMap((photo) => photo.productCodes).at(0) ?? null,
    photoIds: all.map((photo) => photo.id),
    flags,
  };
}

/**
 * The label's weight first; when no label had one, the first of the item's photos that shows one (a
 * scale's display, a weight written on a note), a scale first.
 */
function pickWeight(open: { skuPhotos: readonly SegmentablePhoto[]; itemPhotos: readonly SegmentablePhoto[] }): WeightReading | null {
  const fromLabel = open.skuPhotos.find((photo) => photo.weight !== null);
  const source =
    fromLabel ??
    open.itemPhotos.find((photo) => photo.weight?.source === 'scale') ??
    open.itemPhotos.find((photo) => photo.weight !== null);
  if (source?.weight == null) return null;
  return { ...source.weight, photoId: source.id };
}

function findTimeGaps(photos: readonly SegmentablePhoto[], timeGapMinutes: number): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const limitMs = timeGapMinutes * 60_000;
  for (let index = 1; index < photos.length; index += 1) {
    const before = photos[index - 1];
    const after = photos[index];
    if (before?.capturedAt == null || after?.capturedAt == null) continue;
    const gapMs = Math.abs(after.capturedAt.getTime() - before.capturedAt.getTime());
    if (gapMs > limitMs) {
      flags.push({
        code: 'TIME_GAP',
        message: `${formatMinutes(gapMs)} passed between ${before.originalName} and ${after.originalName}; check that ${after.originalName} belongs to this item.`,
        photoId: after.id,
      });
    }
  }
  return flags;
}

function formatMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} hours` : `${hours} hours ${rest} minutes`;
}
