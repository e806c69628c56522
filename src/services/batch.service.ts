import type { Readable } from 'node:stream';
import type { BatchDto, BatchItemsDto, BatchStatusDto, ItemDto, StageProgress } from '../contracts/batch.ts';
import { NotFoundError, PermanentError } from '../contracts/errors.ts';
import type { PhotoDto } from '../contracts/photo.ts';
import type { StageName } from '../contracts/stages.ts';
import type { PhotoStore } from '../ports/photo-store.ts';
import type { PipelineControl } from '../ports/pipeline-control.ts';
import type { BatchRecord, Repositories } from '../ports/repositories.ts';
import { toBatchDto, toPhotoDto } from './dto-mappers.ts';
import { displayNameOf } from './file-names.ts';
import { toItemPublication } from './publishing.service.ts';

const STAGE_ORDER: StageName[] = ['ingest', 'segment', 'analyse', 'compose', 'price', 'publish'];

export interface BatchLimits {
  maxUploadBytes: number;
  maxPhotosPerBatch: number;
}

/** Batches as the seller works with them: create, upload photos, submit, follow, read the results. */
export class BatchService {
  constructor(
    private readonly repositories: Repositories,
    private readonly photoStore: PhotoStore,
    private readonly pipeline: PipelineControl,
    private readonly limits: BatchLimits,
  ) {}

  async createBatch(input: { name?: string | undefined; actor: string }): Promise<BatchDto> {
    const account = await this.repositories.accounts.ensureDefault();
    const name = input.name ?? `Batch of ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
    const batch = await this.repositories.batches.create({ accountId: account.id, name });
    await this.repositories.audit.record({
      accountId: account.id,
      actor: input.actor,
      action: 'batch.created',
      subjectType: 'batch',
      subjectId: batch.id,
    });
    return toBatchDto(batch);
  }

  /**
   * Streams one photo into the store and records it. The same bytes twice are one photo
   * (`duplicate: true`). Oversized files and full batches are refused with a reason.
   */
  async addPhoto(batchId: string, upload: { fileName: string; content: Readable | Uint8Array }): Promise<{
    photo: PhotoDto;
    duplicate: boolean;
  }> {
    const batch = await this.requireBatch(batchId);
    if (batch.status !== 'open') {
      drain(upload.content);
      throw new PermanentError('BATCH_NOT_OPEN', `Batch "${batch.name}" was already submitted; start a new batch to add photos.`);
    }
    if ((await this.repositories.photos.countByBatch(batchId)) >= this.limits.maxPhotosPerBatch) {
      drain(upload.content);
      throw new PermanentError(
        'TOO_MANY_PHOTOS',
        `A batch holds at most ${this.limits.maxPhotosPerBatch} photos; start a new batch for the rest.`,
      );
    }
    const stored = await this.photoStore.write(upload.content, { maxBytes: this.limits.maxUploadBytes });
    const { photo, created } = await this.repositories.photos.addReceived({
      batchId,
      originalName: displayNameOf(upload.fileName),
      sha256: stored.sha256,
      bytes: stored.bytes,
      originalKey: stored.key,
    });
    if (created) await this.pipeline.photosReceived(batchId, [photo.id]);
    return { photo: toPhotoDto(photo), duplicate: !created };
  }

  /** Closes the batch to uploads and lets segmentation start once every photo is ingested. */
  async submit(batchId: string, actor: string): Promise<BatchDto> {
    const batch = await this.requireBatch(batchId);
    if (await this.repositories.batches.submit(batchId)) {
      await this.repositories.audit.record({
        accountId: batch.accountId,
        actor,
        action: 'batch.submitted',
        subjectType: 'batch',
        subjectId: batchId,
      });
    }
    await this.pipeline.batchSubmitted(batchId);
    return toBatchDto(await this.requireBatch(batchId));
  }

  async getStatus(batchId: string): Promise<BatchStatusDto> {
    const batch = await this.requireBatch(batchId);
    const [photos, items, runs] = await Promise.all([
      this.repositories.photos.listByBatch(batchId),
      this.repositories.items.listByBatch(batchId),
      this.repositories.stageRuns.listByBatch(batchId),
    ]);
    const stages: StageProgress[] = STAGE_ORDER.map((stage) => {
      const counts: StageProgress['counts'] = {};
      for (const run of runs) if (run.stage === stage) counts[run.status] = (counts[run.status] ?? 0) + 1;
      return { stage, counts };
    });
    const byStatus: BatchStatusDto['items']['byStatus'] = {};
    for (const item of items) byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
    return {
      ...toBatchDto(batch),
      photos: {
        total: photos.length,
        ingested: photos.filter((photo) => photo.status === 'ingested').length,
        rejected: photos.filter((photo) => photo.status === 'rejected').length,
        orphans: photos.filter((photo) => photo.role === 'orphan').length,
      },
      items: { total: items.length, byStatus },
      stages,
    };
  }

  /** Every item with its photos, evidence, listing and price; orphans and rejected photos beside them. */
  async listItems(batchId: string): Promise<BatchItemsDto> {
    const batch = await this.requireBatch(batchId);
    const photos = await this.repositories.photos.listByBatch(batchId);
    const items: ItemDto[] = [];
    const batchItems = await this.repositories.items.listByBatch(batchId);
    const publications = await this.repositories.ebayPublications.getMany(batchItems.map((item) => item.id));
    for (const item of batchItems) {
      const [itemPhotos, analysis, listing, latestVersion, price] = await Promise.all([
        this.repositories.items.listPhotos(item.id),
        this.repositories.analyses.get(item.id),
        this.repositories.listings.get(item.id),
        this.repositories.listingVersions.latest(item.id),
        this.repositories.prices.get(item.id),
      ]);
      items.push({
        id: item.id,
        batchId: item.batchId,
        position: item.position,
        sku: item.sku,
        weight: item.weight,
        productCode: item.productCode,
        status: item.status,
        statusReason: item.statusReason,
        flags: item.flags,
        skuPhotoId: item.skuPhotoId,
        photos: itemPhotos.map(toPhotoDto),
        analysis: analysis
          ? {
              provider: analysis.provider,
              attributes: analysis.attributes,
              ocr: analysis.ocr,
              degraded: analysis.degraded,
              measurements: analysis.measurements ?? [],
              conflicts: analysis.conflicts ?? [],
              unverified: analysis.unverified ?? [],
              cost: analysis.cost ?? null,
              promptVersion: analysis.promptVersion ?? null,
            }
          : null,
        listing: listing
          ? {
              title: listing.title,
              descriptionHtml: listing.descriptionHtml,
              categoryId: listing.categoryId,
              categoryName: listing.categoryName,
              conditionId: listing.conditionId,
              conditionDescription: listing.conditionDescription,
              aspects: listing.aspects,
              productCode: listing.productCode,
            }
          : null,
        review: latestVersion
          ? { version: latestVersion.version, state: latestVersion.preflight.state, issues: latestVersion.preflight.issues }
          : null,
        price: price?.estimate ?? null,
        publication: toItemPublication(publications.get(item.id) ?? null),
      });
    }
    return {
      batch: toBatchDto(batch),
      items,
      aiSpend: await this.repositories.aiSpend.totalsForBatch(batchId),
      orphans: photos.filter((photo) => photo.role === 'orphan').map(toPhotoDto),
      rejected: photos.filter((photo) => photo.status === 'rejected').map(toPhotoDto),
    };
  }

  async requireBatch(batchId: string): Promise<BatchRecord> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch) throw new NotFoundError('Batch', batchId);
    return batch;
  }
}

/** Lets an unread upload stream flow to its end so the connection is not left hanging. */
function drain(content: Readable | Uint8Array): void {
  if (!(content instanceof Uint8Array)) content.resume();
}
