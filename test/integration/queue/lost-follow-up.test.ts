import { createReadStream } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessStageQueue } from '../../../src/adapters/queue/in-process-stage-queue.ts';
import { TransientError } from '../../../src/contracts/errors.ts';
import type { StageJob } from '../../../src/contracts/stages.ts';
import { createQueuePolicy } from '../../../src/pipeline/catalog.ts';
import type { JobContext, StageQueue } from '../../../src/ports/stage-queue.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const TWO_ITEMS = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg', 'IMG_0007.jpg', 'IMG_0008.jpg', 'IMG_0010.jpg'];
const [pglite] = databaseEngines;

/** The in-process queue, except that it refuses the first compose job offered, as a Redis away for a moment would. */
class QueueThatDropsOneCompose implements StageQueue {
  refused = 0;
  private readonly inner = new InProcessStageQueue(createQueuePolicy({ backoffScale: 0.001 }), silentLogger);

  enqueue(job: StageJob, options?: { delayMs?: number }): Promise<void> {
    if (job.stage === 'compose' && this.refused === 0) {
      this.refused += 1;
      return Promise.reject(new TransientError('PROVIDER_UNAVAILABLE', 'Redis is away'));
    }
    return this.inner.enqueue(job, options);
  }
  start(handler: (job: StageJob, context: JobContext) => Promise<void>): void {
    this.inner.start(handler);
  }
  whenIdle(): Promise<void> {
    return this.inner.whenIdle();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  isQueued(job: StageJob): Promise<boolean> {
    return this.inner.isQueued(job);
  }
}

describe('a follow-up job the queue would not take', () => {
  let harness: TestContainer | undefined;
  afterEach(async () => {
    await harness?.dispose();
  });

  it('leaves the finished stage finished, and the periodic reconciler enqueues the next one', async () => {
    const queue = new QueueThatDropsOneCompose();
    harness = await openTestContainer(pglite!, { textRecognizer: new ScriptedTextRecognizer(), queue }, { RECONCILE_INTERVAL_SECONDS: '0.2' });
    const { batches } = harness.container.services;
    const batch = await batches.createBatch({ actor: 'test' });
    await harness.container.runtime.start();
    for (const name of TWO_ITEMS) {
      await batches.addPhoto(batch.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
    }
    await batches.submit(batch.id, 'test');

    const deadline = Date.now() + 60_000;
    while ((await batches.getStatus(batch.id)).status !== 'completed' && Date.now() < deadline) {
      await harness.container.runtime.whenIdle();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(queue.refused).toBe(1);
    expect((await batches.getStatus(batch.id)).status).toBe('completed');
    const runs = await harness.container.repositories.stageRuns.listByBatch(batch.id);
    expect(runs.every((run) => run.status === 'succeeded' && run.attempts === 1)).toBe(true);
  }, 90_000);
});
