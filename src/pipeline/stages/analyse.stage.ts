import { NotFoundError } from '../../contracts/errors.ts';
import type { OcrText } from '../../contracts/item.ts';
import type { CropOcrReading, OcrReading, PhotoReadings } from '../../contracts/readings.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import { claimGarmentColours, type PhotoColours } from '../../domain/colour/colour-claims.ts';
import { findGarmentColours } from '../../domain/colour/garment-colours.ts';
import { extractTagAttributes, type PhotoText } from '../../domain/tags/extract-tag-attributes.ts';
import { claimMeasurements } from '../../domain/tags/measurement-parser.ts';
import { findSizes } from '../../domain/tags/size-parser.ts';
import { findTagRegionsToReread, readsLikeTag, showsTagDetails } from '../../domain/tags/tag-region.ts';
import type { PhotoRecord } from '../../ports/repositories.ts';
import { readPhotoText } from './photo-reading.ts';
import { analyseWithVision } from './vision-analysis.ts';
import type { StagePorts } from './stage-ports.ts';

export interface AnalyseOutcome {
  stage: 'analyse';
  attributeCount: number;
}

/** Colours are measured on a small copy: enough pixels for the garment, few enough to be quick. */
const COLOUR_SIDE = 96;

/**
 * The offline analysis of one item: what its tags say (brand, size, material, origin, RN, care,
 * measurements) from the text read once per photo at ingest, read again closer on tags whose size was
 * missed; and the garment's colours from the pixels of the photos that are not tags. Every attribute
 * keeps its evidence and all its claims.
 */
export async function analyseItem(payload: ItemStagePayload, ports: StagePorts): Promise<AnalyseOutcome> {
  const { items, analyses, photoReadings } = ports.repositories;
  const item = await items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  const allPhotos = await items.listPhotos(item.id);
  const photos = allPhotos.filter((photo) => photo.role === 'item' && photo.aiKey !== null);
  const readings = await photoReadings.listForPhotos(allPhotos.map((photo) => photo.id));

  const ocr: OcrText[] = [];
  const texts: PhotoText[] = [];
  for (const photo of photos) {
    const reading = await recallPhotoText(photo, readings, ports);
    ocr.push({ photoId: photo.id, text: reading.text, confidence: reading.confidence });
    const read = [reading, ...(readings.get(photo.id)?.panels ?? [])].map(keepConfidentLines);
    // Words on a photo that is no tag (a print, the weave) say less than a tag does.
    const weight = readsLikeTag(read.join('\n')) ? 1 : INCIDENTAL_TEXT_WEIGHT;
    for (const text of read) texts.push({ photoId: photo.id, text, weight });
    const sizeFound = read.some((text) => findSizes(text).length > 0);
    for (const crop of await rereadTagCloser(photo, readings, sizeFound, ports)) texts.push({ photoId: photo.id, text: crop });
  }

  const attributes = extractTagAttributes(texts);
  const colours = claimGarmentColours(await measureColours(photos, readings, ports));
  if (colours.length > 0) attributes.color = [...colours, ...(attributes.color ?? [])];
  const measurements = claimMeasurements(texts);
  const ocrDegraded = describeOcrFallbacks(allPhotos, readings);
  const vision = await analyseWithVision(item, allPhotos, readings, attributes, ports);
  if (vision.kind === 'answered') {
    await analyses.save(item.id, {
      provider: vision.provider,
      attributes: vision.attributes,
      ocr,
      degraded: ocrDegraded,
      measurements,
      conflicts: vision.conflicts,
      unverified: vision.unverified,
      cost: vision.cost,
      promptVersion: vision.promptVersion,
    });
    return { stage: 'analyse', attributeCount: Object.keys(vision.attributes).length };
  }
  const degraded = [vision.kind === 'fell_back' ? vision.reason : null, ocrDegraded].filter((reason) => reason !== null).join(' ');
  await analyses.save(item.id, { provider: 'local', attributes, ocr, degraded: degraded === '' ? null : degraded, measurements });
  return { stage: 'analyse', attributeCount: Object.keys(attributes).length };
}

/** When the configured OCR engine failed on some photos and the next one read them, the item says so. */
function describeOcrFallbacks(photos: readonly PhotoRecord[], readings: ReadonlyMap<string, PhotoReadings>): string | null {
  const fallbacks = photos.flatMap((photo) => {
    const reason = readings.get(photo.id)?.ocr?.degraded;
    return reason === undefined ? [] : [{ name: photo.originalName, reason }];
  });
  const first = fallbacks[0];
  if (first === undefined) return null;
  const names = fallbacks.map((fallback) => fallback.name).join(', ');
  return `The text of ${fallbacks.length === 1 ? 'photo' : 'photos'} ${names} was not read by the first OCR engine: ${first.reason}`;
}

/** How much text read on a photo that is not a tag counts against a tag's. */
const INCIDENTAL_TEXT_WEIGHT = 0.6;

/** Below this, a line OCR read is the weave, the stitching or the fabric: its "words" would be parsed as sizes. */
const MIN_LINE_CONFIDENCE = 0.4;

function keepConfidentLines(reading: { text: string; lines?: ReadonlyArray<{ text: string; confidence: number }> }): string {
  if (reading.lines === undefined || reading.lines.length === 0) return reading.text;
  return reading.lines.filter((line) => line.confidence >= MIN_LINE_CONFIDENCE).map((line) => line.text).join('\n');
}

/** The text read at ingest; a photo that has none (ingested before texts were kept) is read now, once. */
async function recallPhotoText(
  photo: PhotoRecord,
  readings: Map<string, PhotoReadings>,
  ports: StagePorts,
): Promise<OcrReading> {
  const known = readings.get(photo.id)?.ocr;
  if (known !== undefined) return known;
  const read = await readPhotoText(photo.id, await ports.photoStore.read(photo.aiKey as string), ports);
  readings.set(photo.id, { ...readings.get(photo.id), ...read });
  return read.ocr ?? { text: '', confidence: 0, lines: [] };
}

/**
 * The texts of a tag's close-ups (the gaps between its lines, where a lone size letter hides), read
 * once and kept: a regrouped item is analysed again without reading them again.
 */
async function rereadTagCloser(
  photo: PhotoRecord,
  readings: Map<string, PhotoReadings>,
  sizeFound: boolean,
  ports: StagePorts,
): Promise<string[]> {
  const known = readings.get(photo.id);
  if (known?.crops !== undefined) return known.crops.map((crop) => crop.text);
  const ocr = known?.ocr;
  const sampler = ports.imageSampler;
  if (ocr === undefined || sampler === undefined) return [];
  const regions = findTagRegionsToReread(ocr, sizeFound);
  if (regions.length === 0) return [];
  const image = await ports.photoStore.read(photo.aiKey as string);
  const crops: CropOcrReading[] = [];
  for (const region of regions) {
    // At its own scale: enlarged, big letters grow past the sizes OCR reads well.
    const closeUp = await sampler.crop(image, region, { longestSide: Math.max(region.width, region.height) });
    const recognized = await ports.textRecognizer.recognize(closeUp, { layout: 'block' });
    crops.push({ region, text: recognized.text, confidence: recognized.confidence });
  }
  await ports.repositories.photoReadings.save(photo.id, { crops });
  readings.set(photo.id, { ...known, crops });
  return crops.map((crop) => crop.text);
}

/** Garment colours of the photos that show the garment: not its tags (a printed brand is fine), not a scale. */
async function measureColours(
  photos: readonly PhotoRecord[],
  readings: ReadonlyMap<string, PhotoReadings>,
  ports: StagePorts,
): Promise<PhotoColours[]> {
  const sampler = ports.imageSampler;
  if (sampler === undefined) return [];
  const garmentPhotos = photos.filter((photo) => {
    const known = readings.get(photo.id);
    const text = [known?.ocr?.text ?? '', ...(known?.panels ?? []).map((panel) => panel.text)].join('\n');
    return !showsTagDetails(text) && known?.scaleDisplay?.digits == null;
  });
  const measured: PhotoColours[] = [];
  for (const photo of garmentPhotos) {
    const pixels = await sampler.readPixels(await ports.photoStore.read(photo.aiKey as string), { maxSide: COLOUR_SIDE });
    measured.push({ photoId: photo.id, colours: findGarmentColours(pixels) });
  }
  return measured;
}
