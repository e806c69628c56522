import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config.ts';
import { createContainer, type Container, type ContainerOverrides } from '../../../src/container.ts';
import { databaseEngines, type TestDatabase } from '../../support/database.ts';
import { postgresUrl, redisUrl } from '../../support/postgres.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { deleteKeysUnder, requireRedisDriver, uniquePrefix } from '../queue/redis-test-keys.ts';

/** Scaled-mode tests need both servers; they are skipped only when one of the URLs is unset. */
export const hasScaledServers = Boolean(redisUrl && postgresUrl);

/**
 * One scaled installation for a test: a PostgreSQL schema, a Redis key prefix and a photo folder of
 * its own, and any number of "processes" (containers) sharing them, as API and workers would.
 */
export class ScaledInstallation {
  private readonly containers: Container[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly prefix: string,
    readonly dataDir: string,
  ) {}

  static async open(label: string): Promise<ScaledInstallation> {
    const engine = databaseEngines.find((candidate) => candidate.name === 'postgres');
    if (!engine || !redisUrl) throw new Error('scaled tests need DATABASE_URL and REDIS_URL');
    requireRedisDriver();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-scaled-'));
    return new ScaledInstallation(await engine.open(), uniquePrefix(label), dataDir);
  }

  /** A container in the scaled mode on this installation; start its runtime to make it a worker. */
  async openProcess(overrides: ContainerOverrides = {}, env: Record<string, string> = {}): Promise<Container> {
    const config = loadConfig({
      EASYFLIP_DATA_DIR: this.dataDir,
      OCR_WORKERS: '1',
      REDIS_URL: redisUrl!,
      QUEUE_MODE: 'bullmq',
      QUEUE_PREFIX: this.prefix,
      RECONCILE_INTERVAL_SECONDS: '0',
      ...env,
    });
    const container = await createContainer(config, {
      logger: silentLogger,
      database: { db: this.database.db, kind: 'postgres' },
      textRecognizer: new ScriptedTextRecognizer(),
      backoffScale: 0.001,
      queueOptions: { idlePollMs: 50 },
      ...overrides,
    });
    this.containers.push(container);
    return container;
  }

  async dispose(): Promise<void> {
    for (const container of this.containers.reverse()) await container.close();
    await this.database.close();
    await deleteKeysUnder(redisUrl!, this.prefix);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
