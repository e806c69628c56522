/**
 * A worker process of the fault soak: `node --import tsx soak-worker.ts`, configured by the
 * environment the test gives it (SOAK_* beside the usual settings). Runs until SIGTERM or SIGKILL;
 * prints "ready" once it takes jobs, and its warnings (stalled jobs among them) as JSON lines.
 */
import { pino } from 'pino';
import { openDatabase } from '../../../src/adapters/db/database.ts';
import { loadConfig } from '../../../src/config.ts';
import { createContainer } from '../../../src/container.ts';
import { createSoakHandlers } from './soak-handlers.ts';

const env = process.env;
const databaseUrl = env.DATABASE_URL;
const schema = env.SOAK_SCHEMA;
const providerUrl = env.SOAK_PROVIDER_URL;
if (!databaseUrl || !schema || !providerUrl) throw new Error('the soak worker needs DATABASE_URL, SOAK_SCHEMA and SOAK_PROVIDER_URL');

const database = await openDatabase({ databaseUrl, schema });
const config = loadConfig({
  EASYFLIP_DATA_DIR: env.SOAK_DATA_DIR ?? '',
  REDIS_URL: env.REDIS_URL ?? '',
  QUEUE_MODE: 'bullmq',
  QUEUE_PREFIX: env.SOAK_PREFIX ?? '',
  OCR_WORKERS: '1',
  RECONCILE_INTERVAL_SECONDS: '1',
  RECONCILE_RUNNING_GRACE_SECONDS: '5',
  METRICS_ENABLED: 'false',
});
const container = await createContainer(config, {
  logger: pino({ level: env.SOAK_LOG_LEVEL ?? 'warn' }),
  database: { db: database.db, kind: 'postgres' },
  handlers: createSoakHandlers(database.db, { url: providerUrl, timeoutMs: Number(env.SOAK_PROVIDER_TIMEOUT_MS ?? '300') }),
  backoffScale: 0.01,
  queueOptions: { lockDurationMs: 3000, stalledIntervalMs: 1000 },
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
