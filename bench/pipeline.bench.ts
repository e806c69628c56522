/**
 * Pipeline throughput with the vision step as the bottleneck: N items whose analysis takes a fixed
 * time, in the embedded mode (in-process queue, PGlite) and, when DATABASE_URL and REDIS_URL are
 * set, in the scaled mode (BullMQ, PostgreSQL, the API here and two worker processes). Prints the
 * time from the submit to the last item ready against the bound latency × ⌈items / analysis slots⌉
 * as an efficiency ratio (segmentation needs the whole batch, so no analysis can start before the
 * submit; the same ratio with the uploads counted follows), per-item latency from upload to ready
 * for review, and the queue's own cost per job.
 *
 *   npm run bench:pipeline -- [--items 50] [--latency-ms 2000] [--jobs 1000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../src/adapters/db/database.ts';
import { BullMqStageQueue } from '../src/adapters/queue/bullmq-stage-queue.ts';
import { InProcessStageQueue } from '../src/adapters/queue/in-process-stage-queue.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createContainer, type Container } from '../src/container.ts';
import type { StageJob } from '../src/contracts/stages.ts';
import { createQueuePolicy, queueCatalog } from '../src/pipeline/catalog.ts';
import type { StageQueue } from '../src/ports/stage-queue.ts';
import { deleteKeysUnder } from '../test/integration/queue/redis-test-keys.ts';
import { createTimedAnalysisHandlers } from '../test/support/synthetic-pipeline.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '50' },
    'latency-ms': { type: 'string', default: '2000' },
    jobs: { type: 'string', default: '1000' },
  },
});
const ITEMS = Number(args.items);
const LATENCY_MS = Number(args['latency-ms']);
const NO_OP_JOBS = Number(args.jobs);
const PHOTOS_PER_ITEM = 3;
const silent = pino({ level: 'silent' });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Stages that cost nothing but the analysis, three photos to an item: the vision fake answers after a fixed latency. */
const benchHandlers = createTimedAnalysisHandlers({ photosPerItem: PHOTOS_PER_ITEM, analyseLatencyMs: LATENCY_MS });

interface RunFigures {
  /** latency × items / (analysis concurrency × workers): the time the analyses alone need. */
  boundMs: number;
  /** Milliseconds from the first upload to each point of the run. */
  submittedMs: number;
  segmentedMs: number;
  firstAnalysisMs: number;
  lastAnalysisMs: number;
  lastReadyMs: number;
  itemLatenciesMs: number[];
  /** Mean time an analysis run held its slot (marked running to succeeded, as the database has it). */
  analysisRunMs: number;
  /** Mean time a slot stood between one analysis's end and the next one's start. */
  analysisGapMs: number;
}

/** Uploads N items' photos through the installation's API, lets its workers run them, and times every item to review. */
async function runBatch({ api, workerCount }: Installation): Promise<RunFigures> {
  const readyAt = new Map<string, number>();
  let segmentedAt = Number.NaN;
  let firstAnalysisAt = Number.NaN;
  let lastAnalysisAt = Number.NaN;
  const unsubscribe = api.events.subscribe((event) => {
    const at = performance.now();
    if (event.stage === 'segment' && event.status === 'succeeded') segmentedAt = at;
    if (event.stage === 'analyse' && event.status === 'running' && Number.isNaN(firstAnalysisAt)) firstAnalysisAt = at;
    if (event.stage === 'analyse' && event.status === 'succeeded') lastAnalysisAt = at;
    if (event.stage === 'price' && event.status === 'succeeded') readyAt.set(event.subjectId, at);
  });
  const { batches } = api.services;
  const batch = await batches.createBatch({ actor: 'bench' });
  const uploadedAt = new Map<string, number>();
  const startedAt = performance.now();
  for (let n = 0; n < ITEMS * PHOTOS_PER_ITEM; n += 1) {
    const { photo } = await batches.addPhoto(batch.id, { fileName: `IMG_${n}.jpg`, content: randomBytes(64) });
    uploadedAt.set(photo.id, performance.now());
  }
  const submittedAt = performance.now();
  await batches.submit(batch.id, 'bench');
  await api.runtime.whenIdle();
  // Events cross Redis in the scaled mode: the last ones may still be on their way.
  const deadline = performance.now() + 5000;
  while (readyAt.size < ITEMS && performance.now() < deadline) await sleep(20);
  unsubscribe();

  const status = await batches.getStatus(batch.id);
  if (status.status !== 'completed') throw new Error(`the batch ended ${status.status}`);
  const { items } = await batches.listItems(batch.id);
  const itemLatenciesMs = items.map((item) => {
    const firstUpload = Math.min(...item.photos.map((photo) => uploadedAt.get(photo.id) ?? Infinity));
    return (readyAt.get(item.id) ?? Number.NaN) - firstUpload;
  });
  const analysisSlots = queueCatalog['ai-analysis'].concurrency * workerCount;
  const analyses = (await api.repositories.stageRuns.listByBatch(batch.id)).filter((run) => run.stage === 'analyse');
  const spans = analyses.map((run) => ({ start: run.startedAt?.getTime() ?? Number.NaN, end: run.finishedAt?.getTime() ?? Number.NaN }));
  const analysisRunMs = spans.reduce((sum, span) => sum + span.end - span.start, 0) / spans.length;
  const busyFromMs = Math.min(...spans.map((span) => span.start));
  const busyToMs = Math.max(...spans.map((span) => span.end));
  const rounds = Math.ceil(ITEMS / analysisSlots);
  return {
    analysisRunMs,
    analysisGapMs: rounds > 1 ? (busyToMs - busyFromMs - rounds * analysisRunMs) / (rounds - 1) : 0,
    boundMs: LATENCY_MS * Math.ceil(ITEMS / analysisSlots),
    submittedMs: submittedAt - startedAt,
    segmentedMs: segmentedAt - startedAt,
    firstAnalysisMs: firstAnalysisAt - startedAt,
    lastAnalysisMs: lastAnalysisAt - startedAt,
    lastReadyMs: Math.max(...readyAt.values()) - startedAt,
    itemLatenciesMs,
  };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

function printRun(mode: string, workers: number, figures: RunFigures): void {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const processingMs = figures.lastReadyMs - figures.submittedMs;
  const slots = queueCatalog['ai-analysis'].concurrency * workers;
  console.log(`${mode}: ${ITEMS} items (${ITEMS * PHOTOS_PER_ITEM} photos), analysis ${LATENCY_MS} ms each, ${slots} analyses at once`);
  console.log(
    `  submit → last item ready ${seconds(processingMs)}, bound ${seconds(figures.boundMs)}: efficiency ${(figures.boundMs / processingMs).toFixed(3)}`,
  );
  console.log(
    `  first upload → last item ready ${seconds(figures.lastReadyMs)} (uploads ${seconds(figures.submittedMs)} + bound): efficiency ${((figures.submittedMs + figures.boundMs) / figures.lastReadyMs).toFixed(3)}`,
  );
  console.log(
    `  after the submit: segmented +${seconds(figures.segmentedMs - figures.submittedMs)}, first analysis +${seconds(figures.firstAnalysisMs - figures.submittedMs)}, ` +
      `last analysis +${seconds(figures.lastAnalysisMs - figures.submittedMs)}, last ready +${seconds(processingMs)}`,
  );
  console.log(
    `  an analysis holds its slot ${figures.analysisRunMs.toFixed(0)} ms (latency ${LATENCY_MS} ms), and the slot stands ${figures.analysisGapMs.toFixed(0)} ms before the next`,
  );
  console.log(
    `  upload → ready for review per item: p50 ${seconds(percentile(figures.itemLatenciesMs, 0.5))}, p95 ${seconds(percentile(figures.itemLatenciesMs, 0.95))}`,
  );
}

/** What the queue itself costs per job: adding `count` no-op jobs, then running them all. */
async function measureQueueCost(queue: StageQueue, count: number): Promise<{ enqueueUs: number; runUs: number }> {
  const batchId = '00000000-0000-4000-8000-000000000000';
  const enqueuedAt = performance.now();
  for (let n = 0; n < count; n += 1) {
    const job: StageJob = { stage: 'ingest', payload: { batchId, photoId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } };
    await queue.enqueue(job);
  }
  const startedAt = performance.now();
  queue.start(() => Promise.resolve());
  await queue.whenIdle();
  const finishedAt = performance.now();
  await queue.close();
  return { enqueueUs: ((startedAt - enqueuedAt) * 1000) / count, runUs: ((finishedAt - startedAt) * 1000) / count };
}

function printQueueCost(cost: { enqueueUs: number; runUs: number }, what: string): void {
  console.log(`  queue cost per no-op job (${NO_OP_JOBS} jobs, ${what}): enqueue ${cost.enqueueUs.toFixed(0)} µs, run ${cost.runUs.toFixed(0)} µs`);
}

interface Installation {
  /** Takes the uploads; in the embedded mode it also runs every job. */
  api: Container;
  /** Processes running jobs, each with the catalog's concurrency. */
  workerCount: number;
  close(): Promise<void>;
}

async function openEmbedded(): Promise<Installation> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-'));
  const database = await openDatabase({ pgliteDataDir: 'memory://' });
  await migrateToLatest(database.db);
  const config = loadConfig({ EASYFLIP_DATA_DIR: dataDir, OCR_WORKERS: '1', RECONCILE_INTERVAL_SECONDS: '0', METRICS_ENABLED: 'false' });
  const api = await createContainer(config, { logger: silent, database: { db: database.db, kind: 'pglite' }, handlers: benchHandlers });
  await api.runtime.start();
  return {
    api,
    workerCount: 1,
    async close() {
      await api.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A worker process on the bench's schema and prefix; resolves once it takes jobs. */
function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lib/timed-analysis-worker.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`a bench worker exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** An API container in this process and `workerCount` worker processes, as `easyflip worker` would run. */
async function openScaled(env: Config, workerCount: number): Promise<Installation> {
  if (env.database.kind !== 'postgres' || !env.redisUrl) throw new Error('the scaled mode needs DATABASE_URL and REDIS_URL');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-'));
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const database: OpenedDatabase = await openDatabase({ databaseUrl: env.database.url, schema });
  await migrateToLatest(database.db);
  const prefix = `bench-${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    EASYFLIP_DATA_DIR: dataDir,
    OCR_WORKERS: '1',
    REDIS_URL: env.redisUrl,
    QUEUE_MODE: 'bullmq',
    QUEUE_PREFIX: prefix,
    RECONCILE_INTERVAL_SECONDS: '0',
    METRICS_ENABLED: 'false',
  });
  const api = await createContainer(config, {
    logger: silent,
    database: { db: database.db, kind: 'postgres' },
    handlers: benchHandlers,
    queueOptions: { idlePollMs: 20 },
  });
  const workers: ChildProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(workers.map(stopWorkerProcess));
    await api.close();
    await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    await deleteKeysUnder(env.redisUrl!, prefix);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const workerEnv = {
      DATABASE_URL: env.database.url,
      REDIS_URL: env.redisUrl,
      BENCH_SCHEMA: schema,
      BENCH_PREFIX: prefix,
      BENCH_DATA_DIR: dataDir,
      BENCH_LATENCY_MS: String(LATENCY_MS),
      BENCH_PHOTOS_PER_ITEM: String(PHOTOS_PER_ITEM),
    };
    for (let n = 0; n < workerCount; n += 1) workers.push(await startWorkerProcess(workerEnv));
  } catch (error) {
    await close();
    throw error;
  }
  return { api, workerCount, close };
}

const environment = loadConfig();

const embedded = await openEmbedded();
try {
  printRun('embedded (in-process queue, PGlite)', embedded.workerCount, await runBatch(embedded));
} finally {
  await embedded.close();
}
printQueueCost(await measureQueueCost(new InProcessStageQueue(createQueuePolicy(), silent), NO_OP_JOBS), 'in-process');

if (environment.database.kind === 'postgres' && environment.redisUrl) {
  const scaled = await openScaled(environment, 2);
  try {
    printRun('scaled (BullMQ on Redis, PostgreSQL, the API here and 2 worker processes)', scaled.workerCount, await runBatch(scaled));
  } finally {
    await scaled.close();
  }
  const prefix = `bench-${randomBytes(6).toString('hex')}`;
  const bullQueue = new BullMqStageQueue(createQueuePolicy(), { redisUrl: environment.redisUrl, prefix, idlePollMs: 10 }, silent);
  try {
    printQueueCost(await measureQueueCost(bullQueue, NO_OP_JOBS), `BullMQ, one worker, concurrency ${queueCatalog['image-processing'].concurrency}`);
  } finally {
    await deleteKeysUnder(environment.redisUrl, prefix);
  }
} else {
  console.log('scaled: skipped (set DATABASE_URL and REDIS_URL to measure BullMQ on Redis and PostgreSQL)');
}
