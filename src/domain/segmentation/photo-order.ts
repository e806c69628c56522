/**
 * The order a seller shot a batch in.
 *
 * When every photo has a capture time: by capture time, then by file name in natural order, then by
 * upload order. When any photo lacks one (stripped EXIF, screenshots, messaging apps), capture times
 * cannot be compared across the whole batch, and mixing timed and untimed photos would tear a camera
 * roll apart; the whole batch is then ordered by natural file name (camera rolls number their files
 * in shooting order: IMG_0998, IMG_0999, IMG_1000), then by upload order (browsers that rename every
 * file "image.jpg" still upload in the order the seller picked).
 */

export interface OrderablePhoto {
  originalName: string;
  /** Upload order within the batch. */
  sequence: number;
  capturedAt: Date | null;
}

export function orderPhotos<T extends OrderablePhoto>(photos: readonly T[]): T[] {
  const allTimed = photos.every((photo) => photo.capturedAt !== null && !Number.isNaN(photo.capturedAt.getTime()));
  return [...photos].sort((a, b) => {
    if (allTimed) {
      const byTime = (a.capturedAt?.getTime() ?? 0) - (b.capturedAt?.getTime() ?? 0);
      if (byTime !== 0) return byTime;
    }
    return compareNaturally(a.originalName, b.originalName) || a.sequence - b.sequence;
  });
}

const CHUNK = /(\d+)|(\D+)/g;

/** Compares names so that digit runs compare as numbers: "IMG_2.jpg" before "IMG_10.jpg". */
export function compareNaturally(a: string, b: string): number {
  const left = [...a.matchAll(CHUNK)].map((match) => match[0]);
  const right = [...b.matchAll(CHUNK)].map((match) => match[0]);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const order = compareChunks(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return order;
  }
  if (left.length !== right.length) return left.length - right.length;
  // Same up to case and leading zeros: fall back to a plain comparison so the order is total.
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareChunks(a: string, b: string): number {
  const aIsNumber = /^\d/.test(a);
  const bIsNumber = /^\d/.test(b);
  if (aIsNumber && bIsNumber) {
    const aDigits = a.replace(/^0+(?=\d)/, '');
    const bDigits = b.replace(/^0+(?=\d)/, '');
    if (aDigits.length !== bDigits.length) return aDigits.length - bDigits.length;
    if (aDigits !== bDigits) return aDigits < bDigits ? -1 : 1;
    return 0;
  }
  if (aIsNumber !== bIsNumber) return aIsNumber ? -1 : 1;
  const aFolded = a.toLowerCase();
  const bFolded = b.toLowerCase();
  if (aFolded !== bFolded) return aFolded < bFolded ? -1 : 1;
  return 0;
}
