import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItemsDto, BatchStatusDto } from '../../../src/contracts/batch.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';
import type { ItemStagePayload } from '../../../src/contracts/stages.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { stageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import type { StagePorts } from '../../../src/pipeline/stages/stage-ports.ts';
import type { DeadLetterDto } from '../../../src/contracts/dead-letter.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

/** Two items of the sample batch: labels EF-10234 and EF-10235 with their photos. */
const TWO_ITEMS = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg', 'IMG_0007.jpg', 'IMG_0008.jpg', 'IMG_0010.jpg'];

describe.each(databaseEngines)('dead letters through the API on $name', (engine) => {
  let harness: TestContainer;
  let app: FastifyInstance;
  let base: string;
  /** SKUs whose analysis refuses, as a broken provider would. */
  const broken = new Set<string>();
  let analyses = 0;

  beforeAll(async () => {
    const analyse = async (payload: ItemStagePayload, ports: StagePorts) => {
      analyses += 1;
      const item = await ports.repositories.items.get(payload.itemId);
      if (item?.sku && broken.has(item.sku)) throw new PermanentError('VALIDATION_FAILED', `The vision model refused ${item.sku}.`);
      return stageHandlers.analyse(payload, ports);
    };
    harness = await openTestContainer(engine, { textRecognizer: new ScriptedTextRecognizer(), handlers: { analyse } });
    app = await buildHttpApp(harness.container.services, {
      logger: false,
      maxUploadBytes: 5 * 1024 * 1024,
      maxFilesPerRequest: 50,
      operations: harness.container.operations,
    });
    await harness.container.runtime.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
  });

  async function processTwoItems(): Promise<string> {
    const { batches } = harness.container.services;
    const batch = await batches.createBatch({ actor: 'test' });
    for (const name of TWO_ITEMS) {
      await batches.addPhoto(batch.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
    }
    await batches.submit(batch.id, 'test');
    await harness.container.runtime.whenIdle();
    return batch.id;
  }

  async function lettersOf(batchId: string): Promise<DeadLetterDto[]> {
    const response = await fetch(`${base}/api/dead-letters?batchId=${batchId}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { deadLetters: DeadLetterDto[] }).deadLetters;
  }

  async function itemsOf(batchId: string): Promise<Array<[string | null, string]>> {
    const items = (await (await fetch(`${base}/api/batches/${batchId}/items`)).json()) as BatchItemsDto;
    return items.items.map((item) => [item.sku, item.status]);
  }

  async function statusOf(batchId: string): Promise<string> {
    return ((await (await fetch(`${base}/api/batches/${batchId}`)).json()) as BatchStatusDto).status;
  }

  it('lists a dead letter with its reason and shows its payload', async () => {
    broken.add('EF-10235');
    const batchId = await processTwoItems();
    const [letter, ...others] = await lettersOf(batchId);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ stage: 'analyse', batchId, errorCode: 'VALIDATION_FAILED', reason: 'The vision model refused EF-10235.' });

    const shown = (await (await fetch(`${base}/api/dead-letters/${letter!.id}`)).json()) as DeadLetterDto;
    expect(shown.payload).toEqual({ batchId, itemId: letter!.subjectId });
    const ingestOnly = await fetch(`${base}/api/dead-letters?stage=ingest&batchId=${batchId}`);
    expect(await ingestOnly.json()).toEqual({ deadLetters: [] });
    broken.clear();
  });

  it('retries a dead letter: the stage starts afresh and the item goes on to review', async () => {
    broken.add('EF-10235');
    const batchId = await processTwoItems();
    expect(await itemsOf(batchId)).toEqual([
      ['EF-10234', 'ready_for_review'],
      ['EF-10235', 'failed'],
    ]);
    expect(await statusOf(batchId)).toBe('completed');
    const [letter] = await lettersOf(batchId);
    broken.clear();

    const analysesBefore = analyses;
    const retried = await fetch(`${base}/api/dead-letters/${letter!.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ id: letter!.id, stage: 'analyse', subjectId: letter!.subjectId });
    await harness.container.runtime.whenIdle();

    expect(analyses - analysesBefore).toBe(1);
    expect(await itemsOf(batchId)).toEqual([
      ['EF-10234', 'ready_for_review'],
      ['EF-10235', 'ready_for_review'],
    ]);
    expect(await statusOf(batchId)).toBe('completed');
    expect(await lettersOf(batchId)).toEqual([]);
    const runs = await harness.container.repositories.stageRuns.listByBatch(batchId);
    const itemRuns = runs.filter((run) => run.subjectId === letter!.subjectId);
    expect(itemRuns.map((run) => [run.stage, run.status, run.attempts]).sort()).toEqual([
      ['analyse', 'succeeded', 1],
      ['compose', 'succeeded', 1],
      ['price', 'succeeded', 1],
    ]);
  });

  it('retries every dead letter of a batch at once', async () => {
    broken.add('EF-10234');
    broken.add('EF-10235');
    const batchId = await processTwoItems();
    expect(await lettersOf(batchId)).toHaveLength(2);
    broken.clear();

    const response = await fetch(`${base}/api/dead-letters/retry-all`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchId }),
    });
    expect(response.status).toBe(202);
    const result = (await response.json()) as { retried: unknown[]; refused: unknown[] };
    expect(result.retried).toHaveLength(2);
    expect(result.refused).toEqual([]);
    await harness.container.runtime.whenIdle();
    expect(await itemsOf(batchId)).toEqual([
      ['EF-10234', 'ready_for_review'],
      ['EF-10235', 'ready_for_review'],
    ]);
  });

  it('discards a dead letter: it leaves the list and its item stays failed', async () => {
    broken.add('EF-10234');
    const batchId = await processTwoItems();
    broken.clear();
    const [letter] = await lettersOf(batchId);
    const discarded = await fetch(`${base}/api/dead-letters/${letter!.id}`, { method: 'DELETE' });
    expect(discarded.status).toBe(204);
    expect(await lettersOf(batchId)).toEqual([]);
    expect(await itemsOf(batchId)).toEqual([
      ['EF-10234', 'failed'],
      ['EF-10235', 'ready_for_review'],
    ]);
    expect((await fetch(`${base}/api/dead-letters/${letter!.id}`)).status).toBe(404);
    expect((await fetch(`${base}/api/dead-letters/${letter!.id}/retry`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses an id that is not one', async () => {
    const response = await fetch(`${base}/api/dead-letters/not-an-id`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('serves stage outcomes and dead letters as Prometheus metrics', async () => {
    broken.add('EF-10235');
    await processTwoItems();
    broken.clear();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/easyflip_stage_runs_total\{[^}]*stage="analyse",outcome="dead"[^}]*\} [1-9]/);
    expect(text).toMatch(/easyflip_stage_duration_seconds_count\{[^}]*stage="ingest",outcome="succeeded"[^}]*\} [1-9]/);
    expect(text).toMatch(/easyflip_dead_letters\{[^}]*stage="analyse"[^}]*\} [1-9]/);
    expect(text).toMatch(/easyflip_queue_jobs\{[^}]*queue="ai-analysis",state="waiting"[^}]*\} 0/);
  });
});
