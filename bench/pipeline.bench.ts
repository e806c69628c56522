/**
 * Pipeline throughput with the vision step as the bottleneck: N items whose analysis takes a fixed
 * time, in the embedded mode (in-process queue, PGlite) and, when DATABASE_URL and REDIS_URL are
 * set, in the scaled mode (BullMQ, PostgreSQL, two worker processes' worth of containers). Prints
 * wall time against the bound latency × items / concurrency as an efficiency ratio, per-item
 * latency from upload to ready-for-review, and the queue's own cost per job.
 *
 *   npm run bench:pipeline -- [--items 100] [--latency-ms 500] [--jobs 2000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { RedisConnection } from 'bullmq';
import { pino } from 'pino';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../src/adapters/db/database.ts';
import { BullMqStageQueue } from '../src/adapters/queue/bullmq-stage-queue.ts';
import { InProcessStageQueue } from '../src/adapters/queue/in-process-stage-queue.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createContainer, type Container } from '../src/container.ts';
import type { StageJob } from '../src/contracts/stages.ts';
import { createQueuePolicy, queueCatalog } from '../src/pipeline/catalog.ts';
import type { StageHandlers } from '../src/pipeline/stage-handlers.ts';
import type { NewItem } from '../src/ports/repositories.ts';
import type { StageQueue } from '../src/ports/stage-queue.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '500' },
    jobs: { type: 'string', default: '2000' },
  },
});
const ITEMS = Number(args.items);
const LATENCY_MS = Number(args['latency-ms']);
const NO_OP_JOBS = Number(args.jobs);
const PHOTOS_PER_ITEM = 3;
const silent = pino({ level: 'silent' });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stages that cost nothing but the analysis: ingest and segmentation only group the photos (three to
 * an item), the vision fake answers after a fixed latency, composing and pricing are instant.
 */
const benchHandlers: StageHandlers = {
  ingest: (payload) => Promise.resolve({ stage: 'ingest', photoId: payload.photoId }),
  segment: async (payload, ports) => {
    const photos = await ports.repositories.photos.listByBatch(payload.batchId);
    const items: NewItem[] = [];
    for (let start = 0; start < photos.length; start += PHOTOS_PER_ITEM) {
      const group = photos.slice(start, start + PHOTOS_PER_ITEM);
      items.push({
        position: items.length + 1,
        sku: `BENCH-${items.length + 1}`,
        skuPhotoId: group[0]!.id,
        weight: null,
        productCode: null,
        flags: [],
        photoIds: group.map((photo) => photo.id),
      });
    }
    await ports.repositories.items.replaceForBatch(payload.batchId, items, []);
    return { stage: 'segment' };
  },
  analyse: async () => {
    await sleep(LATENCY_MS);
    return { stage: 'analyse' };
  },
  compose: () => Promise.resolve({ stage: 'compose' }),
  price: () => Promise.resolve({ stage: 'price' }),
  publish: () => Promise.resolve({ stage: 'publish' }),
};

interface RunFigures {
  wallMs: number;
  boundMs: number;
  itemLatenciesMs: number[];
  /** From the first upload to the submit, and to the first analysis. */
  uploadMs: number;
  firstAnalysisMs: number;
}

/** Uploads N items' photos through `api`, lets `workers` run them, and times every item to review. */
async function runBatch(api: Container, workers: Container[]): Promise<RunFigures> {
  for (const worker of workers) await worker.runtime.start();
  const readyAt = new Map<string, number>();
  let firstAnalysisAt = Number.NaN;
  const unsubscribe = api.events.subscribe((event) => {
    if (event.stage === 'price' && event.status === 'succeeded') readyAt.set(event.subjectId, performance.now());
    if (event.stage === 'analyse' && Number.isNaN(firstAnalysisAt)) firstAnalysisAt = performance.now();
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
  const wallMs = Math.max(...readyAt.values()) - startedAt;
  const boundMs = (LATENCY_MS * ITEMS) / queueCatalog['ai-analysis'].concurrency;
  return { wallMs, boundMs, itemLatenciesMs, uploadMs: submittedAt - startedAt, firstAnalysisMs: firstAnalysisAt - startedAt };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

function printRun(mode: string, figures: RunFigures): void {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${mode}: ${ITEMS} items (${ITEMS * PHOTOS_PER_ITEM} photos), analysis ${LATENCY_MS} ms each`);
  console.log(`  wall ${seconds(figures.wallMs)}, bound ${seconds(figures.boundMs)}, efficiency ${(figures.boundMs / figures.wallMs).toFixed(3)}`);
  const afterUploads = figures.wallMs - figures.uploadMs;
  console.log(`  from the submit on (uploads left out): ${seconds(afterUploads)}, efficiency ${(figures.boundMs / afterUploads).toFixed(3)}`);
  console.log(`  phases: uploads done after ${seconds(figures.uploadMs)}, first analysis after ${seconds(figures.firstAnalysisMs)}`);
  console.log(
    `  upload → ready for review: p50 ${seconds(percentile(figures.itemLatenciesMs, 0.5))}, p95 ${seconds(percentile(figures.itemLatenciesMs, 0.95))}`,
  );
}

/** Time to drain `count` jobs that do nothing: what the queue itself costs per job. */
async function measureQueueCost(queue: StageQueue, count: number): Promise<number> {
  const batchId = '00000000-0000-4000-8000-000000000000';
  queue.start(() => Promise.resolve());
  const startedAt = performance.now();
  for (let n = 0; n < count; n += 1) {
    const job: StageJob = { stage: 'ingest', payload: { batchId, photoId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } };
    await queue.enqueue(job);
  }
  await queue.whenIdle();
  const perJobMs = (performance.now() - startedAt) / count;
  await queue.close();
  return perJobMs;
}

async function openEmbedded(): Promise<{ api: Container; workers: Container[]; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-'));
  const database = await openDatabase({ pgliteDataDir: 'memory://' });
  await migrateToLatest(database.db);
  const config = loadConfig({ EASYFLIP_DATA_DIR: dataDir, OCR_WORKERS: '1', RECONCILE_INTERVAL_SECONDS: '0' });
  const api = await createContainer(config, { logger: silent, database: { db: database.db, kind: 'pglite' }, handlers: benchHandlers });
  return {
    api,
    workers: [api],
    async close() {
      await api.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openScaled(env: Config): Promise<{ api: Container; workers: Container[]; prefix: string; close(): Promise<void> }> {
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
  });
  const open = (): Promise<Container> =>
    createContainer(config, {
      logger: silent,
      database: { db: database.db, kind: 'postgres' },
      handlers: benchHandlers,
      queueOptions: { idlePollMs: 20 },
    });
  const api = await open();
  const workers = [await open(), await open()];
  return {
    api,
    workers,
    prefix,
    async close() {
      for (const container of [...workers, api]) await container.close();
      await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await database.close();
      await deleteKeys(env.redisUrl!, prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const connection = new RedisConnection({ url: redisUrl }, { shared: false });
  try {
    const client = await connection.client;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, { MATCH: `${prefix}:*`, COUNT: 500 });
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    await connection.close();
  }
}

const environment = loadConfig();

const embedded = await openEmbedded();
try {
  printRun('embedded (in-process queue, PGlite)', await runBatch(embedded.api, embedded.workers));
} finally {
  await embedded.close();
}
const inProcessCost = await measureQueueCost(new InProcessStageQueue(createQueuePolicy(), silent), NO_OP_JOBS);
console.log(`  queue cost: ${(inProcessCost * 1000).toFixed(1)} µs per no-op job (${NO_OP_JOBS} jobs, concurrency ${queueCatalog['image-processing'].concurrency})`);

if (environment.database.kind === 'postgres' && environment.redisUrl) {
  const scaled = await openScaled(environment);
  try {
    printRun('scaled (BullMQ on Redis, PostgreSQL, API + 2 worker containers)', await runBatch(scaled.api, scaled.workers));
  } finally {
    await scaled.close();
  }
  const prefix = `bench-${randomBytes(6).toString('hex')}`;
  const bullCost = await measureQueueCost(new BullMqStageQueue(createQueuePolicy(), { redisUrl: environment.redisUrl, prefix, idlePollMs: 10 }, silent), NO_OP_JOBS);
  await deleteKeys(environment.redisUrl, prefix);
  console.log(`  queue cost: ${(bullCost * 1000).toFixed(1)} µs per no-op job (${NO_OP_JOBS} jobs, one worker, concurrency ${queueCatalog['image-processing'].concurrency})`);
} else {
  console.log('scaled: skipped (set DATABASE_URL and REDIS_URL to measure BullMQ on Redis and PostgreSQL)');
}
