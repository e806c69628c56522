/**
 * A scaled-mode worker process for `bench:pipeline`: `node --import tsx timed-analysis-worker.ts`,
 * on the database schema and Redis prefix the bench gives it (BENCH_* beside DATABASE_URL and
 * REDIS_URL), with the bench's stages. Prints "ready" once it takes jobs; SIGTERM drains it.
 */
import { pino } from 'pino';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { createTimedAnalysisHandlers } from '../../test/support/synthetic-pipeline.ts';

const env = process.env;
const databaseUrl = env.DATABASE_URL;
const schema = env.BENCH_SCHEMA;
if (!databaseUrl || !schema) throw new Error('the bench worker needs DATABASE_URL and BENCH_SCHEMA');

const database = await openDatabase({ databaseUrl, schema });
const config = loadConfig({
  EASYFLIP_DATA_DIR: env.BENCH_DATA_DIR ?? '',
  REDIS_URL: env.REDIS_URL ?? '',
  QUEUE_MODE: 'bullmq',
  QUEUE_PREFIX: env.BENCH_PREFIX ?? '',
  OCR_WORKERS: '1',
  RECONCILE_INTERVAL_SECONDS: '0',
  METRICS_ENABLED: 'false',
});
const container = await createContainer(config, {
  logger: pino({ level: 'warn' }),
  database: { db: database.db, kind: 'postgres' },
  handlers: createTimedAnalysisHandlers({
    photosPerItem: Number(env.BENCH_PHOTOS_PER_ITEM ?? '3'),
    analyseLatencyMs: Number(env.BENCH_LATENCY_MS ?? '2000'),
  }),
});
await container.runtime.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void (async () => {
    await container.close();
    await database.close();
    process.exit(0);
  })();
});
