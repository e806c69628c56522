import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoRecord } from '../../../src/ports/repositories.ts';
import { databaseEngines } from '../../support/database.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const HOODIE = sharedPath('photos', 'garments', 'Hoodie_10529e10-2487-405d-93e9-696e1cc81f96.jpg');
const SHIRT = sharedPath('photos', 'garments', 'Shirt_26bed63e-d57c-4a07-9bc9-4c17b5e85989.jpg');
const OTHER_HOODIE = sharedPath('photos', 'garments', 'Hoodie_58a89ae2-5ea0-4c00-96c7-2476e7d9b3f2.jpg');

/** The same shot again a moment later: framed 3% to the side and saved anew. */
async function reshoot(photo: Buffer): Promise<Buffer> {
  const { width, height } = await sharp(photo).metadata();
  const left = Math.round(width * 0.03);
  return sharp(photo).extract({ left, top: 0, width: width - left, height }).jpeg({ quality: 80 }).toBuffer();
}

describe.skipIf(!hasSharedData()).each(databaseEngines)('near-duplicate photos in a batch, on $name', (engine) => {
  let harness: TestContainer;
  let photos: Map<string, PhotoRecord>;

  beforeAll(async () => {
    harness = await openTestContainer(engine, { textRecognizer: new ScriptedTextRecognizer() });
    await harness.container.runtime.start();
    const hoodie = await readFile(HOODIE);
    const uploads: Array<[string, Buffer]> = [
      ['hoodie.jpg', hoodie],
      ['shirt.jpg', await readFile(SHIRT)],
      ['hoodie-again.jpg', await reshoot(hoodie)],
      ['other-hoodie.jpg', await readFile(OTHER_HOODIE)],
      ['hoodie-brighter.jpg', await sharp(hoodie).linear(1.12, 8).jpeg({ quality: 85 }).toBuffer()],
    ];
    const { batches } = harness.container.services;
    const batch = await batches.createBatch({ name: 'look-alikes', actor: 'test' });
    // Uploaded in camera-roll order (which decides the earliest look-alike); ingested side by
    // side as they arrive, so they finish in any order.
    for (const [fileName, content] of uploads) await batches.addPhoto(batch.id, { fileName, content });
    await harness.container.runtime.whenIdle();
    const listed = await harness.container.repositories.photos.listByBatch(batch.id);
    photos = new Map(listed.map((photo) => [photo.originalName, photo]));
  }, 120_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it('keeps a perceptual hash for every ingested photo', () => {
    for (const photo of photos.values()) {
      expect(photo.status).toBe('ingested');
      expect(photo.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('flags a reshoot and a brightened copy as near duplicates of the first photo, for the seller to see', () => {
    const first = photos.get('hoodie.jpg')!;
    for (const name of ['hoodie-again.jpg', 'hoodie-brighter.jpg']) {
      const photo = photos.get(name)!;
      expect(photo.nearDuplicateOf, name).toBe(first.id);
      expect(photo.quality?.nearDuplicateOf, name).toBe(first.id);
    }
  });

  it('leaves the first photo and different garments, even another hoodie, unflagged', () => {
    for (const name of ['hoodie.jpg', 'shirt.jpg', 'other-hoodie.jpg']) {
      expect(photos.get(name)!.nearDuplicateOf ?? null, name).toBeNull();
      expect(photos.get(name)!.quality?.nearDuplicateOf, name).toBeUndefined();
    }
  });

  it('keeps the earliest look-alike, whatever order the links arrive in', async () => {
    const repository = harness.container.repositories.photos;
    const first = photos.get('hoodie.jpg')!;
    const again = photos.get('hoodie-again.jpg')!;
    const brighter = photos.get('hoodie-brighter.jpg')!;
    await repository.markNearDuplicate(brighter.id, again.id);
    expect((await repository.get(brighter.id))!.nearDuplicateOf).toBe(first.id);
    await repository.markNearDuplicate(first.id, first.id);
    expect((await repository.get(first.id))!.nearDuplicateOf).toBeNull();
  });
});
