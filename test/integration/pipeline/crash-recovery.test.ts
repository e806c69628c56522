import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container } from '../../../src/container.ts';
import type { StageName } from '../../../src/contracts/stages.ts';
import { stageHandlers, type StageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import type { StageRunRecord } from '../../../src/ports/repositories.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir, readExampleBatchTruth } from '../../support/example-batch.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

/**
 * Handlers that behave normally until the "power goes off": from then on every stage that starts
 * hangs forever, as if the process had died with those runs marked running and the rest waiting.
 */
function handlersThatDieAfter(stage: StageName, successes: number, onDeath: () => void): StageHandlers {
  let dead = false;
  let seen = 0;
  const wrap = <S extends StageName>(name: S): StageHandlers[S] =>
    (async (payload, ports) => {
      if (dead) return new Promise(() => undefined);
      const outcome = await (stageHandlers[name])(payload as never, ports);
      if (name === stage && ++seen >= successes) {
        dead = true;
        onDeath();
      }
      return outcome;
    }) as StageHandlers[S];
  return {
    ingest: wrap('ingest'),
    segment: wrap('segment'),
    analyse: wrap('analyse'),
    compose: wrap('compose'),
    price: wrap('price'),
    publish: wrap('publish'),
  };
}

const crashPoints: Array<{ when: string; stage: StageName; successes: number }> = [
  { when: 'mid-ingest', stage: 'ingest', successes: 6 },
  { when: 'mid-analysis', stage: 'analyse', successes: 1 },
];

describe.each(databaseEngines)('a batch interrupted by a crash, on $name', (engine) => {
  it.each(crashPoints)(
    'finishes after a restart $when, with no photo lost and no finished stage run again',
    async ({ stage, successes }) => {
      const truth = await readExampleBatchTruth();
      let died!: () => void;
      const death = new Promise<void>((resolve) => (died = resolve));
      const first = await openTestContainer(engine, {
        textRecognizer: new ScriptedTextRecognizer(),
        handlers: handlersThatDieAfter(stage, successes, () => died()),
      });
      const { batches } = first.container.services;
      const fileNames = (await readdir(exampleBatchDir)).sort();
      const batch = await batches.createBatch({ actor: 'test' });
      await first.container.runtime.start();
      for (const fileName of fileNames) {
        await batches.addPhoto(batch.id, { fileName, content: createReadStream(path.join(exampleBatchDir, fileName)) });
      }
      await batches.submit(batch.id, 'test');
      await death;
      // The first process is gone: its hung jobs are never settled and its queue is simply dropped.

      const runsAtCrash = await first.container.repositories.stageRuns.listByBatch(batch.id);
      expect(runsAtCrash.some((run) => run.status === 'running' || run.status === 'pending')).toBe(true);

      const second: Container = await createContainer(loadConfig({ EASYFLIP_DATA_DIR: first.dataDir, OCR_WORKERS: '1' }), {
        logger: silentLogger,
        database: { db: first.database.db, kind: engine.name },
        textRecognizer: new ScriptedTextRecognizer(),
        backoffScale: 0.001,
      });
      try {
        await second.runtime.start();
        await second.runtime.whenIdle();

        const status = await second.services.batches.getStatus(batch.id);
        expect(status.status).toBe('completed');
        expect(status.photos.total).toBe(fileNames.length);
        expect(status.photos.ingested).toBe(fileNames.length);

        const items = await second.services.batches.listItems(batch.id);
        expect(items.items.map((item) => item.sku)).toEqual(truth.items.map((item) => item.sku));
        expect(items.items.every((item) => item.status === 'ready_for_review')).toBe(true);
        expect(items.orphans.map((photo) => photo.originalName)).toEqual(truth.orphans);

        const runsAfter = await second.repositories.stageRuns.listByBatch(batch.id);
        expect(runsAfter).toHaveLength(fileNames.length + 1 + truth.items.length * 3);
        expect(runsAfter.every((run) => run.status === 'succeeded')).toBe(true);
        const succeededBefore = runsAtCrash.filter((run) => run.status === 'succeeded');
        expect(succeededBefore.length).toBeGreaterThan(0);
        const after = new Map(runsAfter.map((run) => [`${run.stage}:${run.subjectId}`, run] as const));
        for (const run of succeededBefore.filter((run) => run.stage !== 'analyse' || stage !== 'ingest')) {
          expectUntouched(run, after.get(`${run.stage}:${run.subjectId}`));
        }
        expect(await second.repositories.deadLetters.list({ batchId: batch.id })).toEqual([]);
      } finally {
        await second.close();
        await first.database.close();
      }
    },
    180_000,
  );
});

function expectUntouched(before: StageRunRecord, after: StageRunRecord | undefined): void {
  expect(after, `${before.stage} ${before.subjectId}`).toBeDefined();
  expect(after!.attempts).toBe(before.attempts);
  expect(after!.finishedAt?.getTime()).toBe(before.finishedAt?.getTime());
}
