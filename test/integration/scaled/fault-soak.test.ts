import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../../src/adapters/db/database.ts';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container } from '../../../src/container.ts';
import { FlakyProvider } from '../../fakes/flaky-provider.ts';
import { postgresUrl, redisUrl } from '../../support/postgres.ts';
import { claimRedisDatabase, type ClaimedRedisDatabase } from '../../support/redis-database.ts';
import { repoRoot } from '../../support/shared-data.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { requireRedisDriver, uniquePrefix } from '../queue/redis-test-keys.ts';
import { hasScaledServers } from './scaled-installation.ts';
import { createEffectLedger, SOAK_PHOTOS_PER_ITEM } from './soak-handlers.ts';

/** 40 items keep a developer's run short; SOAK_ITEMS=200 (CI) runs the full soak, about a minute more. */
const ITEMS = Number(process.env.SOAK_ITEMS ?? '40');
const FAILURE_SHARE = 0.3;
const workerScript = path.join(repoRoot, 'test/integration/scaled/soak-worker.ts');
/** Generous bounds for a loaded 2-core machine; the soak normally finishes far sooner. */
const phaseTimeoutMs = 60_000 + ITEMS * 1_000;

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** Jobs this worker took over from a dead one, as its log says. */
  stalledSeen: number;
}

/** Starts a worker process and resolves once it takes jobs; `started` holds it from the first moment, for cleanup. */
function startWorker(name: string, env: Record<string, string>, started: WorkerProcess[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should the test runner itself die, the workers go with it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const worker: WorkerProcess = { name, child, exited, stalledSeen: 0 };
  started.push(worker);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let pending = '';
    child.once('error', reject);
    void exited.then(() => reject(new Error(`soak worker ${name} exited before it was ready: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve(worker);
        else if (line.includes('job stalled')) worker.stalledSeen += 1;
      }
    });
  });
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const drained = await Promise.race([worker.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
  if (!drained) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!hasScaledServers)('the fault soak: two worker processes, flaky providers, a SIGKILL and a flushed Redis', () => {
  const workers: WorkerProcess[] = [];
  let provider: FlakyProvider | undefined;
  let redis: ClaimedRedisDatabase | undefined;
  let database: OpenedDatabase | undefined;
  let api: Container | undefined;
  let schema = '';
  let dataDir = '';

  // Every step guarded: a run that failed half-way leaves no process, key, schema or folder behind.
  afterAll(async () => {
    const steps: Array<() => Promise<unknown>> = [
      () => Promise.all(workers.map(stopWorker)),
      async () => api?.close(),
      async () => provider?.close(),
      async () => {
        if (database && schema) await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
      },
      async () => database?.close(),
      async () => redis?.release(),
      async () => {
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    ];
    for (const step of steps) await step().catch((error: unknown) => console.error('soak cleanup:', error));
  }, 60_000);

  it(
    `${ITEMS} items (${ITEMS * SOAK_PHOTOS_PER_ITEM} photos) end ready for review or dead-lettered with a reason; no photo lost, no side effect applied twice`,
    async () => {
      requireRedisDriver();
      redis = await claimRedisDatabase(redisUrl!);
      provider = await FlakyProvider.start({ failureShare: FAILURE_SHARE, seed: 20_240_601, hangMs: 2_000, retryAfterSeconds: 1 });
      schema = `soak_${randomBytes(6).toString('hex')}`;
      const prefix = uniquePrefix('soak');
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-soak-'));
      database = await openDatabase({ databaseUrl: postgresUrl!, schema });
      await migrateToLatest(database.db);
      await createEffectLedger(database.db);
      const db = database.db;
      const workerEnv = {
        DATABASE_URL: postgresUrl!,
        REDIS_URL: redis.url,
        SOAK_SCHEMA: schema,
        SOAK_PREFIX: prefix,
        SOAK_DATA_DIR: dataDir,
        SOAK_PROVIDER_URL: provider.url,
        SOAK_PROVIDER_TIMEOUT_MS: '300',
      };
      api = await createContainer(
        loadConfig({ EASYFLIP_DATA_DIR: dataDir, REDIS_URL: redis.url, QUEUE_MODE: 'bullmq', QUEUE_PREFIX: prefix, OCR_WORKERS: '1', METRICS_ENABLED: 'false' }),
        { logger: silentLogger, database: { db, kind: 'postgres' } },
      );
      await Promise.all([startWorker('first', workerEnv, workers), startWorker('second', workerEnv, workers)]);
      const settledAnalyses = async (): Promise<number> => {
        const result = await sql<{ count: string }>`
          select count(*) as count from stage_runs where stage = 'analyse' and status in ('succeeded', 'dead')`.execute(db);
        return Number(result.rows[0]?.count ?? 0);
      };

      const startedAt = Date.now();
      const { batches } = api.services;
      const batch = await batches.createBatch({ actor: 'soak' });
      const uploaded: string[] = [];
      for (let n = 0; n < ITEMS * SOAK_PHOTOS_PER_ITEM; n += 1) {
        const { photo } = await batches.addPhoto(batch.id, { fileName: `IMG_${n}.jpg`, content: randomBytes(256) });
        uploaded.push(photo.id);
      }
      await batches.submit(batch.id, 'soak');

      await waitUntil(async () => (await settledAnalyses()) >= ITEMS / 4, phaseTimeoutMs, 'a quarter of the analyses');
      const killed = workers[0]!;
      killed.child.kill('SIGKILL');
      await killed.exited;
      await startWorker('restarted', workerEnv, workers);

      await waitUntil(async () => (await settledAnalyses()) >= ITEMS / 2, phaseTimeoutMs, 'half of the analyses');
      const flushedKeys = await redis.flush();

      await waitUntil(async () => (await batches.getStatus(batch.id)).status === 'completed', phaseTimeoutMs, 'the batch to complete');
      const elapsedSeconds = (Date.now() - startedAt) / 1000;

      const items = await api.repositories.items.listByBatch(batch.id);
      const letters = await api.repositories.deadLetters.list({ batchId: batch.id });
      const runs = await api.repositories.stageRuns.listByBatch(batch.id);
      const photos = await api.repositories.photos.listByBatch(batch.id);
      const effects = await sql<{ stage: string; subject_id: string; count: string }>`
        select stage, subject_id, count(*) as count from soak_effects group by stage, subject_id`.execute(db);
      const resumed = await sql<{ count: string }>`select count(*) as count from soak_resumed`.execute(db);
      const doubled = effects.rows.filter((row) => Number(row.count) > 1);

      const ready = items.filter((item) => item.status === 'ready_for_review');
      const failed = items.filter((item) => item.status === 'failed');
      const lettersByStage: Record<string, number> = {};
      for (const letter of letters) lettersByStage[letter.stage] = (lettersByStage[letter.stage] ?? 0) + 1;
      const calls = provider.tally();
      console.log(
        [
          `fault soak: ${ITEMS} items, ${uploaded.length} photos, ${FAILURE_SHARE * 100}% of provider calls failing, ${elapsedSeconds.toFixed(1)} s`,
          `  provider calls: ${calls.ok} answered, ${calls.serverErrors} HTTP 500, ${calls.timeouts} timeouts, ${calls.rateLimited} HTTP 429`,
          `  items: ${ready.length} ready for review (drafted), ${failed.length} failed; dead letters ${letters.length} ${JSON.stringify(lettersByStage)}`,
          `  retries ${runs.reduce((sum, run) => sum + Math.max(0, run.attempts - 1), 0)}; worker killed with SIGKILL, jobs taken over after it ${workers.reduce((sum, worker) => sum + worker.stalledSeen, 0)}`,
          `  Redis database ${redis.index} flushed (${flushedKeys} keys); effects found done on a rerun ${resumed.rows[0]?.count ?? 0}; effects applied twice ${doubled.length}`,
        ].join('\n'),
      );

      // Every item drafted for review, or failed with the dead letter that says why.
      expect(items).toHaveLength(ITEMS);
      expect(ready.length + failed.length).toBe(ITEMS);
      const lettersBySubject = new Map(letters.map((letter) => [letter.subjectId, letter]));
      for (const item of failed) {
        expect(item.statusReason).toBeTruthy();
        expect(lettersBySubject.get(item.id)?.reason).toBeTruthy();
      }
      for (const letter of letters) {
        expect(letter.reason).toBeTruthy();
        expect(letter.payload).toBeTruthy();
      }
      // No photo lost: every upload is in an item, and ingested or dead-lettered with a reason.
      expect(photos.map((photo) => photo.id).sort()).toEqual([...uploaded].sort());
      expect(photos.every((photo) => photo.itemId !== null)).toBe(true);
      const ingested = new Set(runs.filter((run) => run.stage === 'ingest' && run.status === 'succeeded').map((run) => run.subjectId));
      for (const photoId of uploaded) expect(ingested.has(photoId) || lettersBySubject.has(photoId)).toBe(true);
      // Nothing left half done, and no side effect applied twice.
      expect(runs.every((run) => run.status === 'succeeded' || run.status === 'dead')).toBe(true);
      expect(doubled).toEqual([]);
      const applied = new Set(effects.rows.map((row) => `${row.stage} ${row.subject_id}`));
      for (const run of runs.filter((candidate) => candidate.status === 'succeeded')) {
        expect(applied.has(`${run.stage} ${run.subjectId}`)).toBe(true);
      }
    },
    4 * phaseTimeoutMs,
  );
});
