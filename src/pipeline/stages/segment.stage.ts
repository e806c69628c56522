import type { SegmentPayload } from '../../contracts/stages.ts';
import { segmentBatch, type SegmentablePhoto } from '../../domain/segmentation/segment-batch.ts';
import { findWeight } from '../../domain/segmentation/weight-parser.ts';
import type { PhotoRecord } from '../../ports/repositories.ts';
import type { StagePorts } from './stage-ports.ts';

export interface SegmentOutcome {
  stage: 'segment';
  items: number;
  orphans: number;
}

/**
 * Splits the batch into items at its SKU/weight photos (a decoded SKU barcode or QR code),
 * reads each label's weight, and records the grouping.
 */
export async function segmentPhotosIntoItems(payload: SegmentPayload, ports: StagePorts): Promise<SegmentOutcome> {
  const { photos, items } = ports.repositories;
  const batchPhotos = await photos.listByBatch(payload.batchId);
  const segmentable: SegmentablePhoto[] = [];
  for (const photo of batchPhotos) segmentable.push(await describeForSegmentation(photo, ports));

  const segmentation = segmentBatch(segmentable, { timeGapMinutes: ports.settings.timeGapMinutes });
  const saved = await items.replaceForBatch(
    payload.batchId,
    segmentation.items.map((item) => ({
      position: item.position,
      sku: item.sku,
      skuPhotoId: item.skuPhotoId,
      weight: item.weight,
      productCode: item.productCode,
      flags: item.flags,
      photoIds: item.photoIds,
    })),
    segmentation.orphanPhotoIds,
  );
  return { stage: 'segment', items: saved.length, orphans: segmentation.orphanPhotoIds.length };
}

async function describeForSegmentation(photo: PhotoRecord, ports: StagePorts): Promise<SegmentablePhoto> {
  const usable = photo.status === 'ingested';
  const skuCode = photo.barcodes.find((barcode) => barcode.kind === 'sku');
  const described: SegmentablePhoto = {
    id: photo.id,
    originalName: photo.originalName,
    sequence: photo.sequence,
    capturedAt: photo.capturedAt,
    usable,
    skuLabel: null,
    productCodes: photo.barcodes.filter((barcode) => barcode.kind === 'product').map((barcode) => barcode.text),
    weight: null,
  };
  if (!usable || !skuCode || !photo.ebayKey) return described;

  // The label's printed text carries the weight; only SKU photos are read here, the rest in analysis.
  const label = await ports.textRecognizer.recognize(await ports.photoStore.read(photo.ebayKey));
  const weight = findWeight(label.text);
  return {
    ...described,
    skuLabel: { sku: skuCode.text, source: 'barcode', text: skuCode.text },
    weight: weight ? { grams: weight.grams, text: weight.text, source: 'label', confidence: label.confidence } : null,
  };
}
