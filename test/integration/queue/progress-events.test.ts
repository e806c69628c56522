import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessPipelineEvents } from '../../../src/adapters/events/in-process-pipeline-events.ts';
import { RedisStreamPipelineEvents } from '../../../src/adapters/events/redis-stream-pipeline-events.ts';
import type { BatchStatusDto } from '../../../src/contracts/batch.ts';
import type { PipelineEvent } from '../../../src/contracts/stages.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import type { PipelineEvents } from '../../../src/ports/pipeline-events.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { redisUrl } from '../../support/postgres.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { deleteKeysUnder, requireRedisDriver, uniquePrefix } from './redis-test-keys.ts';
import { readEventStream } from './server-sent-events.ts';

const ONE_ITEM = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg'];
const [pglite] = databaseEngines;

interface EventsUnderTest {
  name: string;
  open(): Promise<{ events: PipelineEvents; close(): Promise<void> }>;
}

const eventAdapters: EventsUnderTest[] = [
  {
    name: 'in-process events',
    open: () => Promise.resolve({ events: new InProcessPipelineEvents(), close: () => Promise.resolve() }),
  },
  ...(redisUrl
    ? [
        {
          name: 'events over a Redis stream',
          open() {
            requireRedisDriver();
            const prefix = uniquePrefix('events');
            const events = new RedisStreamPipelineEvents({ redisUrl: redisUrl!, prefix }, silentLogger);
            return Promise.resolve({
              events,
              async close() {
                await events.close();
                await deleteKeysUnder(redisUrl!, prefix);
              },
            });
          },
        },
      ]
    : []),
];

describe.each(eventAdapters)('a batch followed as server-sent events, with $name', (adapter) => {
  let harness: TestContainer | undefined;
  let app: FastifyInstance | undefined;
  let closeEvents: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await app?.close();
    await harness?.dispose();
    await closeEvents?.();
  });

  async function serve(): Promise<string> {
    const { events, close } = await adapter.open();
    closeEvents = close;
    harness = await openTestContainer(pglite!, { textRecognizer: new ScriptedTextRecognizer(), events });
    app = await buildHttpApp(harness.container.services, {
      logger: false,
      maxUploadBytes: 5 * 1024 * 1024,
      maxFilesPerRequest: 50,
      operations: harness.container.operations,
    });
    await harness.container.runtime.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  it('streams a snapshot, every stage of the batch as it runs, and snapshots up to completion', async () => {
    const base = await serve();
    const { batches } = harness!.container.services;
    const batch = await batches.createBatch({ actor: 'test' });
    const other = await batches.createBatch({ actor: 'test' });

    const response = await fetch(`${base}/api/batches/${batch.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEventStream(
      response,
      (event) => event.event === 'status' && (event.data as BatchStatusDto).status === 'completed',
    );

    for (const name of ONE_ITEM) {
      await batches.addPhoto(batch.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
      await batches.addPhoto(other.id, { fileName: name, content: createReadStream(path.join(exampleBatchDir, name)) });
    }
    await batches.submit(batch.id, 'test');
    await batches.submit(other.id, 'test');
    const events = await reading;

    const [first] = events;
    expect(first).toMatchObject({ event: 'status', data: { id: batch.id } });
    const stageEvents = events.filter((event) => event.event === 'stage').map((event) => event.data as PipelineEvent);
    expect(stageEvents.every((event) => event.batchId === batch.id)).toBe(true);
    const succeeded = stageEvents.filter((event) => event.status === 'succeeded').map((event) => event.stage);
    expect(succeeded.filter((stage) => stage === 'ingest')).toHaveLength(ONE_ITEM.length);
    expect(succeeded).toEqual(expect.arrayContaining(['segment', 'analyse', 'compose', 'price']));
    expect(stageEvents.some((event) => event.status === 'running')).toBe(true);
    await harness!.container.runtime.whenIdle();
  }, 60_000);

  it('ends open streams when the server shuts down', async () => {
    const base = await serve();
    const batch = await harness!.container.services.batches.createBatch({ actor: 'test' });
    const response = await fetch(`${base}/api/batches/${batch.id}/events`);
    let snapshots = 0;
    const reading = readEventStream(response, (event) => {
      if (event.event === 'status') snapshots += 1;
      return false;
    });
    await app!.close();
    const events = await reading;
    expect(snapshots).toBe(1);
    expect(events).toHaveLength(1);
  });

  it('answers 404 for a batch that does not exist', async () => {
    const base = await serve();
    const response = await fetch(`${base}/api/batches/00000000-0000-4000-8000-000000000000/events`);
    expect(response.status).toBe(404);
  });
});
