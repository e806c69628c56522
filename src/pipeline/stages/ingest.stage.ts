import { NotFoundError, PermanentError } from '../../contracts/errors.ts';
import type { Barcode } from '../../contracts/photo.ts';
import type { IngestPayload } from '../../contracts/stages.ts';
import { classifyBarcode } from '../../domain/segmentation/barcode-kind.ts';
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
  if (photo.status === 'ingested') return { stage: 'ingest', accepted: true };
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
  });
  return { stage: 'ingest', accepted: true };
}

