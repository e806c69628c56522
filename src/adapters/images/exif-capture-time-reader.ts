import readExif from 'exif-reader';

/**
 * The capture time EXIF recorded: DateTimeOriginal, else DateTime. EXIF stores local wall-clock
 * time with no zone (OffsetTimeOriginal is rare and often wrong), so the digits are read as UTC:
 * "2024:03:04 10:11:12" becomes 2024-03-04T10:11:12Z. Ordering photos of one batch, which come
 * from one camera, is unaffected; showing the time to the seller should format it in UTC too.
 */
export function readCaptureTime(exif: Buffer | undefined): Date | null {
  if (!exif || exif.length === 0) return null;
  let parsed: ReturnType<typeof readExif>;
  try {
    parsed = readExif(exif);
  } catch {
    // A broken EXIF block costs us the capture time, not the photo.
    return null;
  }
  return pickValidDate(parsed.Photo?.DateTimeOriginal) ?? pickValidDate(parsed.Image?.DateTime);
}

function pickValidDate(value: unknown): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}
