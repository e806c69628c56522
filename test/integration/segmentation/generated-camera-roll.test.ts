import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDto } from '../../../src/contracts/batch.ts';
import { processFolder, type ProcessFolderResult } from '../../../src/cli/process-folder.ts';
import { prepareCameraRoll, type GeneratedCameraRoll } from '../../support/camera-roll-generator.ts';
import { databaseEngines } from '../../support/database.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

/**
 * A 32-item camera roll drawn by code (labels with Code128 upright and sideways, QR codes, printed
 * and hand-written text only; garment photos from the CC0 dataset; tags, hang tags, scales) goes
 * through the whole offline pipeline, with the real barcode reader and OCR. The roll is about the
 * reading and grouping, not the database, so it runs on the embedded engine only; the regrouping
 * tests cover both engines.
 */
describe.skipIf(!hasSharedData())('a generated camera roll of 32 items, read offline', () => {
  let roll: GeneratedCameraRoll;
  let harness: TestContainer;
  let outDir: string;
  let result: ProcessFolderResult;

  beforeAll(async () => {
    roll = await prepareCameraRoll({ garmentsDir: sharedPath('photos', 'garments') });
    const engine = databaseEngines[0];
    if (engine === undefined) throw new Error('no database engine');
    harness = await openTestContainer(engine, {}, { OCR_WORKERS: '2', SCALE_UNIT: 'lb' });
    outDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-roll-out-'));
    result = await processFolder(harness.container, { folder: roll.dir, outDir });
  }, 600_000);

  afterAll(async () => {
    await harness?.dispose();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const photoNames = (item: ItemDto): string[] => item.photos.map((photo) => photo.originalName);

  it('completes with nothing dead-lettered', () => {
    expect(result.completed).toBe(true);
    expect(result.deadLetters).toEqual([]);
    expect(roll.items.length).toBeGreaterThanOrEqual(30);
  });

  it('groups every photo into the right item, SKU photos first: 100% of the items', () => {
    expect(result.items.items.map(photoNames)).toEqual(roll.items.map((item) => item.photos));
    for (const [index, item] of result.items.items.entries()) {
      const skuPhotos = roll.items[index]?.skuPhotos ?? [];
      expect(item.photos.filter((photo) => photo.role === 'sku').map((photo) => photo.originalName)).toEqual(skuPhotos.slice(0, 1));
    }
  });

  it('finds the photos shot before the first label as orphans', () => {
    expect(result.items.orphans.map((photo) => photo.originalName)).toEqual(roll.orphans);
  });

  it('reads the SKU of every label, by barcode, QR code or its text', () => {
    expect(result.items.items.map((item) => item.sku)).toEqual(roll.items.map((item) => item.sku));
  });

  it('flags the label with no photo after it and the item with a long pause', () => {
    for (const [index, truth] of roll.items.entries()) {
      const codes = result.items.items[index]?.flags.map((flag) => flag.code) ?? [];
      for (const expected of truth.flags.filter((code) => code !== 'NO_WEIGHT')) expect(codes, `item ${index}`).toContain(expected);
      if (!truth.flags.includes('TIME_GAP')) expect(codes, `item ${index}`).not.toContain('TIME_GAP');
    }
  });

  it('reads most weights from labels and scales, never a wrong one', () => {
    let read = 0;
    for (const [index, truth] of roll.items.entries()) {
      const weight = result.items.items[index]?.weight ?? null;
      if (truth.weightGrams === null) {
        expect(weight, `item ${index} has no weight to read`).toBeNull();
        continue;
      }
      if (weight === null) continue;
      expect(Math.abs(weight.grams - truth.weightGrams), `item ${index}: ${weight.text}`).toBeLessThan(2);
      read += 1;
    }
    const readable = roll.items.filter((item) => item.weightGrams !== null).length;
    expect(read / readable).toBeGreaterThanOrEqual(0.75);
  });

  it('reads the weight of an item whose label has none from the scale photographed after it', () => {
    for (const [index, truth] of roll.items.entries()) {
      if (truth.weightFrom !== 'scale') continue;
      expect(result.items.items[index]?.weight, `item ${index}`).toMatchObject({ source: 'scale' });
    }
  });

  it('fills the product code from a retail hang tag without opening an item', () => {
    expect(result.items.items.map((item) => item.productCode)).toEqual(roll.items.map((item) => item.productCode));
  });

  it('reads the brand of every tag close-up and most sizes, a lone letter included, with the tag photo as evidence', () => {
    let sizes = 0;
    let tags = 0;
    for (const [index, truth] of roll.items.entries()) {
      if (truth.tag === null) continue;
      tags += 1;
      const item = result.items.items[index];
      const brand = item?.analysis?.attributes.brand?.[0];
      expect(brand?.value.toLowerCase(), `item ${index}`).toBe(truth.tag.brand.toLowerCase());
      const tagPhoto = item?.photos.find((photo) => photo.id === brand?.evidence[0]?.photoId);
      expect(roll.photos.find((photo) => photo.file === tagPhoto?.originalName)?.kind, `item ${index}`).toBe('tag');
      if (item?.analysis?.attributes.size?.[0]?.value === truth.tag.size) sizes += 1;
    }
    expect(sizes / tags).toBeGreaterThanOrEqual(0.75);
  });

  it("gives every item with garment photos a colour from the garment's pixels", () => {
    for (const [index, truth] of roll.items.entries()) {
      if (truth.garment === null) continue;
      const colour = result.items.items[index]?.analysis?.attributes.color?.[0];
      expect(colour?.evidence[0]?.source, `item ${index}`).toBe('pixels');
    }
  });
});
