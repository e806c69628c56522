import type { StageJob, StageName } from '../contracts/stages.ts';
import type { ItemRecord, Repositories, StageRunRecord } from '../ports/repositories.ts';

/** The stages every item goes through after segmentation, in order; publish waits for the seller. */
const ITEM_CHAIN = ['analyse', 'compose', 'price'] as const satisfies readonly StageName[];
type ItemChainStage = (typeof ITEM_CHAIN)[number];

const SETTLED = new Set<StageRunRecord['status']>(['succeeded', 'dead']);
const FINISHED_ITEM = new Set<ItemRecord['status']>(['ready_for_review', 'published', 'failed']);

/**
 * What follows what: the one place that chains stages. Every step is derived from the database
 * and creates the next stage runs with `ensure`, so running it twice, or after a crash, adds nothing twice.
 */
export class Orchestrator {
  constructor(
    private readonly repositories: Repositories,
    /** autoPublish: an item that reaches review clean and priced goes on to publish without the seller's approval. */
    private readonly options: { autoPublish?: boolean } = {},
  ) {}

  /** A batch was submitted: its photos that are already ingested may let segmentation start. */
  async batchSubmitted(batchId: string): Promise<StageJob[]> {
    return this.segmentIfReady(batchId);
  }

  /** Photos were added: each gets its ingest run. */
  async photosReceived(batchId: string, photoIds: string[]): Promise<StageJob[]> {
    const jobs: StageJob[] = [];
    for (const photoId of photoIds) {
      const job: StageJob = { stage: 'ingest', payload: { batchId, photoId } };
      await this.ensureRun(job);
      jobs.push(job);
    }
    return jobs;
  }

  /** Called after `job` succeeded and was recorded so: the jobs that follow it. */
  async succeeded(job: StageJob): Promise<StageJob[]> {
    switch (job.stage) {
      case 'ingest':
        return this.segmentIfReady(job.payload.batchId);
      case 'segment':
        return this.startItems(job.payload.batchId);
      case 'analyse':
      case 'compose':
      case 'price':
        return this.advanceItem(job.payload.batchId, job.payload.itemId, job.stage);
      case 'publish':
        await this.completeBatchIfDone(job.payload.batchId);
        return [];
    }
  }

  /** Called after `job` was dead-lettered: the item fails with the reason, the rest goes on. */
  async died(job: StageJob, reason: string): Promise<StageJob[]> {
    switch (job.stage) {
      case 'ingest':
        return this.segmentIfReady(job.payload.batchId);
      case 'segment':
        await this.completeBatchIfDone(job.payload.batchId);
        return [];
      case 'analyse':
      case 'compose':
      case 'price':
      case 'publish':
        await this.repositories.items.setStatus(job.payload.itemId, 'failed', reason);
        await this.completeBatchIfDone(job.payload.batchId);
        return [];
    }
  }

  /**
   * The seller regrouped photos: the touched items go through analysis, listing and pricing again,
   * from scratch; the batch, if it was completed, is processing again until they are done.
   */
  /**
   * The seller approved these items for publishing: each gets its publish run. An item whose
   * publishing died (eBay refused it, and the seller has fixed the listing since) is tried afresh.
   */
  async itemsApproved(batchId: string, itemIds: string[]): Promise<StageJob[]> {
    for (const itemId of itemIds) {
      const run = await this.repositories.stageRuns.get('publish', itemId);
      if (run?.status !== 'dead') continue;
      // What a group once kept for the item belongs to the attempt that died, not to this one.
      await this.repositories.publishClaims?.remove(itemId);
      await this.repositories.stageRuns.reset(['publish'], [itemId]);
      await this.repositories.items.setStatus(itemId, 'ready_for_review');
    }
    return this.ensureJobs(itemIds.map((itemId): StageJob => ({ stage: 'publish', payload: { batchId, itemId } })));
  }

  async itemsRegrouped(batchId: string, itemIds: string[]): Promise<StageJob[]> {
    if (itemIds.length === 0) return [];
    await this.repositories.stageRuns.reset([...ITEM_CHAIN], itemIds);
    for (const itemId of itemIds) await this.repositories.items.setStatus(itemId, 'processing');
    await this.repositories.batches.reopen(batchId);
    return this.ensureJobs(itemIds.map((itemId): StageJob => ({ stage: 'analyse', payload: { batchId, itemId } })));
  }

  /**
   * Level-triggered recovery for one batch: re-derives every missing next step from what the
   * database says is finished (used by the reconciler after a crash or a lost queue).
   */
  async reconcileBatch(batchId: string): Promise<StageJob[]> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch || batch.status !== 'processing') return [];
    const runs = await this.repositories.stageRuns.listByBatch(batchId);
    const photos = await this.repositories.photos.listByBatch(batchId);
    const ingestRuns = new Set(runs.filter((run) => run.stage === 'ingest').map((run) => run.subjectId));
    const missingIngest = photos.filter((photo) => !ingestRuns.has(photo.id)).map((photo) => photo.id);
    if (missingIngest.length > 0) return this.photosReceived(batchId, missingIngest);

    const segmentRun = runs.find((run) => run.stage === 'segment');
    if (!segmentRun) return this.segmentIfReady(batchId);
    if (segmentRun.status !== 'succeeded') {
      if (segmentRun.status === 'dead') await this.completeBatchIfDone(batchId);
      return [];
    }
    const jobs: StageJob[] = [];
    for (const item of await this.repositories.items.listByBatch(batchId)) {
      const itemRuns = new Map(
        runs.filter((run) => run.subjectId === item.id).map((run) => [run.stage, run.status] as const),
      );
      if (!itemRuns.has('analyse')) {
        jobs.push(...(await this.ensureJobs([{ stage: 'analyse', payload: { batchId, itemId: item.id } }])));
        continue;
      }
      const lastDone = [...ITEM_CHAIN].reverse().find((stage) => itemRuns.get(stage) === 'succeeded');
      if (lastDone) jobs.push(...(await this.advanceItem(batchId, item.id, lastDone)));
    }
    await this.completeBatchIfDone(batchId);
    return jobs;
  }

  private async segmentIfReady(batchId: string): Promise<StageJob[]> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch || batch.status !== 'processing') return [];
    const photoCount = await this.repositories.photos.countByBatch(batchId);
    const ingests = await this.repositories.stageRuns.countByStatus(batchId, 'ingest');
    if ((ingests.succeeded ?? 0) + (ingests.dead ?? 0) < photoCount) return [];
    return this.ensureJobs([{ stage: 'segment', payload: { batchId } }]);
  }

  private async startItems(batchId: string): Promise<StageJob[]> {
    const items = await this.repositories.items.listByBatch(batchId);
    const jobs = await this.ensureJobs(
      items.map((item): StageJob => ({ stage: 'analyse', payload: { batchId, itemId: item.id } })),
    );
    await this.completeBatchIfDone(batchId);
    return jobs;
  }

  private async advanceItem(batchId: string, itemId: string, finished: ItemChainStage): Promise<StageJob[]> {
    const next = ITEM_CHAIN[ITEM_CHAIN.indexOf(finished) + 1];
    if (next) return this.ensureJobs([{ stage: next, payload: { batchId, itemId } }]);
    const item = await this.repositories.items.get(itemId);
    if (item && item.status === 'processing') await this.repositories.items.setStatus(itemId, 'ready_for_review');
    await this.completeBatchIfDone(batchId);
    if (this.options.autoPublish && (await this.isPublishable(itemId))) return this.ensureJobs([{ stage: 'publish', payload: { batchId, itemId } }]);
    return [];
  }

  /** In review, its listing free of unaccepted errors, and priced: what auto-publish may send on. */
  private async isPublishable(itemId: string): Promise<boolean> {
    const [item, latest, price] = await Promise.all([
      this.repositories.items.get(itemId),
      this.repositories.listingVersions.latest(itemId),
      this.repositories.prices.get(itemId),
    ]);
    return item?.status === 'ready_for_review' && latest !== null && latest.preflight.state !== 'needs_attention' && price?.estimate.status === 'estimated';
  }

  private async completeBatchIfDone(batchId: string): Promise<void> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch || batch.status !== 'processing') return;
    const segmentRun = await this.repositories.stageRuns.get('segment', batchId);
    if (!segmentRun || !SETTLED.has(segmentRun.status)) return;
    const items = await this.repositories.items.listByBatch(batchId);
    if (items.every((item) => FINISHED_ITEM.has(item.status))) await this.repositories.batches.markCompleted(batchId);
  }

  /** Creates the runs that do not exist yet; returns the jobs whose run is new or still unfinished. */
  private async ensureJobs(jobs: StageJob[]): Promise<StageJob[]> {
    const toRun: StageJob[] = [];
    for (const job of jobs) {
      const run = await this.ensureRun(job);
      if (!SETTLED.has(run.status)) toRun.push(job);
    }
    return toRun;
  }

  private async ensureRun(job: StageJob): Promise<StageRunRecord> {
    const { run } = await this.repositories.stageRuns.ensure({
      stage: job.stage,
      subjectId: subjectIdOf(job),
      batchId: job.payload.batchId,
      itemId: 'itemId' in job.payload ? job.payload.itemId : null,
      photoId: 'photoId' in job.payload ? job.payload.photoId : null,
    });
    return run;
  }
}

function subjectIdOf(job: StageJob): string {
  if ('itemId' in job.payload) return job.payload.itemId;
  if ('photoId' in job.payload) return job.payload.photoId;
  return job.payload.batchId;
}

/** Rebuilds a job from its stage run: the run holds everything the payload needs. */
export function jobOfRun(run: StageRunRecord): StageJob {
  switch (run.stage) {
    case 'ingest':
      return { stage: 'ingest', payload: { batchId: run.batchId, photoId: run.subjectId } };
    case 'segment':
      return { stage: 'segment', payload: { batchId: run.batchId } };
    case 'analyse':
    case 'compose':
    case 'price':
    case 'publish':
      return { stage: run.stage, payload: { batchId: run.batchId, itemId: run.subjectId } };
  }
}
