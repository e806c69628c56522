import type { PixelRegion } from '../../contracts/readings.ts';
import type { ImageDetail } from './image-tokens.ts';

/** What a photo shows, as far as what was read of it tells. */
export type VisionPhotoKind = 'label' | 'tag' | 'scale' | 'garment';

/**
 * `tags-high`: tag and unread label close-ups at high detail, cropped to their text within a tile budget,
 * the rest at low detail; `all-low`: everything at low detail; `all-high`: every photo whole at high
 * detail (what the bench compares against).
 */
export const DETAIL_POLICY_NAMES = ['tags-high', 'all-low', 'all-high'] as const;
export type DetailPolicyName = (typeof DETAIL_POLICY_NAMES)[number];

export interface DetailPolicy {
  name: DetailPolicyName;
  /** Photos sent per item at most. */
  maxPhotos: number;
  /** Photos sent at high detail at most (tags-high). */
  maxHighDetail: number;
  /** 512 px tiles a high-detail close-up may cost (tags-high). */
  highDetailTiles: number;
}

export interface CandidatePhoto {
  photoId: string;
  kind: VisionPhotoKind;
  /** A SKU label whose SKU and weight were both read already: the model has nothing to add. */
  resolved: boolean;
  /** Where the photo's text is, in the pixels of the rendition that was read; null when none was read. */
  textRegion: PixelRegion | null;
  /** Characters of text read with confidence: the more, the more a close-up is worth. */
  textAmount: number;
}

export interface PlannedPhoto {
  photoId: string;
  kind: VisionPhotoKind;
  detail: ImageDetail;
  /** Part of the photo to send instead of all of it (a tag's text with a margin); null for the whole photo. */
  focus: PixelRegion | null;
  /** Tile budget of a high-detail photo; null for no budget (sent as it is). */
  maxTiles: number | null;
}

const CLOSE_UP_KINDS: ReadonlySet<VisionPhotoKind> = new Set(['tag', 'label', 'scale']);
/** A text region grows by this share of its size on every side: letters at its edge stay whole. */
const FOCUS_MARGIN = 0.25;

/**
 * Which of an item's photos the model sees, and how closely. Photos keep their shooting order. When
 * there are more than `maxPhotos`, close-ups (tags, labels, scales) go first, then the first garment
 * photos. A label already read in full is not sent at all (except under `all-high`).
 */
export function planVisionPhotos(candidates: readonly CandidatePhoto[], policy: DetailPolicy): PlannedPhoto[] {
  const everyPhoto = policy.name === 'all-high';
  const worthSending = candidates.filter((photo) => everyPhoto || !photo.resolved);
  const ranked = [...worthSending].sort((a, b) => rankForSending(b) - rankForSending(a) || worthSending.indexOf(a) - worthSending.indexOf(b));
  const chosen = new Set(ranked.slice(0, Math.max(0, policy.maxPhotos)).map((photo) => photo.photoId));

  const closeUps = policy.name === 'tags-high'
    ? new Set(
        worthSending
          .filter((photo) => chosen.has(photo.photoId) && CLOSE_UP_KINDS.has(photo.kind) && photo.textAmount > 0)
          .sort((a, b) => b.textAmount - a.textAmount)
          .slice(0, Math.max(0, policy.maxHighDetail))
          .map((photo) => photo.photoId),
      )
    : new Set<string>();

  return worthSending
    .filter((photo) => chosen.has(photo.photoId))
    .map((photo): PlannedPhoto => {
      if (everyPhoto) return { photoId: photo.photoId, kind: photo.kind, detail: 'high', focus: null, maxTiles: null };
      if (!closeUps.has(photo.photoId)) return { photoId: photo.photoId, kind: photo.kind, detail: 'low', focus: null, maxTiles: null };
      return {
        photoId: photo.photoId,
        kind: photo.kind,
        detail: 'high',
        focus: photo.textRegion === null ? null : padRegion(photo.textRegion, FOCUS_MARGIN),
        maxTiles: Math.max(1, policy.highDetailTiles),
      };
    });
}

/** Close-ups first (more text first), then garment photos. */
function rankForSending(photo: CandidatePhoto): number {
  return CLOSE_UP_KINDS.has(photo.kind) ? 1 + Math.min(photo.textAmount, 10_000) / 10_001 : 0;
}

/** The region grown by `fraction` of its size on every side, never left of or above the picture's corner. */
export function padRegion(region: PixelRegion, fraction: number): PixelRegion {
  const padX = Math.round(region.width * fraction);
  const padY = Math.round(region.height * fraction);
  const left = Math.max(0, region.left - padX);
  const top = Math.max(0, region.top - padY);
  return {
    left,
    top,
    width: region.left + region.width + padX - left,
    height: region.top + region.height + padY - top,
  };
}

/** The smallest region holding every given one; null for none. */
export function unionOfRegions(regions: readonly PixelRegion[]): PixelRegion | null {
  if (regions.length === 0) return null;
  const left = Math.min(...regions.map((region) => region.left));
  const top = Math.min(...regions.map((region) => region.top));
  const right = Math.max(...regions.map((region) => region.left + region.width));
  const bottom = Math.max(...regions.map((region) => region.top + region.height));
  return { left, top, width: right - left, height: bottom - top };
}
