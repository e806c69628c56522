import { RateLimitedError } from '../../contracts/errors.ts';
import type { StageJob } from '../../contracts/stages.ts';
import type { Logger } from '../../ports/logger.ts';
import type { JobContext, QueueDepth, QueueRateLimit, StageQueue, StageQueuePolicy } from '../../ports/stage-queue.ts';

interface QueuedJob {
  id: string;
  job: StageJob;
  attempt: number;
}

interface Lane {
  concurrency: number;
  running: number;
  waiting: QueuedJob[];
  /** Jobs waiting out a backoff. */
  delayed: number;
  rateLimit: QueueRateLimit | null;
  /** When the jobs of the current rate-limit window started. */
  recentStarts: number[];
  /** Wakes the lane when the rate limit lets the next job start. */
  rateTimer: NodeJS.Timeout | null;
}

type Handler = (job: StageJob, context: JobContext) => Promise<void>;

/**
 * The embedded queue: one process, the catalog's lanes and concurrency, retries with
 * exponential backoff (or the error's Retry-After), and no job twice while it waits or runs.
 * Nothing is kept across restarts; the reconciler re-enqueues from the database.
 */
export class InProcessStageQueue implements StageQueue {
  private readonly lanes = new Map<string, Lane>();
  /** Jobs waiting, delayed or running, by id. */
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: Handler | null = null;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly runningTasks = new Set<Promise<void>>();

  constructor(
    private readonly policy: StageQueuePolicy,
    private readonly logger: Logger,
  ) {
    for (const queue of policy.queues) {
      this.lanes.set(queue.name, {
        concurrency: queue.concurrency,
        running: 0,
        waiting: [],
        delayed: 0,
        rateLimit: queue.rateLimit ?? null,
        recentStarts: [],
        rateTimer: null,
      });
    }
  }

  enqueue(job: StageJob, options: { delayMs?: number } = {}): Promise<void> {
    if (this.closed) return Promise.resolve();
    const id = this.policy.jobIdOf(job);
    if (this.known.has(id)) return Promise.resolve();
    this.known.add(id);
    this.schedule({ id, job, attempt: 1 }, options.delayMs ?? 0);
    return Promise.resolve();
  }

  start(handler: Handler): void {
    this.handler = handler;
    for (const lane of this.lanes.values()) this.pump(lane);
  }

  whenIdle(): Promise<void> {
    if (this.known.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  isQueued(job: StageJob): Promise<boolean> {
    return Promise.resolve(this.known.has(this.policy.jobIdOf(job)));
  }

  countJobs(): Promise<QueueDepth[]> {
    return Promise.resolve(
      [...this.lanes].map(([queue, lane]) => ({
        queue,
        waiting: lane.waiting.length,
        delayed: lane.delayed,
        active: lane.running,
      })),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const lane of this.lanes.values()) {
      if (lane.rateTimer) clearTimeout(lane.rateTimer);
      lane.rateTimer = null;
      for (const queued of lane.waiting) this.known.delete(queued.id);
      lane.waiting = [];
      lane.delayed = 0;
    }
    await Promise.allSettled([...this.runningTasks]);
  }

  private schedule(queued: QueuedJob, delayMs: number): void {
    const lane = this.laneOf(queued.job);
    if (delayMs <= 0) {
      lane.waiting.push(queued);
      this.pump(lane);
      return;
    }
    lane.delayed += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      lane.delayed -= 1;
      lane.waiting.push(queued);
      this.pump(lane);
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(lane: Lane): void {
    const handler = this.handler;
    if (!handler || this.closed) return;
    while (lane.running < lane.concurrency) {
      if (lane.waiting.length === 0 || !this.mayStart(lane)) return;
      const next = lane.waiting.shift();
      if (!next) return;
      lane.running += 1;
      const task = this.run(handler, next).finally(() => {
        lane.running -= 1;
        this.runningTasks.delete(task);
        this.pump(lane);
        this.notifyIfIdle();
      });
      this.runningTasks.add(task);
    }
  }

  /** Whether the lane's rate limit lets one more job start now; if not, wakes the lane when it will. */
  private mayStart(lane: Lane): boolean {
    const limit = lane.rateLimit;
    if (!limit) return true;
    const now = Date.now();
    lane.recentStarts = lane.recentStarts.filter((startedAt) => now - startedAt < limit.durationMs);
    if (lane.recentStarts.length < limit.max) {
      lane.recentStarts.push(now);
      return true;
    }
    if (!lane.rateTimer) {
      const oldest = lane.recentStarts[0] ?? now;
      lane.rateTimer = setTimeout(() => {
        lane.rateTimer = null;
        this.pump(lane);
      }, Math.max(1, oldest + limit.durationMs - now));
    }
    return false;
  }

  private async run(handler: Handler, queued: QueuedJob): Promise<void> {
    const maxAttempts = this.policy.attemptsOf(queued.job.stage);
    try {
      await handler(queued.job, { attempt: queued.attempt, maxAttempts });
      this.known.delete(queued.id);
    } catch (error) {
      if (this.closed || queued.attempt >= maxAttempts) {
        this.known.delete(queued.id);
        if (!this.closed) {
          this.logger.error({ jobId: queued.id, err: error }, 'job failed on its last attempt');
        }
        return;
      }
      const nextAttempt = queued.attempt + 1;
      const delayMs =
        error instanceof RateLimitedError
          ? Math.max(error.retryAfterMs, this.policy.backoffDelayMs(queued.job.stage, nextAttempt))
          : this.policy.backoffDelayMs(queued.job.stage, nextAttempt);
      this.schedule({ ...queued, attempt: nextAttempt }, delayMs);
    }
  }

  private laneOf(job: StageJob): Lane {
    const name = this.policy.queueOf(job.stage);
    const lane = this.lanes.get(name);
    if (!lane) throw new Error(`Stage ${job.stage} names queue ${name}, which the catalog does not define`);
    return lane;
  }

  private notifyIfIdle(): void {
    if (this.known.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
