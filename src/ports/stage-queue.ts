import type { StageJob } from '../contracts/stages.ts';

export interface JobContext {
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/** What the queue does with a job after its handler returned or threw. */
export type JobResult = 'done' | 'retry';

/** Carries stage jobs to workers. The database, not the queue, is the truth of what is finished. */
export interface StageQueue {
  /** Adds a job; a job with the same stage and subject already waiting or running is not added twice. */
  enqueue(job: StageJob, options?: { delayMs?: number }): Promise<void>;
  /**
   * Starts consuming. The handler throws to ask for a retry (the queue applies the
   * catalog's attempts and backoff, or the error's Retry-After); returning settles the job.
   */
  start(handler: (job: StageJob, context: JobContext) => Promise<void>): void;
  /** Resolves when nothing is waiting, delayed or running. */
  whenIdle(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  close(): Promise<void>;
  /**
   * Whether the job is on the queue now: waiting, delayed (a retry's backoff) or running. The
   * reconciler re-enqueues only work whose job is gone, so it never doubles a job another worker runs.
   */
  isQueued?(job: StageJob): Promise<boolean>;
  /** How many jobs each queue holds, for metrics and the operations view. */
  countJobs?(): Promise<QueueDepth[]>;
}

export interface QueueDepth {
  queue: string;
  waiting: number;
  delayed: number;
  active: number;
}

/** At most `max` jobs of a queue start in any window of `durationMs`. */
export interface QueueRateLimit {
  max: number;
  durationMs: number;
}

/** What a queue adapter needs to know of the stage catalog; the container builds it from `pipeline/catalog.ts`. */
export interface StageQueuePolicy {
  queues: Array<{ name: string; concurrency: number; rateLimit?: QueueRateLimit }>;
  queueOf(stage: StageJob['stage']): string;
  attemptsOf(stage: StageJob['stage']): number;
  /** Delay before try number `nextAttempt` (2 for the first retry). */
  backoffDelayMs(stage: StageJob['stage'], nextAttempt: number): number;
  /** Deterministic identity of a job: stage and subject. */
  jobIdOf(job: StageJob): string;
}
