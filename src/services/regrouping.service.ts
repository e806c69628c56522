import { NotFoundError, PermanentError } from '../contracts/errors.ts';
import type { PhotoReadings } from '../contracts/readings.ts';
import type {
  MarkSkuPhotoRequest,
  MergeItemsRequest,
  MovePhotosRequest,
  RegroupingResult,
  SplitItemRequest,
} from '../contracts/regrouping.ts';
import { createReadingRules, describePhotoForSegmentation } from '../domain/segmentation/photo-readings.ts';
import { planRegrouping, type RegroupingChange } from '../domain/segmentation/regroup-items.ts';
import type { WeightUnit } from '../domain/segmentation/weight-parser.ts';
import type { ItemRerunControl } from '../ports/pipeline-control.ts';
import type { PhotoRecord, Repositories } from '../ports/repositories.ts';

export interface RegroupingSettings {
  skuPattern: string | null;
  timeGapMinutes: number;
  scaleUnit: WeightUnit | null;
}

/**
 * The seller's corrections to how a batch was split into items: move photos, split an item, merge
 * items, mark the SKU photo. Each change is applied at once, and only the items it touched are
 * analysed, composed and priced again; the others keep their work.
 */
export class RegroupingService {
  constructor(
    private readonly repositories: Repositories,
    private readonly pipeline: ItemRerunControl,
    private readonly settings: RegroupingSettings,
  ) {}

  movePhotos(batchId: string, request: MovePhotosRequest, actor: string): Promise<RegroupingResult> {
    return this.regroup(batchId, { kind: 'move', photoIds: request.photoIds, toItemId: request.toItemId }, actor);
  }

  async splitItem(batchId: string, itemId: string, request: SplitItemRequest, actor: string): Promise<RegroupingResult> {
    const photo = await this.repositories.photos.get(request.fromPhotoId);
    if (photo === null || photo.batchId !== batchId) throw new NotFoundError('Photo', request.fromPhotoId);
    if (photo.itemId !== itemId) {
      throw new PermanentError('VALIDATION_FAILED', `Photo ${photo.originalName} is not a photo of item ${itemId}.`);
    }
    return this.regroup(batchId, { kind: 'split', fromPhotoId: request.fromPhotoId }, actor);
  }

  mergeItems(batchId: string, request: MergeItemsRequest, actor: string): Promise<RegroupingResult> {
    return this.regroup(batchId, { kind: 'merge', itemIds: request.itemIds }, actor);
  }

  markSkuPhoto(batchId: string, request: MarkSkuPhotoRequest, actor: string): Promise<RegroupingResult> {
    return this.regroup(batchId, { kind: 'mark-sku-photo', photoId: request.photoId }, actor);
  }

  private async regroup(batchId: string, change: RegroupingChange, actor: string): Promise<RegroupingResult> {
    const batch = await this.repositories.batches.get(batchId);
    if (batch === null) throw new NotFoundError('Batch', batchId);
    const segmentRun = await this.repositories.stageRuns.get('segment', batchId);
    if (segmentRun?.status !== 'succeeded') {
      throw new PermanentError('CONFLICT', 'This batch is not split into items yet; regroup it once segmentation has finished.');
    }
    const [items, photos] = await Promise.all([
      this.repositories.items.listByBatch(batchId),
      this.repositories.photos.listByBatch(batchId),
    ]);
    const usable = photos.filter((photo) => photo.status === 'ingested');
    const readings = await this.repositories.photoReadings.listForPhotos(usable.map((photo) => photo.id));
    const rules = createReadingRules(this.settings);
    const segmentable = usable.map((photo) => describePhotoForSegmentation(toPhotoFacts(photo, readings.get(photo.id) ?? {}), rules));

    const plan = planRegrouping(
      {
        items: items.map((item) => ({
          id: item.id,
          skuPhotoId: item.skuPhotoId,
          photoIds: usable.filter((photo) => photo.itemId === item.id).map((photo) => photo.id),
        })),
        orphanPhotoIds: usable.filter((photo) => photo.role === 'orphan' || photo.itemId === null).map((photo) => photo.id),
      },
      segmentable,
      change,
      { timeGapMinutes: this.settings.timeGapMinutes },
    );
    await this.assertChangeable(batchId, [...plan.touchedItemIds, ...plan.deletedItemIds]);

    const { createdItemIds } = await this.repositories.items.applyRegrouping(batchId, {
      items: plan.items.map((item) => ({
        id: item.id,
        position: item.position,
        sku: item.sku,
        skuPhotoId: item.skuPhotoId,
        weight: item.weight,
        productCode: item.productCode,
        flags: item.flags,
        photoIds: item.photoIds,
      })),
      orphanPhotoIds: plan.orphanPhotoIds,
      deletedItemIds: plan.deletedItemIds,
      touchedItemIds: plan.touchedItemIds,
    });
    const result: RegroupingResult = {
      touchedItemIds: plan.touchedItemIds,
      createdItemIds,
      deletedItemIds: plan.deletedItemIds,
    };
    await this.repositories.audit.record({
      accountId: batch.accountId,
      actor,
      action: `batch.regrouped.${change.kind}`,
      subjectType: 'batch',
      subjectId: batchId,
      details: { change, ...result },
    });
    await this.pipeline.itemsRegrouped(batchId, [...plan.touchedItemIds, ...createdItemIds]);
    return result;
  }

  /** A published item stays as it is; an item in the middle of its analysis is changed once that is done. */
  private async assertChangeable(batchId: string, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    const ids = new Set(itemIds);
    const items = await this.repositories.items.listByBatch(batchId);
    const published = items.find((item) => ids.has(item.id) && item.status === 'published');
    if (published !== undefined) {
      throw new PermanentError('CONFLICT', `Item ${published.position} is already published; its photos cannot be regrouped.`);
    }
    const runs = await this.repositories.stageRuns.listByBatch(batchId);
    const busy = runs.find((run) => ids.has(run.subjectId) && run.status === 'running');
    if (busy !== undefined) {
      const position = items.find((item) => item.id === busy.subjectId)?.position;
      throw new PermanentError('CONFLICT', `Item ${position ?? ''} is being worked on (${busy.stage}); try again in a moment.`);
    }
  }
}

function toPhotoFacts(photo: PhotoRecord, readings: PhotoReadings) {
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
