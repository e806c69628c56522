import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchDto } from '../../../src/contracts/batch.ts';
import type { Container } from '../../../src/container.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { OpenTelemetryTracing } from '../../../src/observability/tracing.ts';
import type { StageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import { databaseEngines } from '../../support/database.ts';
import { createSyntheticHandlers } from '../../support/synthetic-pipeline.ts';
import { openTestContainer } from '../../support/test-container.ts';
import { hasScaledServers, ScaledInstallation } from './scaled-installation.ts';

const PHOTOS_PER_ITEM = 2;
const PHOTOS = 4;

/** Spans of one process, kept in memory. */
function tracingToMemory(): { tracing: OpenTelemetryTracing; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  return { tracing: new OpenTelemetryTracing({ serviceName: 'easyflip-test', spanProcessors: [new SimpleSpanProcessor(exporter)] }), exporter };
}

/**
 * Stages that do nothing, except that ingest waits until the batch is submitted: segmentation then
 * always follows the last ingest, never the submit request, and the chain is the same every run.
 */
function handlersAfterSubmit(): { handlers: StageHandlers; submitted: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handlers = createSyntheticHandlers({
    photosPerItem: PHOTOS_PER_ITEM,
    work: async (stage) => {
      if (stage === 'ingest') await gate;
    },
  });
  return { handlers, submitted: release };
}

interface Installation {
  /** Serves the API and enqueues; in the embedded mode it also runs the jobs. */
  api: Container;
  /** Where the jobs run; the API itself in the embedded mode. */
  worker: Container;
}

/** Uploads photos in one request, submits, opens the gate and waits until the batch is done. */
async function uploadAndProcess(installation: Installation, apiTracing: OpenTelemetryTracing, submitted: () => void): Promise<{ batchId: string }> {
  const app: FastifyInstance = await buildHttpApp(installation.api.services, {
    logger: false,
    maxUploadBytes: 1024 * 1024,
    maxFilesPerRequest: 10,
    tracing: apiTracing,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const batch = (await (await fetch(`${base}/api/batches`, { method: 'POST' })).json()) as BatchDto;
    const form = new FormData();
    for (let n = 0; n < PHOTOS; n += 1) form.append('photos', new Blob([`photo ${n} ${batch.id}`]), `IMG_${n}.jpg`);
    expect((await fetch(`${base}/api/batches/${batch.id}/photos`, { method: 'POST', body: form })).status).toBe(201);
    expect((await fetch(`${base}/api/batches/${batch.id}/submit`, { method: 'POST' })).status).toBe(202);
    submitted();
    await installation.worker.runtime.whenIdle();
    expect((await installation.api.services.batches.getStatus(batch.id)).status).toBe('completed');
    return { batchId: batch.id };
  } finally {
    await app.close();
  }
}

/** The upload request and every stage job of the batch form one trace, each job a child of its cause. */
function expectOneTraceFromUpload(spans: ReadableSpan[], batchId: string): void {
  const upload = spans.find((span) => span.name === 'POST /api/batches/:batchId/photos');
  expect(upload).toBeDefined();
  const traceId = upload!.spanContext().traceId;
  const stageSpans = spans.filter((span) => span.attributes['easyflip.batch_id'] === batchId);
  const ofStage = (stage: string): ReadableSpan[] => stageSpans.filter((span) => span.name === `stage ${stage}`);
  const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;
  const idOf = (span: ReadableSpan): string => span.spanContext().spanId;
  const sameSubject = (stage: string, span: ReadableSpan): ReadableSpan | undefined =>
    ofStage(stage).find((candidate) => candidate.attributes['easyflip.subject_id'] === span.attributes['easyflip.subject_id']);

  expect(stageSpans.map((span) => span.spanContext().traceId)).toEqual(stageSpans.map(() => traceId));
  const ingests = ofStage('ingest');
  expect(ingests).toHaveLength(PHOTOS);
  for (const ingest of ingests) expect(parentOf(ingest)).toBe(idOf(upload!));

  const segments = ofStage('segment');
  expect(segments).toHaveLength(1);
  expect(ingests.map(idOf)).toContain(parentOf(segments[0]!));

  const analyses = ofStage('analyse');
  expect(analyses).toHaveLength(PHOTOS / PHOTOS_PER_ITEM);
  for (const analysis of analyses) expect(parentOf(analysis)).toBe(idOf(segments[0]!));
  for (const [stage, previous] of [['compose', 'analyse'], ['price', 'compose']] as const) {
    const spansOfStage = ofStage(stage);
    expect(spansOfStage).toHaveLength(PHOTOS / PHOTOS_PER_ITEM);
    for (const span of spansOfStage) expect(parentOf(span)).toBe(idOf(sameSubject(previous, span)!));
  }
}

describe('traces from the upload request through every stage job', () => {
  let dispose: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await dispose?.();
    dispose = null;
  });

  it('in the embedded mode (in-process queue)', async () => {
    const engine = databaseEngines.find((candidate) => candidate.name === 'pglite')!;
    const { tracing, exporter } = tracingToMemory();
    const { handlers, submitted } = handlersAfterSubmit();
    const harness = await openTestContainer(engine, { tracing, handlers });
    dispose = async () => {
      await harness.dispose();
      await tracing.shutdown();
    };
    await harness.container.runtime.start();
    const { batchId } = await uploadAndProcess({ api: harness.container, worker: harness.container }, tracing, submitted);
    expectOneTraceFromUpload(exporter.getFinishedSpans(), batchId);
  });

  it.skipIf(!hasScaledServers)('in the scaled mode (BullMQ), the context crossing Redis in the job data', async () => {
    const scaled = await ScaledInstallation.open('traces');
    const api = tracingToMemory();
    const worker = tracingToMemory();
    dispose = async () => {
      await scaled.dispose();
      await api.tracing.shutdown();
      await worker.tracing.shutdown();
    };
    const { handlers, submitted } = handlersAfterSubmit();
    const apiContainer = await scaled.openProcess({ tracing: api.tracing, handlers });
    const workerContainer = await scaled.openProcess({ tracing: worker.tracing, handlers });
    await workerContainer.runtime.start();

    const { batchId } = await uploadAndProcess({ api: apiContainer, worker: workerContainer }, api.tracing, submitted);
    const apiSpans = api.exporter.getFinishedSpans();
    const workerSpans = worker.exporter.getFinishedSpans();
    // The API process traced the request, the worker process every stage.
    expect(apiSpans.some((span) => span.name.startsWith('stage '))).toBe(false);
    expect(workerSpans.filter((span) => span.name.startsWith('stage ')).length).toBeGreaterThan(0);
    expectOneTraceFromUpload([...apiSpans, ...workerSpans], batchId);
  });
});
