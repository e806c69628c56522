import { describe, expect, it } from 'vitest';
import { InProcessStageQueue } from '../../../src/adapters/queue/in-process-stage-queue.ts';
import { RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import type { StageJob } from '../../../src/contracts/stages.ts';
import { createQueuePolicy } from '../../../src/pipeline/catalog.ts';
import type { StageQueuePolicy } from '../../../src/ports/stage-queue.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const batchId = '00000000-0000-4000-8000-000000000000';
const photoJob = (n: number): StageJob => ({
  stage: 'ingest',
  payload: { batchId, photoId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the in-process stage queue', () => {
  it('runs no more jobs of a queue at once than the catalog allows', async () => {
    const queue = new InProcessStageQueue(createQueuePolicy(), silentLogger);
    let running = 0;
    let peak = 0;
    const release = deferred();
    queue.start(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await release.promise;
      running -= 1;
    });
    for (let n = 0; n < 25; n += 1) await queue.enqueue(photoJob(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(10);
    release.resolve();
    await queue.whenIdle();
    expect(peak).toBe(10);
    await queue.close();
  });

  it('does not add a job whose stage and subject are already waiting or running', async () => {
    const queue = new InProcessStageQueue(createQueuePolicy(), silentLogger);
    const seen: string[] = [];
    for (let n = 0; n < 3; n += 1) await queue.enqueue(photoJob(1));
    queue.start((job) => {
      seen.push(job.stage);
      return Promise.resolve();
    });
    await queue.whenIdle();
    expect(seen).toEqual(['ingest']);
    await queue.close();
  });

  it('retries a failing job with backoff until its attempts are spent', async () => {
    const queue = new InProcessStageQueue(createQueuePolicy({ backoffScale: 0.001 }), silentLogger);
    const attempts: number[] = [];
    queue.start((_job, context) => {
      attempts.push(context.attempt);
      return Promise.reject(new TransientError('TIMEOUT', 'the provider timed out'));
    });
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    expect(attempts).toEqual([1, 2, 3]);
    await queue.close();
  });

  it('waits at least the Retry-After of a rate-limited job', async () => {
    const policy: StageQueuePolicy = { ...createQueuePolicy(), backoffDelayMs: () => 0 };
    const queue = new InProcessStageQueue(policy, silentLogger);
    const startedAt: number[] = [];
    queue.start((_job, context) => {
      startedAt.push(performance.now());
      return context.attempt === 1 ? Promise.reject(new RateLimitedError('slow down', 120)) : Promise.resolve();
    });
    await queue.enqueue(photoJob(1));
    await queue.whenIdle();
    expect(startedAt).toHaveLength(2);
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(115);
    await queue.close();
  });

  it('holds jobs enqueued before start and runs them once started', async () => {
    const queue = new InProcessStageQueue(createQueuePolicy(), silentLogger);
    await queue.enqueue(photoJob(1));
    await queue.enqueue({ stage: 'segment', payload: { batchId } });
    const seen: string[] = [];
    queue.start((job) => {
      seen.push(job.stage);
      return Promise.resolve();
    });
    await queue.whenIdle();
    expect(seen.sort()).toEqual(['ingest', 'segment']);
    await queue.close();
  });

  it('on close, drops waiting jobs and lets running ones finish', async () => {
    const queue = new InProcessStageQueue(createQueuePolicy(), silentLogger);
    const release = deferred();
    const finished: number[] = [];
    queue.start(async (job) => {
      await release.promise;
      if (job.stage === 'ingest') finished.push(Number(job.payload.photoId.slice(-2)));
    });
    for (let n = 0; n < 12; n += 1) await queue.enqueue(photoJob(n));
    await new Promise((resolve) => setImmediate(resolve));
    const closing = queue.close();
    release.resolve();
    await closing;
    expect(finished).toHaveLength(10);
  });
});
