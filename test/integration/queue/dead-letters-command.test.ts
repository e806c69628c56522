import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createContainer } from '../../../src/container.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { repoRoot } from '../../support/shared-data.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const bin = path.join(repoRoot, 'bin/easyflip.js');
const ONE_ITEM = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg'];

function runEasyflip(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the easyflip dead-letters command', () => {
  let dataDir: string;
  let letterId: string;
  const embedded = (): Record<string, string> => ({
    EASYFLIP_DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: '',
    QUEUE_MODE: '',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-letters-'));
    // A batch whose only item the analysis refuses, processed in the embedded mode on this data folder.
    const container = await createContainer(loadConfig({ EASYFLIP_DATA_DIR: dataDir, OCR_WORKERS: '1', RECONCILE_INTERVAL_SECONDS: '0' }), {
      logger: silentLogger,
      textRecognizer: new ScriptedTextRecognizer(),
      handlers: { analyse: () => Promise.reject(new PermanentError('VALIDATION_FAILED', 'The vision model refused the item.')) },
    });
    try {
      const { batches } = container.services;
      const batch = await batches.createBatch({ actor: 'test' });
      await container.runtime.start();
      for (const name of ONE_ITEM) {
        await batches.addPhoto(batch.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
      }
      await batches.submit(batch.id, 'test');
      await container.runtime.whenIdle();
      const [letter] = await container.repositories.deadLetters.list();
      letterId = letter!.id;
    } finally {
      await container.close();
    }
  }, 120_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the dead letters with their stage and reason', async () => {
    const run = await runEasyflip(['dead-letters', 'list'], embedded());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(letterId);
    expect(run.stdout).toContain('analyse');
    expect(run.stdout).toContain('VALIDATION_FAILED: The vision model refused the item.');
    expect(run.stdout).toContain('1 dead letter');
  }, 60_000);

  it('shows one dead letter with its payload as JSON', async () => {
    const run = await runEasyflip(['dead-letters', 'show', letterId], embedded());
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { id: string; payload: { itemId: string } };
    expect(shown.id).toBe(letterId);
    expect(shown.payload.itemId).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('retries a dead letter: the stage waits, pending, for the next start', async () => {
    const run = await runEasyflip(['dead-letters', 'retry', letterId], embedded());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('re-queued analyse');
    expect(run.stdout).toContain('it runs when `easyflip start` runs');
    const after = await runEasyflip(['dead-letters', 'list', '--json'], embedded());
    expect(JSON.parse(after.stdout)).toEqual([]);
  }, 60_000);
});

describe('the easyflip worker command', () => {
  it('refuses to start without Redis, naming the setting', async () => {
    const run = await runEasyflip(['worker'], { REDIS_URL: '', DATABASE_URL: '', LOG_LEVEL: '', QUEUE_MODE: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REDIS_URL');
  }, 60_000);

  it('refuses to start on the embedded database, which one process alone may open', async () => {
    const run = await runEasyflip(['worker'], { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: '', LOG_LEVEL: '', QUEUE_MODE: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL');
  }, 60_000);
});
