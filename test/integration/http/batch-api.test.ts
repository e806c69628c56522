import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDto, BatchItemsDto, BatchStatusDto, UploadedPhotoResult } from '../../../src/contracts/batch.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const ITEM_PHOTOS = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0006.jpg'];

describe.each(databaseEngines)('the batch API on $name', (engine) => {
  let harness: TestContainer;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    harness = await openTestContainer(engine, { textRecognizer: new ScriptedTextRecognizer() }, { PUBLIC_BASE_URL: 'https://photos.example.com' });
    app = await buildHttpApp(harness.container.services, { logger: false, maxUploadBytes: 5 * 1024 * 1024, maxFilesPerRequest: 50 });
    await harness.container.runtime.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
  });

  async function upload(batchId: string, files: Array<{ name: string; bytes: Buffer }>): Promise<Response> {
    const form = new FormData();
    for (const file of files) form.append('photos', new Blob([file.bytes]), file.name);
    return fetch(`${base}/api/batches/${batchId}/photos`, { method: 'POST', body: form });
  }

  it('answers liveness and readiness', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok' } });
  });

  it('takes a batch from upload to listings and the Seller Hub CSV', async () => {
    const created = await fetch(`${base}/api/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Saturday thrift haul' }),
    });
    expect(created.status).toBe(201);
    const batch = (await created.json()) as BatchDto;
    expect(batch).toMatchObject({ name: 'Saturday thrift haul', status: 'open' });

    const files = await Promise.all(
      ITEM_PHOTOS.map(async (name) => ({ name, bytes: await readFile(path.join(exampleBatchDir, name)) })),
    );
    const uploaded = await upload(batch.id, [...files, { name: 'notes.txt', bytes: Buffer.from('pit to pit 21"') }]);
    expect(uploaded.status).toBe(201);
    const { photos } = (await uploaded.json()) as { photos: UploadedPhotoResult[] };
    expect(photos.map((photo) => photo.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

    const again = await upload(batch.id, [files[0]!]);
    const [repeat] = ((await again.json()) as { photos: UploadedPhotoResult[] }).photos;
    expect(repeat).toMatchObject({ status: 'accepted', duplicate: true });

    expect((await fetch(`${base}/api/batches/${batch.id}/submit`, { method: 'POST' })).status).toBe(202);
    await harness.container.runtime.whenIdle();

    const status = (await (await fetch(`${base}/api/batches/${batch.id}`)).json()) as BatchStatusDto;
    expect(status).toMatchObject({ status: 'completed', photos: { total: 4, ingested: 3, rejected: 1 }, items: { total: 1 } });

    const items = (await (await fetch(`${base}/api/batches/${batch.id}/items`)).json()) as BatchItemsDto;
    expect(items.items[0]?.sku).toBe('EF-10234');
    expect(items.rejected[0]).toMatchObject({ originalName: 'notes.txt', error: { code: 'UNSUPPORTED_TYPE' } });

    const strict = await fetch(`${base}/api/batches/${batch.id}/export.csv`);
    const needingAttention = items.items.filter((item) => item.review?.state === 'needs_attention');
    expect(strict.headers.get('x-held-back-items')).toBe(needingAttention.map((item) => item.position).join(','));
    if (needingAttention.length > 0) expect(await strict.text()).not.toContain('Draft,EF-10234,');

    const csv = await fetch(`${base}/api/batches/${batch.id}/export.csv?include=needs_attention`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('x-held-back-items')).toBe('');
    const text = await csv.text();
    expect(text).toContain('Draft,EF-10234,');
    const itemPhoto = items.items[0]!.photos[1]!;
    expect(text).toContain(`https://photos.example.com/api/photos/${itemPhoto.id}/ebay.jpg`);

    const derivative = await fetch(`${base}/api/photos/${itemPhoto.id}/ebay.jpg`);
    expect(derivative.status).toBe(200);
    const metadata = await sharp(Buffer.from(await derivative.arrayBuffer())).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
  });

  it('refuses photos for a batch that was already submitted, saying why', async () => {
    const batch = (await (await fetch(`${base}/api/batches`, { method: 'POST' })).json()) as BatchDto;
    await fetch(`${base}/api/batches/${batch.id}/submit`, { method: 'POST' });
    const late = await upload(batch.id, [{ name: 'late.jpg', bytes: await readFile(path.join(exampleBatchDir, 'IMG_0003.jpg')) }]);
    expect(late.status).toBe(422);
    const { photos } = (await late.json()) as { photos: UploadedPhotoResult[] };
    expect(photos[0]).toMatchObject({ status: 'refused', error: { code: 'BATCH_NOT_OPEN' } });
  });

  it('answers unknown batches with 404 and malformed ids with 400, as JSON errors', async () => {
    const missing = await fetch(`${base}/api/batches/6f1c2b9e-8d4a-4f5e-9b7c-2a1d3e4f5a6b`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const malformed = await fetch(`${base}/api/batches/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('asks for multipart when photos arrive another way', async () => {
    const batch = (await (await fetch(`${base}/api/batches`, { method: 'POST' })).json()) as BatchDto;
    const response = await fetch(`${base}/api/batches/${batch.id}/photos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('multipart/form-data') } });
  });
});
