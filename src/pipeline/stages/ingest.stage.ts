import { NotFoundError, PermanentError } from '../../contracts/errors.ts';
import type { Barcode } from '../../contracts/photo.ts';
import type { IngestPayload } from '../../contracts/stages.ts';
import { classifyBarcode } from '../../domain/segmentation/barcode-kind.ts';
import { readPhotoText } from './photo-reading.ts';
import type { StagePorts } from './stage-ports.ts';

export type IngestOutcome = { stage: 'ingest'; accepted: true } | { stage: 'ingest'; accepted: false; reason: string };

/**
 * Decodes one uploaded photo once into its derivatives, reads its barcodes and quality.
 * A photo that is not a usable image is rejected with its reason; the batch goes on.
 */
export async function ingestPhoto(payload: IngestPayload, ports: StagePorts): Promise<IngestOutcome> {
  const { photos } = ports.repositories;
  const photo = await photos.get(payload.photoId);
  if (!photo) throw new NotFoundError('Photo', payload.photoId);
  if (photo.status === 'ingested') {
    // A retry after a crash between the two writes: the links are idempotent, make them again.
    if (photo.perceptualHash) await linkNearDuplicates(photo, photo.perceptualHash, ports);
    return { stage: 'ingest', accepted: true };
  }
  if (photo.status === 'rejected') return { stage: 'ingest', accepted: false, reason: photo.errorMessage ?? '' };

  const original = await ports.photoStore.read(photo.originalKey);
  let processed;
  try {
    processed = await ports.imageProcessor.process(original);
  } catch (error) {
    if (error instanceof PermanentError) {
      await photos.markRejected(photo.id, { code: error.code, message: error.message });
      return { stage: 'ingest', accepted: false, reason: error.message };
    }
    throw error;
  }

  const [thumbnail, ai, ebay] = await Promise.all([
    ports.photoStore.write(processed.derivatives.thumbnail),
    ports.photoStore.write(processed.derivatives.ai),
    ports.photoStore.write(processed.derivatives.ebay),
  ]);
  const barcodes: Barcode[] = (await ports.barcodeReader.read(processed.scan)).map((decoded) => ({
    format: decoded.format,
    text: decoded.text,
    kind: classifyBarcode(decoded.format, decoded.text),
  }));
  // Read once, here where photos are worked on in parallel: segmentation and analysis reuse the text.
  await readPhotoText(photo.id, processed.derivatives.ai, ports);

  await photos.markIngested(photo.id, {
    mimeType: processed.mimeType,
    width: processed.width,
    height: processed.height,
    capturedAt: processed.capturedAt,
    thumbnailKey: thumbnail.key,
    aiKey: ai.key,
    ebayKey: ebay.key,
    quality: processed.quality,
    barcodes,
    perceptualHash: processed.perceptualHash ?? null,
  });
  if (processed.perceptualHash) await linkNearDuplicates(photo, processed.perceptualHash, ports);
  return { stage: 'ingest', accepted: true };
}

/** Perceptual hashes differing in at most this many bits are near duplicates, unless configured. */
export const DEFAULT_NEAR_DUPLICATE_MAX_DISTANCE = 12;

/**
 * Flags look-alike photos of the batch: each photo points at the earliest photo it nearly
 * duplicates. Runs after this photo's hash is saved, so of two photos finishing at once at least
 * the later reader sees both; it links either pair member, and the repository keeps the earliest.
 */
async function linkNearDuplicates(photo: { id: string; batchId: string; sequence: number }, hash: string, ports: StagePorts): Promise<void> {
  const maxDistance = ports.settings.nearDuplicateMaxDistance ?? DEFAULT_NEAR_DUPLICATE_MAX_DISTANCE;
  const others = await ports.repositories.photos.listPerceptualHashes(photo.batchId);
  let earliest: { id: string; sequence: number } | null = null;
  for (const other of others) {
    if (other.id === photo.id || countDifferingBits(hash, other.perceptualHash) > maxDistance) continue;
    if (other.sequence < photo.sequence) {
      if (!earliest || other.sequence < earliest.sequence) earliest = other;
    } else {
      await ports.repositories.photos.markNearDuplicate(other.id, photo.id);
    }
  }
  if (earliest) await ports.repositories.photos.markNearDuplicate(photo.id, earliest.id);
}

/** Hamming distance of two equal-length hex hashes; unequal lengths count as entirely different. */
export function countDifferingBits(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < a.length; i += 1) {
    let bits = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    while (bits !== 0) {
      count += bits & 1;
      bits >>= 1;
    }
  }
  return count;
}

