import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createContainer, type Container, type ContainerOverrides } from '../../src/container.ts';
import type { DatabaseEngine, TestDatabase } from './database.ts';
import { silentLogger } from './silent-logger.ts';

export interface TestContainer {
  container: Container;
  database: TestDatabase;
  dataDir: string;
  /** Closes the container, the database and removes the data folder. */
  dispose(): Promise<void>;
}

/**
 * A fully wired container on a fresh database of the given engine and a throwaway data folder.
 * Retry delays are shrunk a thousandfold; everything else is the product's own wiring.
 */
export async function openTestContainer(
  engine: DatabaseEngine,
  overrides: ContainerOverrides = {},
  env: Record<string, string> = {},
): Promise<TestContainer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-test-'));
  const database = await engine.open();
  const config = loadConfig({ EASYFLIP_DATA_DIR: dataDir, OCR_WORKERS: '1', ...env });
  const container = await createContainer(config, {
    logger: silentLogger,
    database: { db: database.db, kind: engine.name },
    backoffScale: 0.001,
    ...overrides,
  });
  return {
    container,
    database,
    dataDir,
    async dispose() {
      await container.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
