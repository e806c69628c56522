import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItemsDto } from '../../../src/contracts/batch.ts';
import { exampleBatchDir, readExampleBatchTruth } from '../../support/example-batch.ts';
import { repoRoot } from '../../support/shared-data.ts';

const bin = path.join(repoRoot, 'bin/easyflip.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runEasyflip(args: string[], env: Record<string, string>): Promise<Finished> {
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

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the easyflip command', () => {
  let dataDir: string;
  const embedded = (): Record<string, string> => ({ EASYFLIP_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: '' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('processes the sample batch into one listing per item, reporting the orphan', async () => {
    const truth = await readExampleBatchTruth();
    const out = path.join(dataDir, 'out');
    const run = await runEasyflip(['process', exampleBatchDir, '--out', out], embedded());
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`items: ${truth.items.length} (${truth.items.length} ready for review, 0 failed)`);
    for (const item of truth.items) expect(run.stdout).toContain(`#${truth.items.indexOf(item) + 1} ${item.sku}`);
    expect(run.stdout).toContain(`orphans: ${truth.orphans.length} (${truth.orphans.join(', ')})`);
    expect(run.stdout).toContain('failures: 0');
    const items = JSON.parse(await readFile(path.join(out, 'items.json'), 'utf8')) as BatchItemsDto;
    const held = items.items.filter((item) => item.review?.state === 'needs_attention');
    for (const item of held) expect(run.stdout).toContain(`not exported: #${item.position} ${item.sku}: `);
    const csv = await readFile(path.join(out, 'listings.csv'), 'utf8');
    expect(csv.split(/\r?\n/).filter((line) => line.startsWith('Draft,'))).toHaveLength(truth.items.length - held.length);
  }, 180_000);

  it('exports the listings needing attention too when asked, as drafts to finish in Seller Hub', async () => {
    const truth = await readExampleBatchTruth();
    const out = path.join(dataDir, 'out-all');
    const run = await runEasyflip(['process', exampleBatchDir, '--out', out, '--include-needs-attention'], embedded());
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('not exported:');
    const csv = await readFile(path.join(out, 'listings.csv'), 'utf8');
    expect(csv.split(/\r?\n/).filter((line) => line.startsWith('Draft,'))).toHaveLength(truth.items.length);
  }, 180_000);

  it('migrates the embedded database, and says so', async () => {
    const run = await runEasyflip(['migrate'], embedded());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the pglite schema is up to date');
  }, 60_000);

  it('stops at start on a bad setting, naming it', async () => {
    const run = await runEasyflip(['start'], { ...embedded(), PORT: 'eighty' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT:');
  }, 60_000);

  it('serves the API with `start` and shuts down cleanly on SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, ...embedded(), PORT: String(port), LOG_LEVEL: 'info' },
      cwd: repoRoot,
    });
    let logs = '';
    const listening = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        logs += chunk.toString();
        if (logs.includes('EasyFlip is serving')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await listening;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).toContain('shutting down');
  }, 60_000);
});
