import { Queue, Worker, type ConnectionOptions, type Job, type JobsOptions, type JobState } from 'bullmq';
import { RateLimitedError } from '../../contracts/errors.ts';
import type { StageJob } from '../../contracts/stages.ts';
import type { Logger } from '../../ports/logger.ts';
import type { JobContext, QueueDepth, QueueRateLimit, StageQueue, StageQueuePolicy } from '../../ports/stage-queue.ts';

type Handler = (job: StageJob, context: JobContext) => Promise<void>;

export interface BullMqStageQueueOptions {
  /** redis://host:port/db */
  redisUrl: string;
  /** Prefix of every key; tests use one of their own. */
  prefix: string;
  /** The catalog queues this process works on; null or absent for all. */
  workerQueues?: string[] | null;
  /** Replaces the catalog's rate limits, by queue (tests use a short window). */
  rateLimits?: Record<string, QueueRateLimit>;
  /** Finished jobs kept for inspection; the database keeps the history. */
  keepCompleted?: number;
  keepFailed?: number;
  /** How long a worker's lock on a job lasts unrenewed; a dead worker's jobs come back after it. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died. */
  stalledIntervalMs?: number;
  /** How often whenIdle() looks at the job counts. */
  idlePollMs?: number;
}

/** States in which a job is still the queue's business: it will run, or runs now. */
const LIVE_STATES = new Set<JobState | 'unknown'>(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
const BACKOFF_TYPE = 'stage-catalog';

/**
 * The scaled queue: one BullMQ queue per catalog queue on Redis, workers with the catalog's
 * concurrency, attempts and exponential backoff (or the error's Retry-After), deterministic job
 * ids so a stage on a subject is one job however often it is enqueued, rate limits per queue, and
 * dead workers' jobs taken over by the stalled-job check. Redis may be flushed: the reconciler
 * re-enqueues from the database whatever `isQueued` says is gone.
 */
export class BullMqStageQueue implements StageQueue {
  private readonly queues = new Map<string, Queue<StageJob>>();
  private readonly workers: Worker<StageJob>[] = [];
  private closed = false;

  constructor(
    private readonly policy: StageQueuePolicy,
    private readonly options: BullMqStageQueueOptions,
    private readonly logger: Logger,
  ) {
    for (const { name } of policy.queues) {
      // Producers fail fast when Redis is away: the caller (a stage, the API) sees the error at once.
      const queue = new Queue<StageJob>(name, {
        connection: this.connection({ enableOfflineQueue: false }),
        prefix: options.prefix,
      });
      queue.on('error', (error) => this.logger.warn({ queue: name, err: error }, 'queue connection error'));
      this.queues.set(name, queue);
    }
  }

  async enqueue(job: StageJob, options: { delayMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    const queue = this.queueOf(job);
    const jobId = this.jobIdOf(job);
    // A finished job kept for inspection would swallow the add: the run was reset (a dead letter retried).
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') await queue.remove(jobId);
    const jobOptions: JobsOptions = {
      jobId,
      attempts: this.policy.attemptsOf(job.stage),
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { count: this.options.keepCompleted ?? 1000 },
      removeOnFail: { count: this.options.keepFailed ?? 5000 },
      ...(options.delayMs && options.delayMs > 0 ? { delay: options.delayMs } : {}),
    };
    await queue.add(job.stage, job, jobOptions);
  }

  start(handler: Handler): void {
    if (this.workers.length > 0 || this.closed) return;
    const wanted = this.options.workerQueues ?? null;
    for (const { name, concurrency, rateLimit } of this.policy.queues) {
      if (wanted && !wanted.includes(name)) continue;
      // BullMQ's limiter counts jobs per queue across every worker, so the pace holds however many run.
      const limit = this.options.rateLimits?.[name] ?? rateLimit;
      const worker = new Worker<StageJob>(name, (bullJob) => this.process(handler, bullJob), {
        // Workers wait on Redis as long as it takes instead of failing a command.
        connection: this.connection({ maxRetriesPerRequest: null }),
        prefix: this.options.prefix,
        concurrency,
        ...(limit ? { limiter: { max: limit.max, duration: limit.durationMs } } : {}),
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 2,
        settings: { backoffStrategy: (attemptsMade, _type, error, bullJob) => this.retryDelayMs(attemptsMade, error, bullJob) },
      });
      worker.on('error', (error) => this.logger.warn({ queue: name, err: error }, 'worker error'));
      worker.on('stalled', (jobId) => this.logger.warn({ queue: name, jobId }, 'job stalled: its worker stopped; it runs again'));
      worker.on('failed', (bullJob, error) => {
        if (bullJob && bullJob.attemptsMade >= (bullJob.opts.attempts ?? 1)) {
          this.logger.error({ queue: name, jobId: bullJob.id, err: error }, 'job failed on its last attempt');
        }
      });
      this.workers.push(worker);
    }
  }

  async isQueued(job: StageJob): Promise<boolean> {
    const state = await this.queueOf(job).getJobState(this.jobIdOf(job));
    return LIVE_STATES.has(state);
  }

  async countJobs(): Promise<QueueDepth[]> {
    return Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'waiting-children');
        return {
          queue: name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
          delayed: counts.delayed ?? 0,
          active: counts.active ?? 0,
        };
      }),
    );
  }

  /**
   * Resolves when every queue of this prefix (all processes' work) has nothing waiting, delayed or
   * running, seen twice in a row: a job hands its successors over before it completes.
   */
  async whenIdle(): Promise<void> {
    const pollMs = this.options.idlePollMs ?? 100;
    let quietPolls = 0;
    while (!this.closed && quietPolls < 2) {
      const depths = await this.countJobs();
      const busy = depths.some((depth) => depth.waiting + depth.delayed + depth.active > 0);
      quietPolls = busy ? 0 : quietPolls + 1;
      if (quietPolls < 2) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Stops taking jobs, lets running ones finish (SIGTERM drains), then closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }

  /** The BullMQ queues of this installation, for the admin board. */
  bullQueues(): Queue<StageJob>[] {
    return [...this.queues.values()];
  }

  /** BullMQ refuses ':' in custom ids (its key separator): the catalog's `stage:subject` becomes `stage.subject`. */
  jobIdOf(job: StageJob): string {
    return this.policy.jobIdOf(job).replaceAll(':', '.');
  }

  private async process(handler: Handler, bullJob: Job<StageJob>): Promise<void> {
    const maxAttempts = bullJob.opts.attempts ?? this.policy.attemptsOf(bullJob.data.stage);
    await handler(bullJob.data, { attempt: bullJob.attemptsMade + 1, maxAttempts });
  }

  private retryDelayMs(attemptsMade: number, error: Error | undefined, bullJob: { data: unknown } | undefined): number {
    const stage = (bullJob?.data as StageJob | undefined)?.stage;
    const backoff = stage ? this.policy.backoffDelayMs(stage, attemptsMade + 1) : 1000;
    return error instanceof RateLimitedError ? Math.max(error.retryAfterMs, backoff) : backoff;
  }

  private queueOf(job: StageJob): Queue<StageJob> {
    const name = this.policy.queueOf(job.stage);
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Stage ${job.stage} names queue ${name}, which the catalog does not define`);
    return queue;
  }

  private connection(extra: { enableOfflineQueue?: boolean; maxRetriesPerRequest?: null }): ConnectionOptions {
    return { url: this.options.redisUrl, ...extra };
  }
}
