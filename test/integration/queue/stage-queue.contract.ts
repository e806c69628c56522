import { afterEach, expect, it } from 'vitest';
import { RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import type { StageJob } from '../../../src/contracts/stages.ts';
import { createQueuePolicy } from '../../../src/pipeline/catalog.ts';
import type { StageQueue, StageQueuePolicy } from '../../../src/ports/stage-queue.ts';

export interface QueueUnderTest {
  queue: StageQueue;
  dispose(): Promise<void>;
}

export type OpenQueue = (policy: StageQueuePolicy) => Promise<QueueUnderTest>;

const batchId = '00000000-0000-4000-8000-000000000000';
export const photoJob = (n: number): StageJob => ({
  stage: 'ingest',
  payload: { batchId, photoId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A policy whose image queue runs three at once and whose retries wait a few milliseconds. */
function smallPolicy(overrides: Partial<StageQueuePolicy> = {}): StageQueuePolicy {
  const base = createQueuePolicy({ backoffScale: 0.01 });
  return {
    ...base,
    queues: base.queues.map((queue) => (queue.name === 'image-processing' ? { ...queue, concurrency: 3 } : queue)),
    ...overrides,
  };
}

/**
 * What every StageQueue adapter promises the pipeline: run from the catalog's lanes within their
 * concurrency, one job per stage and subject while it is queued, retries with backoff or the
 * error's Retry-After, and a truthful view of what is queued.
 */
export function describeStageQueueContract(open: OpenQueue): void {
  let opened: QueueUnderTest | null = null;
  async function openQueue(policy: StageQueuePolicy = smallPolicy()): Promise<StageQueue> {
    opened = await open(policy);
    return opened.queue;
  }
  afterEach(async () => {
    await opened?.dispose();
    opened = null;
  });

  it('runs no more jobs of a queue at once than its concurrency', async () => {
    const queue = await openQueue();
    let running = 0;
    let peak = 0;
    const release = deferred();
    queue.start(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await release.promise;
      running -= 1;
    });
    for (let n = 0; n < 8; n += 1) await queue.enqueue(photoJob(n));
    await waitFor(() => running === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running).toBe(3);
    release.resolve();
    await queue.whenIdle();
    expect(peak).toBe(3);
  });

  it('does not add a job whose stage and subject are already queued', async () => {
    const queue = await openQueue();
    for (let n = 0; n < 3; n += 1) await queue.enqueue(photoJob(1));
    const seen: StageJob[] = [];
    queue.start((job) => {
      seen.push(job);
      return Promise.resolve();
    });
    await queue.whenIdle();
    expect(seen).toEqual([photoJob(1)]);
  });

  it('runs a job again when it is enqueued after it finished (a retried dead letter)', async () => {
    const queue = await openQueue();
    let runs = 0;
    queue.start(() => {
      runs += 1;
      return Promise.resolve();
    });
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    expect(runs).toBe(2);
  });

  it('retries a failing job with the attempt number until its attempts are spent', async () => {
    const queue = await openQueue();
    const attempts: Array<[number, number]> = [];
    queue.start((_job, context) => {
      attempts.push([context.attempt, context.maxAttempts]);
      return Promise.reject(new TransientError('TIMEOUT', 'the provider timed out'));
    });
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    expect(attempts).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('waits at least the Retry-After of a rate-limited job', async () => {
    const queue = await openQueue(smallPolicy({ backoffDelayMs: () => 1 }));
    const startedAt: number[] = [];
    queue.start((_job, context) => {
      startedAt.push(performance.now());
      return context.attempt === 1 ? Promise.reject(new RateLimitedError('slow down', 300)) : Promise.resolve();
    });
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    expect(startedAt).toHaveLength(2);
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(290);
  });

  it('holds jobs enqueued before start, counts them, and runs them once started', async () => {
    const queue = await openQueue();
    await queue.enqueue(photoJob(1));
    await queue.enqueue(photoJob(2));
    await queue.enqueue({ stage: 'segment', payload: { batchId } });
    const depths = await queue.countJobs!();
    expect(depths.find((depth) => depth.queue === 'image-processing')).toMatchObject({ waiting: 2, active: 0 });
    expect(depths.find((depth) => depth.queue === 'bulk-processing')).toMatchObject({ waiting: 1, active: 0 });
    const seen: string[] = [];
    queue.start((job) => {
      seen.push(job.stage);
      return Promise.resolve();
    });
    await queue.whenIdle();
    expect(seen.sort()).toEqual(['ingest', 'ingest', 'segment']);
  });

  it('says a job is queued while it waits, runs or backs off, and not once it is done', async () => {
    const queue = await openQueue(smallPolicy({ backoffDelayMs: () => 400 }));
    const job = photoJob(7);
    expect(await queue.isQueued!(job)).toBe(false);
    await queue.enqueue(job);
    expect(await queue.isQueued!(job)).toBe(true);

    const running = deferred();
    const release = deferred();
    let tries = 0;
    queue.start(async () => {
      tries += 1;
      if (tries === 1) {
        running.resolve();
        await release.promise;
        throw new TransientError('TIMEOUT', 'first try times out');
      }
    });
    await running.promise;
    expect(await queue.isQueued!(job)).toBe(true);
    release.resolve();
    await waitFor(() => tries === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tries).toBe(1);
    expect(await queue.isQueued!(job)).toBe(true);
    await queue.whenIdle();
    expect(tries).toBe(2);
    expect(await queue.isQueued!(job)).toBe(false);
  });

  it('on close, lets running jobs finish', async () => {
    const queue = await openQueue();
    const release = deferred();
    const finished: string[] = [];
    let started = 0;
    queue.start(async (job) => {
      started += 1;
      await release.promise;
      finished.push(job.stage);
    });
    for (let n = 0; n < 3; n += 1) await queue.enqueue(photoJob(n));
    await waitFor(() => started === 3);
    const closing = queue.close();
    release.resolve();
    await closing;
    expect(finished).toHaveLength(3);
  });
}
