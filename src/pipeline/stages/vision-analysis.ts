import type { ItemAttributes } from '../../contracts/attributes.ts';
import { EasyFlipError } from '../../contracts/errors.ts';
import type { AnalysisCost, AttributeConflict, UnverifiedClaim } from '../../contracts/item.ts';
import type { PhotoReadings } from '../../contracts/readings.ts';
import { guardVisionClaims } from '../../domain/analysis/accuracy-guard.ts';
import {
  planVisionPhotos,
  unionOfRegions,
  type CandidatePhoto,
  type DetailPolicy,
  type PlannedPhoto,
  type VisionPhotoKind,
} from '../../domain/analysis/detail-policy.ts';
import { mergeVisionClaims } from '../../domain/analysis/merge-claims.ts';
import type { VisionPhotoVerdict } from '../../domain/analysis/vision-findings.ts';
import { readLabelText } from '../../domain/segmentation/label-text.ts';
import { createReadingRules, type ReadingRules } from '../../domain/segmentation/photo-readings.ts';
import { readsLikeTag, showsTagDetails } from '../../domain/tags/tag-region.ts';
import type { ItemRecord, PhotoRecord } from '../../ports/repositories.ts';
import type { VisionAnalyzer, VisionItemAnalysis } from '../../ports/vision-analyzer.ts';
import type { StagePorts } from './stage-ports.ts';

/** The vision model's contribution to an item's analysis, or why there is none. */
export type VisionOutcome =
  | { kind: 'none' }
  | { kind: 'fell_back'; reason: string }
  | {
      kind: 'answered';
      provider: string;
      attributes: ItemAttributes;
      conflicts: AttributeConflict[];
      unverified: UnverifiedClaim[];
      cost: AnalysisCost;
      promptVersion: string;
    };

/** The policy when none is configured: tag close-ups at high detail in one tile, the rest at low detail. */
export const DEFAULT_VISION_POLICY: DetailPolicy = { name: 'tags-high', maxPhotos: 6, maxHighDetail: 1, highDetailTiles: 1 };

/** Below this, a line OCR read is the weave or the stitching, not words. */
const MIN_LINE_CONFIDENCE = 0.4;

/**
 * Shows the item's photos to the vision model (which ones, and how closely, by the detail policy),
 * keeps only the claims a photo backs, and joins them with the offline analysis, the tags' text leading
 * where they disagree on brand, size or material. When the model fails, times out or is paused, the
 * offline analysis stands and the outcome says why.
 */
export async function analyseWithVision(
  item: ItemRecord,
  photos: readonly PhotoRecord[],
  readings: Map<string, PhotoReadings>,
  local: ItemAttributes,
  ports: StagePorts,
): Promise<VisionOutcome> {
  const analyzer = ports.visionAnalyzer;
  if (analyzer == null) return { kind: 'none' };
  const rules = createReadingRules(ports.settings);
  const usable = photos.filter((photo) => photo.aiKey !== null);
  const candidates = usable.map((photo) => describeCandidate(photo, readings.get(photo.id) ?? {}, item, rules));
  const plan = planVisionPhotos(candidates, ports.settings.visionPolicy ?? DEFAULT_VISION_POLICY);
  if (plan.length === 0) return { kind: 'none' };

  const byId = new Map(usable.map((photo) => [photo.id, photo]));
  const answer = await askModel(analyzer, item, plan, byId, ports);
  if ('reason' in answer) return { kind: 'fell_back', reason: answer.reason };

  const shown = plan.map((photo) => photo.photoId);
  const ocrTexts = new Map(shown.map((photoId) => [photoId, textOf(readings.get(photoId) ?? {})]));
  const guarded = guardVisionClaims(answer.findings.claims, shown, ocrTexts);
  const merged = mergeVisionClaims(local, guarded.attributes);
  await keepPhotoVerdicts(answer.findings.photos, shown, readings, analyzer.provider, ports);
  const { usage } = answer;
  return {
    kind: 'answered',
    provider: analyzer.provider,
    attributes: merged.attributes,
    conflicts: merged.conflicts,
    unverified: guarded.unverified,
    cost: {
      usd: usage.costUsd,
      calls: usage.calls,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cached: usage.cached,
      model: usage.model,
      priced: usage.priced,
    },
    promptVersion: usage.promptVersion,
  };
}

async function askModel(
  analyzer: VisionAnalyzer,
  item: ItemRecord,
  plan: readonly PlannedPhoto[],
  byId: ReadonlyMap<string, PhotoRecord>,
  ports: StagePorts,
): Promise<VisionItemAnalysis | { reason: string }> {
  const inputs = await Promise.all(
    plan.map(async (planned) => ({
      ...planned,
      image: await ports.photoStore.read(byId.get(planned.photoId)?.aiKey as string),
    })),
  );
  try {
    return await analyzer.analyseItem({
      batchId: item.batchId,
      itemId: item.id,
      photos: inputs,
      known: { sku: item.sku, weightText: item.weight?.text ?? null },
    });
  } catch (error) {
    if (!(error instanceof EasyFlipError)) throw error;
    return { reason: `${error.message.replace(/\.?$/, '.')} The offline analysis was used instead.` };
  }
}

/** What the photo shows, as its readings tell; a label whose SKU and weight are read has nothing left to read. */
function describeCandidate(photo: PhotoRecord, readings: PhotoReadings, item: ItemRecord, rules: ReadingRules): CandidatePhoto {
  const lines = [
    ...(readings.ocr?.lines ?? []),
    ...(readings.panels ?? []).flatMap((panel) => panel.lines ?? []),
  ].filter((line) => line.confidence >= MIN_LINE_CONFIDENCE);
  const text = textOf(readings);
  let kind: VisionPhotoKind = 'garment';
  if (photo.role === 'sku' || readLabelText(text, rules.skuPattern, { sellerPattern: rules.sellerPattern }).kind !== 'none') kind = 'label';
  else if (readings.scaleDisplay?.digits != null) kind = 'scale';
  else if (showsTagDetails(text) || readsLikeTag(text)) kind = 'tag';
  const resolved = kind === 'label' && item.skuPhotoId === photo.id && item.sku !== null && item.weight !== null;
  // Regions are only known for the whole-photo read; a panel's lines are in its own close-up's pixels.
  const regions = (readings.ocr?.lines ?? []).filter((line) => line.confidence >= MIN_LINE_CONFIDENCE).flatMap((line) => (line.region ? [line.region] : []));
  return {
    photoId: photo.id,
    kind,
    resolved,
    textRegion: unionOfRegions(regions),
    textAmount: lines.reduce((sum, line) => sum + line.text.trim().length, 0),
  };
}

function textOf(readings: PhotoReadings): string {
  return [readings.ocr?.text ?? '', ...(readings.panels ?? []).map((panel) => panel.text), ...(readings.crops ?? []).map((crop) => crop.text)].join('\n');
}

/**
 * What the model read on SKU labels and scales is kept with the photo, where segmentation and every
 * regrouping look for SKU photos and weights; a verdict already kept is not replaced.
 */
async function keepPhotoVerdicts(
  verdicts: readonly VisionPhotoVerdict[],
  shown: readonly string[],
  readings: Map<string, PhotoReadings>,
  provider: string,
  ports: StagePorts,
): Promise<void> {
  for (const verdict of verdicts) {
    const photoId = Number.isInteger(verdict.photo) ? shown[verdict.photo - 1] : undefined;
    if (photoId === undefined || readings.get(photoId)?.skuVerdict !== undefined) continue;
    const weightText = verdict.weightText ?? verdict.scaleReading;
    if (!verdict.isSkuPhoto && weightText === null) continue;
    const skuVerdict = { isSkuPhoto: verdict.isSkuPhoto, sku: verdict.sku, weightText, confidence: verdict.confidence, provider };
    await ports.repositories.photoReadings.save(photoId, { skuVerdict });
    readings.set(photoId, { ...readings.get(photoId), skuVerdict });
  }
}
