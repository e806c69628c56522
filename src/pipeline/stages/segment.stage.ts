import { EasyFlipError } from '../../contracts/errors.ts';
import type { ItemFlag } from '../../contracts/item.ts';
import type { PhotoReadings } from '../../contracts/readings.ts';
import type { SegmentPayload } from '../../contracts/stages.ts';
import { readLabelText } from '../../domain/segmentation/label-text.ts';
import {
  createReadingRules,
  describePhotoForSegmentation,
  type PhotoFacts,
  type ReadingRules,
} from '../../domain/segmentation/photo-readings.ts';
import { segmentBatch, type SegmentablePhoto, type Segmentation } from '../../domain/segmentation/segment-batch.ts';
import type { PhotoRecord } from '../../ports/repositories.ts';
import { readPhotoText } from './photo-reading.ts';
import type { StagePorts } from './stage-ports.ts';

export interface SegmentOutcome {
  stage: 'segment';
  items: number;
  orphans: number;
}

/** Photos of a weightless item examined for a scale display, in shooting order, beyond those whose text mentions a scale. */
const SCALE_PHOTOS_PER_ITEM = 2;

/** Words printed on scales and their displays. */
const SCALE_WORDS = /\b(?:tare|unit|hold|zero|max\.?|capacity|lbs?|kgs?|oz)\b/i;

/**
 * Splits the batch into items at its SKU/weight photos: a decoded SKU barcode or QR code, the
 * seller's SKU pattern or a SKU label in the photo's OCR text, or a vision model's verdict. The
 * weight comes from the label's text, else from a scale display among the item's photos. Every
 * reading is kept with the photo, so a retry or a regrouping reads nothing twice.
 */
export async function segmentPhotosIntoItems(payload: SegmentPayload, ports: StagePorts): Promise<SegmentOutcome> {
  const { photos, items } = ports.repositories;
  const batchPhotos = await photos.listByBatch(payload.batchId);
  const usable = batchPhotos.filter((photo) => photo.status === 'ingested');
  const readings = await ports.repositories.photoReadings.listForPhotos(usable.map((photo) => photo.id));
  await readMissingText(usable, readings, ports);
  const rules = createReadingRules(ports.settings);
  await askVisionWhereUnclear(usable, readings, rules, ports);

  const options = { timeGapMinutes: ports.settings.timeGapMinutes };
  const describe = (): SegmentablePhoto[] =>
    batchPhotos.map((photo) => describePhotoForSegmentation(toPhotoFacts(photo, readings.get(photo.id) ?? {}), rules));
  let segmentation = segmentBatch(describe(), options);
  if (await readScaleDisplays(segmentation, usable, readings, ports)) segmentation = segmentBatch(describe(), options);

  const saved = await items.replaceForBatch(
    payload.batchId,
    segmentation.items.map((item) => ({
      position: item.position,
      sku: item.sku,
      skuPhotoId: item.skuPhotoId,
      weight: item.weight,
      productCode: item.productCode,
      flags: explainMissingWeight(item.flags, item.photoIds, batchPhotos, readings),
      photoIds: item.photoIds,
    })),
    segmentation.orphanPhotoIds,
  );
  return { stage: 'segment', items: saved.length, orphans: segmentation.orphanPhotoIds.length };
}

export function toPhotoFacts(photo: PhotoRecord, readings: PhotoReadings): PhotoFacts {
  return {
    id: photo.id,
    originalName: photo.originalName,
    sequence: photo.sequence,
    capturedAt: photo.capturedAt,
    usable: photo.status === 'ingested',
    barcodes: photo.barcodes,
    readings,
  };
}

/** Photos ingested before their text was read at ingest are read now, once. */
async function readMissingText(
  usable: readonly PhotoRecord[],
  readings: Map<string, PhotoReadings>,
  ports: StagePorts,
): Promise<void> {
  const unread = usable.filter((photo) => readings.get(photo.id)?.ocr === undefined && photo.aiKey !== null);
  await Promise.all(
    unread.map(async (photo) => {
      const read = await readPhotoText(photo.id, await ports.photoStore.read(photo.aiKey as string), ports);
      readings.set(photo.id, { ...readings.get(photo.id), ...read });
    }),
  );
}

/** With a vision provider, photos that neither a barcode nor their text marks as a label are shown to it. */
async function askVisionWhereUnclear(
  usable: readonly PhotoRecord[],
  readings: Map<string, PhotoReadings>,
  rules: ReadingRules,
  ports: StagePorts,
): Promise<void> {
  const classifier = ports.skuPhotoClassifier;
  if (classifier == null) return;
  const unclear = usable.filter((photo) => {
    const known = readings.get(photo.id);
    if (known?.skuVerdict !== undefined || photo.aiKey === null) return false;
    if (photo.barcodes.some((code) => code.kind === 'sku')) return false;
    const text = [known?.ocr?.text ?? '', ...(known?.panels ?? []).map((panel) => panel.text)].join('\n');
    return readLabelText(text, rules.skuPattern, { sellerPattern: rules.sellerPattern }).kind === 'none';
  });
  for (const photo of unclear) {
    let verdict;
    try {
      verdict = await classifier.classify(await ports.photoStore.read(photo.aiKey as string), { batchId: photo.batchId, photoId: photo.id });
    } catch (error) {
      // Without the model's verdict the photo is judged on its barcode and text alone, as with no model.
      if (error instanceof EasyFlipError) continue;
      throw error;
    }
    await ports.repositories.photoReadings.save(photo.id, { skuVerdict: verdict });
    readings.set(photo.id, { ...readings.get(photo.id), skuVerdict: verdict });
  }
}

/**
 * For each item that has no weight yet, looks for a scale display among its first photos and those
 * whose text mentions a scale, until one gives a weight. True when anything new was read.
 */
async function readScaleDisplays(
  segmentation: Segmentation,
  usable: readonly PhotoRecord[],
  readings: Map<string, PhotoReadings>,
  ports: StagePorts,
): Promise<boolean> {
  const reader = ports.scaleDisplayReader;
  if (reader === undefined) return false;
  const byId = new Map(usable.map((photo) => [photo.id, photo]));
  let readAnything = false;
  for (const item of segmentation.items) {
    if (item.weight !== null) continue;
    const mentionsScale = item.photoIds.filter((photoId) => SCALE_WORDS.test(readings.get(photoId)?.ocr?.text ?? ''));
    const candidates = [...new Set([...mentionsScale, ...item.photoIds.slice(0, SCALE_PHOTOS_PER_ITEM + 1)])];
    for (const photoId of candidates) {
      const photo = byId.get(photoId);
      const known = readings.get(photoId)?.scaleDisplay;
      if (known?.digits != null) break;
      if (photo === undefined || photo.ebayKey === null || known !== undefined) continue;
      const shown = await reader.read(await ports.photoStore.read(photo.ebayKey));
      const scaleDisplay = shown === null
        ? { digits: null, unit: null, confidence: 0 }
        : { digits: shown.digits, unit: shown.unit, confidence: shown.confidence };
      await ports.repositories.photoReadings.save(photoId, { scaleDisplay });
      readings.set(photoId, { ...readings.get(photoId), scaleDisplay });
      readAnything = true;
      if (shown !== null) break;
    }
  }
  return readAnything;
}

/** A display read without a unit is worth telling the seller: one setting makes it a weight. */
function explainMissingWeight(
  flags: ItemFlag[],
  photoIds: readonly string[],
  batchPhotos: readonly PhotoRecord[],
  readings: ReadonlyMap<string, PhotoReadings>,
): ItemFlag[] {
  return flags.map((flag) => {
    if (flag.code !== 'NO_WEIGHT') return flag;
    const photoId = photoIds.find((id) => {
      const display = readings.get(id)?.scaleDisplay;
      return display?.digits != null && display.unit === null;
    });
    if (photoId === undefined) return flag;
    const digits = readings.get(photoId)?.scaleDisplay?.digits ?? '';
    const name = batchPhotos.find((photo) => photo.id === photoId)?.originalName ?? 'a photo';
    return {
      code: 'NO_WEIGHT',
      message: `The scale in ${name} shows ${digits}, but its unit could not be read; set SCALE_UNIT to the unit your scale shows, or enter the weight.`,
      photoId,
    };
  });
}
