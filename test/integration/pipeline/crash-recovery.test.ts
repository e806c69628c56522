import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container } from '../../../src/container.ts';
import type { StageName } from '../../../src/contracts/stages.ts';
import { stageHandlers, type StageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import type { Repositories, StageRunRecord } from '../../../src/ports/repositories.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir, readExampleBatchTruth } from '../../support/example-batch.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * A process that can die: once `kill()` is called, every database call it makes and every stage
 * it starts hangs forever, as if the process had stopped at that instant with some runs marked
 * running and the rest waiting. Nothing of it reaches the database after its death.
 */
function createMortalProcess(stage: StageName, successes: number, onDeath: () => void) {
  let dead = false;
  let seen = 0;
  const kill = (): void => {
    dead = true;
    onDeath();
  };
  const wrap = <S extends StageName>(name: S): StageHandlers[S] =>
    (async (payload, ports) => {
      if (dead) return never();
      const outcome = await (stageHandlers[name])(payload as never, ports);
      // Dies after the stage did its work but before it could record it: the harshest moment.
      if (name === stage && ++seen >= successes) kill();
      return dead ? never() : outcome;
    }) as StageHandlers[S];
  const handlers: StageHandlers = {
    ingest: wrap('ingest'),
    segment: wrap('segment'),
    analyse: wrap('analyse'),
    compose: wrap('compose'),
    price: wrap('price'),
    publish: wrap('publish'),
  };
  const decorateRepositories = (repositories: Repositories): Repositories =>
    Object.fromEntries(
      Object.entries(repositories).map(([name, repository]) => [
        name,
        new Proxy(repository as object, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => (dead ? never() : (value as (...a: unknown[]) => unknown).apply(target, args));
          },
        }),
      ]),
    ) as unknown as Repositories;
  return { handlers, decorateRepositories };
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
      const mortal = createMortalProcess(stage, successes, () => died());
      const first = await openTestContainer(engine, {
        textRecognizer: new ScriptedTextRecognizer(),
        handlers: mortal.handlers,
        decorateRepositories: mortal.decorateRepositories,
      });
      const { batches } = first.container.services;
      const fileNames = (await readdir(exampleBatchDir)).sort();
      const batch = await batches.createBatch({ actor: 'test' });
      for (const fileName of fileNames) {
        await batches.addPhoto(batch.id, { fileName, content: createReadStream(path.join(exampleBatchDir, fileName)) });
      }
      await batches.submit(batch.id, 'test');
      await first.container.runtime.start();
      await death;
      // The first process is gone: its hung jobs are never settled and its queue is simply dropped.

      const runsAtCrash = await first.database.repositories.stageRuns.listByBatch(batch.id);
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
        for (const run of succeededBefore) {
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
