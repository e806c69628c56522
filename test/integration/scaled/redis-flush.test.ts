import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BullMqStageQueue } from '../../../src/adapters/queue/bullmq-stage-queue.ts';
import { createQueuePolicy } from '../../../src/pipeline/catalog.ts';
import { exampleBatchDir, readExampleBatchTruth } from '../../support/example-batch.ts';
import { redisUrl } from '../../support/postgres.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { deleteKeysUnder } from '../queue/redis-test-keys.ts';
import { hasScaledServers, ScaledInstallation } from './scaled-installation.ts';

/** Polls the queue's counts until `queue` holds `count` waiting jobs. */
async function waitForWaitingJobs(probe: BullMqStageQueue, queue: string, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await waitingOn(probe, queue)) < count) {
    if (Date.now() > deadline) throw new Error(`${queue} never held ${count} waiting jobs`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitingOn(probe: BullMqStageQueue, queue: string): Promise<number> {
  return (await probe.countJobs()).find((depth) => depth.queue === queue)?.waiting ?? 0;
}

describe.skipIf(!hasScaledServers)('Redis flushed in the middle of a batch', () => {
  let installation: ScaledInstallation | undefined;
  let probe: BullMqStageQueue | undefined;
  afterAll(async () => {
    await probe?.close();
    await installation?.dispose();
  });

  it('still completes the batch: the reconciler puts back what Redis forgot, and nothing runs twice', async () => {
    const truth = await readExampleBatchTruth();
    installation = await ScaledInstallation.open('flush');
    const api = await installation.openProcess();
    probe = new BullMqStageQueue(createQueuePolicy(), { redisUrl: redisUrl!, prefix: installation.prefix }, silentLogger);
    // No worker takes analyses yet: they pile up in Redis, to be lost there.
    const imageAndBulkWorker = await installation.openProcess({}, {
      WORKER_QUEUES: 'image-processing,bulk-processing',
      RECONCILE_INTERVAL_SECONDS: '0.5',
    });
    await imageAndBulkWorker.runtime.start();

    const { batches } = api.services;
    const batch = await batches.createBatch({ actor: 'test' });
    for (const fileName of (await readdir(exampleBatchDir)).sort()) {
      await batches.addPhoto(batch.id, { fileName, content: createReadStream(path.join(exampleBatchDir, fileName)) });
    }
    await batches.submit(batch.id, 'test');
    await waitForWaitingJobs(probe, 'ai-analysis', truth.items.length);

    const deleted = await deleteKeysUnder(redisUrl!, installation.prefix);
    expect(deleted).toBeGreaterThan(0);
    expect(await waitingOn(probe, 'ai-analysis')).toBe(0);

    const analysisWorker = await installation.openProcess({}, { WORKER_QUEUES: 'ai-analysis' });
    await analysisWorker.runtime.start();
    await api.runtime.whenIdle();

    const status = await batches.getStatus(batch.id);
    expect(status.status).toBe('completed');
    const items = await batches.listItems(batch.id);
    expect(items.items.map((item) => [item.sku, item.status])).toEqual(truth.items.map((item) => [item.sku, 'ready_for_review']));
    const runs = await api.repositories.stageRuns.listByBatch(batch.id);
    expect(runs.every((run) => run.status === 'succeeded' && run.attempts === 1)).toBe(true);
    expect(await api.repositories.deadLetters.list({ batchId: batch.id })).toEqual([]);
  }, 180_000);
});
