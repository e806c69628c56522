import { describe, expect, it } from 'vitest';
import { BullMqStageQueue } from '../../../src/adapters/queue/bullmq-stage-queue.ts';
import { InProcessStageQueue } from '../../../src/adapters/queue/in-process-stage-queue.ts';
import { createQueuePolicy, queueCatalog } from '../../../src/pipeline/catalog.ts';
import type { StageQueue, StageQueuePolicy } from '../../../src/ports/stage-queue.ts';
import { redisUrl } from '../../support/postgres.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { deleteKeysUnder, requireRedisDriver, uniquePrefix } from './redis-test-keys.ts';
import { photoJob } from './stage-queue.contract.ts';

const LIMIT = { max: 2, durationMs: 600 };
const JOBS = 6;

/** The catalog with a rate limit on the image queue, short enough for a test. */
function limitedPolicy(): StageQueuePolicy {
  const base = createQueuePolicy();
  return { ...base, queues: base.queues.map((queue) => (queue.name === 'image-processing' ? { ...queue, rateLimit: LIMIT } : queue)) };
}

/** Starts JOBS jobs and returns when each started, in order. */
async function startTimes(queue: StageQueue): Promise<number[]> {
  const started: number[] = [];
  queue.start(() => {
    started.push(Date.now());
    return Promise.resolve();
  });
  for (let n = 0; n < JOBS; n += 1) await queue.enqueue(photoJob(n));
  await queue.whenIdle();
  return started.sort((a, b) => a - b);
}

/** No window of the limit's length saw more than `max` starts: start i and start i+max lie a window apart. */
function expectPaced(started: number[]): void {
  expect(started).toHaveLength(JOBS);
  // A few milliseconds of slack: Redis and Node read different clocks.
  for (let i = 0; i + LIMIT.max < started.length; i += 1) expect(started[i + LIMIT.max]! - started[i]!).toBeGreaterThanOrEqual(LIMIT.durationMs - 50);
}

describe('the rate limit of a catalog queue', () => {
  it('is set in the catalog for the eBay queue', () => {
    expect(queueCatalog['ebay-listing'].rateLimit).toEqual({ max: 5, durationMs: 1000 });
    expect(createQueuePolicy().queues.find((queue) => queue.name === 'ebay-listing')?.rateLimit).toEqual({ max: 5, durationMs: 1000 });
  });

  it('paces the in-process queue', async () => {
    const queue = new InProcessStageQueue(limitedPolicy(), silentLogger);
    try {
      expectPaced(await startTimes(queue));
    } finally {
      await queue.close();
    }
  });

  it.skipIf(!redisUrl)('paces the BullMQ queue', async () => {
    requireRedisDriver();
    const prefix = uniquePrefix('rate-limit');
    const queue = new BullMqStageQueue(limitedPolicy(), { redisUrl: redisUrl!, prefix, idlePollMs: 20 }, silentLogger);
    try {
      expectPaced(await startTimes(queue));
    } finally {
      await queue.close();
      await deleteKeysUnder(redisUrl!, prefix);
    }
  });
});
