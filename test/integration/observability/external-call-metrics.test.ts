import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EbayApplicationTokenProvider } from '../../../src/adapters/ebay/ebay-application-token-provider.ts';
import { EbayRestClient } from '../../../src/adapters/ebay/ebay-rest-client.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeEbay, type StartedFakeEbay } from '../../fakes/ebay/fake-ebay.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

const DEFAULT_TREE = { api: 'Taxonomy', path: '/commerce/taxonomy/v1/get_default_category_tree_id', query: { marketplace_id: 'EBAY_US' } };

/** The sample of one series in the exposition text, or 0 when it is absent. */
function sample(exposition: string, name: string, labels: Record<string, string>): number {
  const line = exposition
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('metrics of outside calls at /metrics', () => {
  let fake: StartedFakeEbay;
  let harness: TestContainer;
  let app: FastifyInstance;

  beforeAll(async () => {
    fake = await startFakeEbay();
    const engine = databaseEngines.find((candidate) => candidate.name === 'pglite')!;
    // The product's own OCR: the container wires its metrics in.
    harness = await openTestContainer(engine);
    app = await buildHttpApp(harness.container.services, {
      logger: false,
      maxUploadBytes: 10 * 1024 * 1024,
      maxFilesPerRequest: 1,
      operations: harness.container.operations,
    });
  });

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
    await fake?.server.stop();
  });

  async function scrape(): Promise<string> {
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  it('counts eBay calls by API and outcome: answered, HTTP 500, 429 and timeouts', async () => {
    const metrics = harness.container.metrics!;
    const tokens = new EbayApplicationTokenProvider({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, baseUrl: fake.baseUrl, timeoutMs: 5000 });
    const client = new EbayRestClient({ baseUrl: fake.baseUrl, tokens, marketplaceId: 'EBAY_US', timeoutMs: 300, metrics });

    await client.getJson(DEFAULT_TREE);
    fake.server.failNext({ match: 'getDefaultCategoryTreeId', status: 500, body: { errors: [] } });
    await expect(client.getJson(DEFAULT_TREE)).rejects.toThrow();
    fake.server.failNext({ match: 'getDefaultCategoryTreeId', status: 429, headers: { 'retry-after': '2' } });
    await expect(client.getJson(DEFAULT_TREE)).rejects.toThrow();
    fake.server.failNext({ match: 'getDefaultCategoryTreeId', status: 200, body: {}, delayMs: 1000 });
    await expect(client.getJson(DEFAULT_TREE)).rejects.toThrow(/did not answer/);

    const text = await scrape();
    const calls = (outcome: string): number =>
      sample(text, 'easyflip_external_call_duration_seconds_count', { service: 'ebay', operation: 'Taxonomy', outcome });
    expect([calls('ok'), calls('error'), calls('rate_limited'), calls('timeout')]).toEqual([1, 1, 1, 1]);
    const errors = (outcome: string): number => sample(text, 'easyflip_external_call_errors_total', { service: 'ebay', operation: 'Taxonomy', outcome });
    expect([errors('error'), errors('rate_limited'), errors('timeout')]).toEqual([1, 1, 1]);
  });

  it('times the OCR of an ingested photo', async () => {
    const { batches } = harness.container.services;
    const batch = await batches.createBatch({ actor: 'test' });
    await harness.container.runtime.start();
    await batches.addPhoto(batch.id, { fileName: 'IMG_0001.jpg', content: createReadStream(path.join(exampleBatchDir, 'IMG_0001.jpg')) });
    await harness.container.runtime.whenIdle();

    const text = await scrape();
    expect(sample(text, 'easyflip_external_call_duration_seconds_count', { service: 'tesseract', operation: 'recognize', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('shows the state of each breaker', async () => {
    harness.container.metrics!.recordBreakerState({ service: 'vision', state: 'open' });
    let text = await scrape();
    expect(sample(text, 'easyflip_circuit_breaker_state', { service: 'vision', state: 'open' })).toBe(1);
    expect(sample(text, 'easyflip_circuit_breaker_state', { service: 'vision', state: 'closed' })).toBe(0);

    harness.container.metrics!.recordBreakerState({ service: 'vision', state: 'closed' });
    text = await scrape();
    expect(sample(text, 'easyflip_circuit_breaker_state', { service: 'vision', state: 'open' })).toBe(0);
    expect(sample(text, 'easyflip_circuit_breaker_state', { service: 'vision', state: 'closed' })).toBe(1);
  });
});
