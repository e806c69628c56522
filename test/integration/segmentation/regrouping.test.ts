import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageProcessor } from '../../../src/adapters/images/sharp-image-processor.ts';
import type { ItemDto } from '../../../src/contracts/batch.ts';
import { processFolder } from '../../../src/cli/process-folder.ts';
import { buildHttpApp } from '../../../src/http/app.ts';
import type { BarcodeReader } from '../../../src/ports/barcode-reader.ts';
import { encodeJpeg } from '../../../scripts/lib/camera-roll-drawing.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { databaseEngines } from '../../support/database.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

/** A camera roll in flat colours: what OCR reads on each photo is scripted. */
const ROLL: ReadonlyArray<{ name: string; colour: string; text: string }> = [
  { name: 'IMG_0001.jpg', colour: '#806040', text: '' },
  { name: 'IMG_0002.jpg', colour: '#f0f0f0', text: 'SKU 1001\n1.2 lb' },
  { name: 'IMG_0003.jpg', colour: '#203080', text: '' },
  { name: 'IMG_0004.jpg', colour: '#3050a0', text: '' },
  { name: 'IMG_0005.jpg', colour: '#f1f1f1', text: 'SKU 1002\n567 g' },
  { name: 'IMG_0006.jpg', colour: '#a02020', text: '' },
  { name: 'IMG_0007.jpg', colour: '#c06040', text: '' },
  { name: 'IMG_0008.jpg', colour: '#f2f2f2', text: 'SKU 1003\n0.5 kg' },
  { name: 'IMG_0009.jpg', colour: '#208030', text: '' },
];

const noBarcodes: BarcodeReader = { read: () => Promise.resolve([]) };

async function drawRoll(dir: string, recognizer: ScriptedTextRecognizer): Promise<void> {
  const processor = new SharpImageProcessor();
  for (const [index, photo] of ROLL.entries()) {
    const pixels = sharp({ create: { width: 640, height: 480, channels: 3, background: photo.colour } });
    const jpeg = await encodeJpeg({ jpegReady: pixels }, new Date(Date.UTC(2024, 5, 1, 10, index)));
    await writeFile(path.join(dir, photo.name), jpeg);
    // What the pipeline hands OCR is the photo's AI rendition: the script answers for those bytes.
    recognizer.script((await processor.process(jpeg)).derivatives.ai, photo.text);
  }
}

describe.each(databaseEngines)('regrouping a batch by hand on $name', (engine) => {
  let harness: TestContainer;
  let app: FastifyInstance;
  let batchId: string;
  let folder: string;
  const recognizer = new ScriptedTextRecognizer();

  const items = async (): Promise<ItemDto[]> => (await harness.container.services.batches.listItems(batchId)).items;
  const names = (item: ItemDto | undefined): string[] => item?.photos.map((photo) => photo.originalName) ?? [];
  const analysedAt = async (itemId: string): Promise<number> =>
    (await harness.container.repositories.analyses.get(itemId))?.createdAt.getTime() ?? 0;
  const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'easyflip-regroup-'));
    await drawRoll(folder, recognizer);
    harness = await openTestContainer(engine, { textRecognizer: recognizer, barcodeReader: noBarcodes });
    const outDir = path.join(folder, 'out');
    const result = await processFolder(harness.container, { folder, outDir: outDir });
    await rm(outDir, { recursive: true, force: true });
    batchId = result.batchId;
    app = await buildHttpApp(harness.container.services, { logger: false, maxUploadBytes: 1_000_000, maxFilesPerRequest: 10 });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await harness?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('starts from the segmentation: three items, one orphan', async () => {
    const listed = await items();
    expect(listed.map((item) => [item.sku, names(item)])).toEqual([
      ['1001', ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg']],
      ['1002', ['IMG_0005.jpg', 'IMG_0006.jpg', 'IMG_0007.jpg']],
      ['1003', ['IMG_0008.jpg', 'IMG_0009.jpg']],
    ]);
    expect((await harness.container.services.batches.listItems(batchId)).orphans.map((photo) => photo.originalName)).toEqual(['IMG_0001.jpg']);
  });

  it('moves a photo to another item and analyses the two touched items again, and only them', async () => {
    const [first, second, third] = await items();
    const before = { first: await analysedAt(first!.id), second: await analysedAt(second!.id), third: await analysedAt(third!.id) };
    const moved = second!.photos.find((photo) => photo.originalName === 'IMG_0007.jpg')!;

    const response = await post(`/api/batches/${batchId}/photos/move`, { photoIds: [moved.id], toItemId: third!.id });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ touchedItemIds: [second!.id, third!.id], createdItemIds: [], deletedItemIds: [] });
    await harness.container.runtime.whenIdle();

    const after = await items();
    expect(after.map(names)).toEqual([
      ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg'],
      ['IMG_0005.jpg', 'IMG_0006.jpg'],
      ['IMG_0008.jpg', 'IMG_0007.jpg', 'IMG_0009.jpg'],
    ]);
    expect(await analysedAt(first!.id)).toBe(before.first);
    expect(await analysedAt(second!.id)).toBeGreaterThan(before.second);
    expect(await analysedAt(third!.id)).toBeGreaterThan(before.third);
    expect(after.every((item) => item.status === 'ready_for_review' && item.listing !== null)).toBe(true);
    expect((await harness.container.repositories.batches.get(batchId))?.status).toBe('completed');
  });

  it('splits an item at a photo: a new item opens there, positions follow, the weight stays with its label', async () => {
    const [first] = await items();
    const at = first!.photos.find((photo) => photo.originalName === 'IMG_0004.jpg')!;
    const response = await post(`/api/batches/${batchId}/items/${first!.id}/split`, { fromPhotoId: at.id });
    expect(response.statusCode).toBe(200);
    const result = response.json<{ touchedItemIds: string[]; createdItemIds: string[] }>();
    expect(result.touchedItemIds).toEqual([first!.id]);
    expect(result.createdItemIds).toHaveLength(1);
    await harness.container.runtime.whenIdle();

    const after = await items();
    expect(after.map((item) => [item.position, item.sku, names(item)])).toEqual([
      [1, '1001', ['IMG_0002.jpg', 'IMG_0003.jpg']],
      [2, null, ['IMG_0004.jpg']],
      [3, '1002', ['IMG_0005.jpg', 'IMG_0006.jpg']],
      [4, '1003', ['IMG_0008.jpg', 'IMG_0007.jpg', 'IMG_0009.jpg']],
    ]);
    expect(after[0]?.weight?.grams).toBe(544.3);
    expect(after[1]?.id).toBe(result.createdItemIds[0]);
    expect(after[1]?.flags.map((flag) => flag.code)).toEqual(['NO_ITEM_PHOTOS', 'NO_WEIGHT']);
    expect(after[1]?.analysis).not.toBeNull();
    expect(after[1]?.status).toBe('ready_for_review');
  });

  it('merges items back into the first, deleting the other', async () => {
    const [first, created] = await items();
    const response = await post(`/api/batches/${batchId}/items/merge`, { itemIds: [created!.id, first!.id] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ touchedItemIds: [first!.id], createdItemIds: [], deletedItemIds: [created!.id] });
    await harness.container.runtime.whenIdle();
    const after = await items();
    expect(after.map((item) => [item.position, names(item)])).toEqual([
      [1, ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg']],
      [2, ['IMG_0005.jpg', 'IMG_0006.jpg']],
      [3, ['IMG_0008.jpg', 'IMG_0007.jpg', 'IMG_0009.jpg']],
    ]);
    expect(await harness.container.repositories.items.get(created!.id)).toBeNull();
  });

  it('opens an item at an orphan marked as a SKU photo', async () => {
    const orphan = (await harness.container.services.batches.listItems(batchId)).orphans[0]!;
    const response = await post(`/api/batches/${batchId}/sku-photo`, { photoId: orphan.id });
    expect(response.statusCode).toBe(200);
    await harness.container.runtime.whenIdle();
    const listed = await harness.container.services.batches.listItems(batchId);
    expect(listed.orphans).toEqual([]);
    expect(listed.items.map((item) => [item.position, names(item)])[0]).toEqual([1, ['IMG_0001.jpg']]);
    expect(listed.items[0]?.photos[0]?.role).toBe('sku');
    expect(listed.items.map((item) => item.position)).toEqual([1, 2, 3, 4]);
  });

  it('answers a malformed request with 400 and an unknown photo with 404, changing nothing', async () => {
    const before = (await items()).map(names);
    expect((await post(`/api/batches/${batchId}/photos/move`, { photoIds: [] })).statusCode).toBe(400);
    const unknown = await post(`/api/batches/${batchId}/photos/move`, {
      photoIds: ['00000000-0000-4000-8000-000000000000'],
      toItemId: null,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await items()).map(names)).toEqual(before);
  });

  it('keeps the text read at ingest: after four regroupings, each photo was read once', () => {
    expect(recognizer.calls).toHaveLength(ROLL.length);
  });
});
