import { afterEach, describe, expect, it } from 'vitest';
import type { StageJob } from '../../../src/contracts/stages.ts';
import { jobIdOf } from '../../../src/pipeline/catalog.ts';
import { Orchestrator } from '../../../src/pipeline/orchestrator.ts';
import { reconcileUnfinishedWork, startPeriodicReconciler } from '../../../src/pipeline/reconciler.ts';
import type { Repositories } from '../../../src/ports/repositories.ts';
import type { StageQueue } from '../../../src/ports/stage-queue.ts';
import { databaseEngines, type TestDatabase } from '../../support/database.ts';
import { silentLogger } from '../../support/silent-logger.ts';

/** A queue that records what is enqueued and holds the jobs the test says it holds. */
class RecordingQueue implements StageQueue {
  readonly enqueued: string[] = [];
  readonly held = new Set<string>();
  private readonly waiters: Array<{ id: string; resolve: () => void }> = [];

  enqueue(job: StageJob): Promise<void> {
    const id = jobIdOf(job);
    this.enqueued.push(id);
    for (const waiter of this.waiters.filter((candidate) => candidate.id === id)) waiter.resolve();
    return Promise.resolve();
  }
  isQueued(job: StageJob): Promise<boolean> {
    return Promise.resolve(this.held.has(jobIdOf(job)));
  }
  whenEnqueued(id: string): Promise<void> {
    if (this.enqueued.includes(id)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ id, resolve }));
  }
  start(): void {}
  whenIdle(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe.each(databaseEngines)('the reconciler on $name', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  /** A batch with three photos whose ingest runs are pending, running and failed. */
  async function seedUnfinishedIngests(repositories: Repositories): Promise<{ pending: string; running: string; failed: string }> {
    const account = await repositories.accounts.ensureDefault();
    const batch = await repositories.batches.create({ accountId: account.id, name: 'reconcile' });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { photo } = await repositories.photos.addReceived({
        batchId: batch.id,
        originalName: `IMG_${n}.jpg`,
        sha256: String(n).repeat(64),
        bytes: 10,
        originalKey: `originals/${n}`,
      });
      await repositories.stageRuns.ensure({ stage: 'ingest', subjectId: photo.id, batchId: batch.id, photoId: photo.id });
      ids.push(photo.id);
    }
    const [pending, running, failed] = ids as [string, string, string];
    await repositories.stageRuns.start('ingest', running);
    await repositories.stageRuns.start('ingest', failed);
    await repositories.stageRuns.fail('ingest', failed, 'timed out');
    return { pending: `ingest:${pending}`, running: `ingest:${running}`, failed: `ingest:${failed}` };
  }

  it('re-enqueues every unfinished run whose job is gone, and leaves queued jobs alone', async () => {
    database = await engine.open();
    const { repositories } = database;
    const runs = await seedUnfinishedIngests(repositories);
    const queue = new RecordingQueue();
    queue.held.add(runs.failed);
    const deps = { repositories, orchestrator: new Orchestrator(repositories), queue, logger: silentLogger };

    expect(await reconcileUnfinishedWork(deps)).toEqual({ requeued: 2 });
    expect(queue.enqueued.sort()).toEqual([runs.pending, runs.running].sort());
  });

  it('gives a running run whose job is gone a grace period, since a worker elsewhere may still be on it', async () => {
    database = await engine.open();
    const { repositories } = database;
    const runs = await seedUnfinishedIngests(repositories);
    const queue = new RecordingQueue();
    const deps = { repositories, orchestrator: new Orchestrator(repositories), queue, logger: silentLogger };

    await reconcileUnfinishedWork(deps, { runningGraceMs: 60_000 });
    expect(queue.enqueued.sort()).toEqual([runs.pending, runs.failed].sort());

    queue.enqueued.length = 0;
    await reconcileUnfinishedWork(deps, { runningGraceMs: 60_000, now: () => Date.now() + 61_000 });
    expect(queue.enqueued).toContain(runs.running);
  });

  it('runs again and again on its interval until stopped', async () => {
    database = await engine.open();
    const { repositories } = database;
    const runs = await seedUnfinishedIngests(repositories);
    const queue = new RecordingQueue();
    for (const id of Object.values(runs)) queue.held.add(id);
    const deps = { repositories, orchestrator: new Orchestrator(repositories), queue, logger: silentLogger };
    const periodic = startPeriodicReconciler(deps, { intervalMs: 25 });
    try {
      // The queue loses the pending job (a flushed Redis): a later round puts it back.
      queue.held.delete(runs.pending);
      await queue.whenEnqueued(runs.pending);
      expect(queue.enqueued.filter((id) => id !== runs.pending)).toEqual([]);
    } finally {
      await periodic.stop();
    }
    const count = queue.enqueued.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(queue.enqueued.length).toBe(count);
  });
});
