import { NotFoundError } from '../../contracts/errors.ts';
import type { OcrText } from '../../contracts/item.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import { extractTagAttributes } from '../../domain/tags/extract-tag-attributes.ts';
import type { StagePorts } from './stage-ports.ts';

export interface AnalyseOutcome {
  stage: 'analyse';
  attributeCount: number;
}

/** The offline analysis: OCR of every item photo, then what the tags say (brand, size, material…). */
export async function analyseItem(payload: ItemStagePayload, ports: StagePorts): Promise<AnalyseOutcome> {
  const { items, analyses } = ports.repositories;
  const item = await items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  const photos = (await items.listPhotos(item.id)).filter((photo) => photo.role === 'item' && photo.aiKey !== null);

  const ocr: OcrText[] = [];
  for (const photo of photos) {
    const image = await ports.photoStore.read(photo.aiKey as string);
    const recognized = await ports.textRecognizer.recognize(image);
    ocr.push({ photoId: photo.id, text: recognized.text, confidence: recognized.confidence });
  }
  const attributes = extractTagAttributes(ocr.map(({ photoId, text }) => ({ photoId, text })));
  await analyses.save(item.id, { provider: 'local', attributes, ocr, degraded: null });
  return { stage: 'analyse', attributeCount: Object.keys(attributes).length };
}
