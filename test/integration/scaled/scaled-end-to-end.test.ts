import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItemsDto, BatchStatusDto } from '../../../src/contracts/batch.ts';
import type { PipelineEvent } from '../../../src/contracts/stages.ts';
import type { StageRunRecord } from '../../../src/ports/repositories.ts';
import { exampleBatchDir, readExampleBatchTruth, type ExampleBatchTruth } from '../../support/example-batch.ts';
import { hasScaledServers, ScaledInstallation } from './scaled-installation.ts';

describe.skipIf(!hasScaledServers)('a camera roll through the scaled mode: an API process and two worker processes', () => {
  let installation: ScaledInstallation;
  let truth: ExampleBatchTruth;
  let status: BatchStatusDto;
  let items: BatchItemsDto;
  let runs: StageRunRecord[];
  const eventsSeenByApi: PipelineEvent[] = [];
  let photoCount: number;

  beforeAll(async () => {
    truth = await readExampleBatchTruth();
    installation = await ScaledInstallation.open('e2e');
    const api = await installation.openProcess();
    const imageWorker = await installation.openProcess({}, { WORKER_QUEUES: 'image-processing' });
    const otherWorker = await installation.openProcess({}, { WORKER_QUEUES: 'bulk-processing,ai-analysis,ebay-listing' });
    await imageWorker.runtime.start();
    await otherWorker.runtime.start();
    api.events.subscribe((event) => eventsSeenByApi.push(event));

    const { batches } = api.services;
    const fileNames = (await readdir(exampleBatchDir)).sort();
    photoCount = fileNames.length;
    const batch = await batches.createBatch({ actor: 'test' });
    for (const fileName of fileNames) {
      await batches.addPhoto(batch.id, { fileName, content: createReadStream(path.join(exampleBatchDir, fileName)) });
    }
    await batches.submit(batch.id, 'test');
    await api.runtime.whenIdle();
    status = await batches.getStatus(batch.id);
    items = await batches.listItems(batch.id);
    runs = await api.repositories.stageRuns.listByBatch(batch.id);
  }, 240_000);

  afterAll(async () => {
    await installation?.dispose();
  });

  it('completes the batch with every item ready for review and nothing dead-lettered', () => {
    expect(status.status).toBe('completed');
    expect(status.photos.ingested).toBe(photoCount);
    expect(items.items.map((item) => item.status)).toEqual(truth.items.map(() => 'ready_for_review'));
  });

  it('segments exactly as the embedded mode does', () => {
    expect(items.items.map((item) => item.sku)).toEqual(truth.items.map((item) => item.sku));
    expect(items.items.map((item) => item.photos.map((photo) => photo.originalName))).toEqual(truth.items.map((item) => item.photos));
    expect(items.orphans.map((photo) => photo.originalName)).toEqual(truth.orphans);
  });

  it('runs every stage once', () => {
    expect(runs).toHaveLength(photoCount + 1 + truth.items.length * 3);
    expect(runs.every((run) => run.status === 'succeeded' && run.attempts === 1)).toBe(true);
  });

  it("lets the API process follow the workers' progress over Redis", () => {
    const succeeded = eventsSeenByApi.filter((event) => event.status === 'succeeded');
    expect(succeeded.filter((event) => event.stage === 'ingest')).toHaveLength(photoCount);
    expect(succeeded.filter((event) => event.stage === 'price')).toHaveLength(truth.items.length);
  });
});
