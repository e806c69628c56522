import type { z } from 'zod';
import {
  IngestPayload,
  ItemStagePayload,
  SegmentPayload,
  type StageJob,
  type StageName,
  type StagePayloads,
} from '../contracts/stages.ts';
import type { StageQueuePolicy } from '../ports/stage-queue.ts';

export type QueueName = 'image-processing' | 'ai-analysis' | 'ebay-listing' | 'bulk-processing';

export interface QueueDefinition {
  /** Jobs of this queue running at once in one worker process. */
  concurrency: number;
  /** At most `max` jobs started per `durationMs`, for services that count calls (eBay's daily and per-second limits). */
  rateLimit?: { max: number; durationMs: number };
}

export interface StageDefinition<S extends StageName = StageName> {
  stage: S;
  queue: QueueName;
  payload: z.ZodType<StagePayloads[S]>;
  /** Tries in all, the first included. */
  attempts: number;
  /** Exponential backoff: the n-th retry waits baseDelayMs × 2^(n-1). */
  backoff: { type: 'exponential'; baseDelayMs: number };
  /** The photo, batch or item this job works on: with the stage, the job's identity. */
  subjectOf(payload: StagePayloads[S]): string;
}

export const queueCatalog: Record<QueueName, QueueDefinition> = {
  'image-processing': { concurrency: 10 },
  'ai-analysis': { concurrency: 5 },
  // A conservative pace for eBay's Sell APIs, whose limits are per application.
  'ebay-listing': { concurrency: 3, rateLimit: { max: 5, durationMs: 1000 } },
  'bulk-processing': { concurrency: 2 },
};

/** One catalog, one truth: every stage's queue, payload, retries and backoff. Both runners read it. */
export const stageCatalog: { [S in StageName]: StageDefinition<S> } = {
  ingest: {
    stage: 'ingest',
    queue: 'image-processing',
    payload: IngestPayload,
    attempts: 3,
    backoff: { type: 'exponential', baseDelayMs: 500 },
    subjectOf: (payload) => payload.photoId,
  },
  segment: {
    stage: 'segment',
    queue: 'bulk-processing',
    payload: SegmentPayload,
    attempts: 3,
    backoff: { type: 'exponential', baseDelayMs: 1000 },
    subjectOf: (payload) => payload.batchId,
  },
  analyse: {
    stage: 'analyse',
    queue: 'ai-analysis',
    payload: ItemStagePayload,
    attempts: 4,
    backoff: { type: 'exponential', baseDelayMs: 2000 },
    subjectOf: (payload) => payload.itemId,
  },
  compose: {
    stage: 'compose',
    queue: 'bulk-processing',
    payload: ItemStagePayload,
    attempts: 3,
    backoff: { type: 'exponential', baseDelayMs: 1000 },
    subjectOf: (payload) => payload.itemId,
  },
  price: {
    stage: 'price',
    queue: 'bulk-processing',
    payload: ItemStagePayload,
    attempts: 4,
    backoff: { type: 'exponential', baseDelayMs: 2000 },
    subjectOf: (payload) => payload.itemId,
  },
  publish: {
    stage: 'publish',
    queue: 'ebay-listing',
    payload: ItemStagePayload,
    attempts: 5,
    backoff: { type: 'exponential', baseDelayMs: 5000 },
    subjectOf: (payload) => payload.itemId,
  },
};

export const stageNames = Object.keys(stageCatalog) as StageName[];

export function definitionOf<S extends StageName>(stage: S): StageDefinition<S> {
  return stageCatalog[stage];
}

export function subjectOf(job: StageJob): string {
  switch (job.stage) {
    case 'ingest':
      return stageCatalog.ingest.subjectOf(job.payload);
    case 'segment':
      return stageCatalog.segment.subjectOf(job.payload);
    case 'analyse':
    case 'compose':
    case 'price':
    case 'publish':
      return job.payload.itemId;
  }
}

/** Deterministic job identity: the same stage on the same subject is one job, however often enqueued. */
export function jobIdOf(job: StageJob): string {
  return `${job.stage}:${subjectOf(job)}`;
}

/** Delay before try number `nextAttempt` (2 for the first retry). */
export function backoffDelayMs(stage: StageName, nextAttempt: number): number {
  const { baseDelayMs } = stageCatalog[stage].backoff;
  return baseDelayMs * 2 ** Math.max(0, nextAttempt - 2);
}

/** The catalog as queue adapters see it. */
export function createQueuePolicy(options: { backoffScale?: number } = {}): StageQueuePolicy {
  const scale = options.backoffScale ?? 1;
  return {
    queues: Object.entries(queueCatalog).map(([name, queue]) => ({
      name,
      concurrency: queue.concurrency,
      ...(queue.rateLimit ? { rateLimit: { ...queue.rateLimit } } : {}),
    })),
    queueOf: (stage) => stageCatalog[stage].queue,
    attemptsOf: (stage) => stageCatalog[stage].attempts,
    backoffDelayMs: (stage, nextAttempt) => backoffDelayMs(stage, nextAttempt) * scale,
    jobIdOf,
  };
}
