import { createReadStream } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../../src/contracts/errors.ts';
import type { ItemStagePayload } from '../../../src/contracts/stages.ts';
import { stageCatalog } from '../../../src/pipeline/catalog.ts';
import { stageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import type { StagePorts } from '../../../src/pipeline/stages/stage-ports.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

/** Two items of the sample batch: labels EF-10234 and EF-10235 with their photos. */
const TWO_ITEMS = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg', 'IMG_0007.jpg', 'IMG_0008.jpg', 'IMG_0010.jpg'];

describe.each(databaseEngines)('retries and dead letters on $name', (engine) => {
  let harness: TestContainer | undefined;
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });

  async function runTwoItemsFailingAnalysisOf(sku: string, error: () => Error): Promise<{ attemptsOfFailing: number }> {
    let attemptsOfFailing = 0;
    const failingAnalyse = async (payload: ItemStagePayload, ports: StagePorts) => {
      const item = await ports.repositories.items.get(payload.itemId);
      if (item?.sku === sku) {
        attemptsOfFailing += 1;
        throw error();
      }
      return stageHandlers.analyse(payload, ports);
    };
    harness = await openTestContainer(engine, {
      textRecognizer: new ScriptedTextRecognizer(),
      handlers: { analyse: failingAnalyse },
    });
    const { batches } = harness.container.services;
    const batch = await batches.createBatch({ actor: 'test' });
    await harness.container.runtime.start();
    for (const name of TWO_ITEMS) {
      await batches.addPhoto(batch.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
    }
    await batches.submit(batch.id, 'test');
    await harness.container.runtime.whenIdle();
    return { attemptsOfFailing };
  }

  it('retries a transient failure the catalog number of times, then dead-letters it with the reason', async () => {
    const { attemptsOfFailing } = await runTwoItemsFailingAnalysisOf(
      'EF-10235',
      () => new TransientError('TIMEOUT', 'The OCR service did not answer within 30 s.'),
    );
    expect(attemptsOfFailing).toBe(stageCatalog.analyse.attempts);
    const { repositories, services } = harness!.container;
    const [letter, ...others] = await repositories.deadLetters.list();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ stage: 'analyse', errorCode: 'TIMEOUT', reason: 'The OCR service did not answer within 30 s.' });
    const batchId = letter!.batchId;
    const { items } = await services.batches.listItems(batchId);
    expect(items.map((item) => [item.sku, item.status])).toEqual([
      ['EF-10234', 'ready_for_review'],
      ['EF-10235', 'failed'],
    ]);
    expect(items[1]!.statusReason).toBe('The OCR service did not answer within 30 s.');
    expect((await services.batches.getStatus(batchId)).status).toBe('completed');
  });

  it('dead-letters a permanent failure at once, without retrying it', async () => {
    const { attemptsOfFailing } = await runTwoItemsFailingAnalysisOf(
      'EF-10234',
      () => new PermanentError('VALIDATION_FAILED', 'The item has no photo that shows it.'),
    );
    expect(attemptsOfFailing).toBe(1);
    const [letter] = await harness!.container.repositories.deadLetters.list();
    expect(letter).toMatchObject({ stage: 'analyse', errorCode: 'VALIDATION_FAILED' });
    const runs = await harness!.container.repositories.stageRuns.listByBatch(letter!.batchId);
    expect(runs.find((run) => run.subjectId === letter!.subjectId && run.stage === 'analyse')).toMatchObject({
      status: 'dead',
      attempts: 1,
    });
    expect(runs.filter((run) => run.subjectId === letter!.subjectId).map((run) => run.stage)).toEqual(['analyse']);
  });

  it('gives an unexpected error (a bug) the retries too, and records it as internal', async () => {
    await runTwoItemsFailingAnalysisOf('EF-10234', () => new TypeError("Cannot read properties of undefined (reading 'x')"));
    const [letter] = await harness!.container.repositories.deadLetters.list();
    expect(letter).toMatchObject({ errorCode: 'INTERNAL', reason: expect.stringContaining('Cannot read properties') });
  });
});
