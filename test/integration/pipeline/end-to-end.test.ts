import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processFolder, type ProcessFolderResult } from '../../../src/cli/process-folder.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir, readExampleBatchTruth, type ExampleBatchTruth } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

describe.each(databaseEngines)('a camera roll processed end to end on $name', (engine) => {
  let harness: TestContainer;
  let outDir: string;
  let result: ProcessFolderResult;
  let truth: ExampleBatchTruth;

  beforeAll(async () => {
    truth = await readExampleBatchTruth();
    harness = await openTestContainer(engine);
    outDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-out-'));
    result = await processFolder(harness.container, { folder: exampleBatchDir, outDir });
  }, 240_000);

  afterAll(async () => {
    await harness?.dispose();
    await rm(outDir, { recursive: true, force: true });
  });

  it('completes the batch with every item ready for review and nothing dead-lettered', () => {
    expect(result.completed).toBe(true);
    expect(result.deadLetters).toEqual([]);
    expect(result.items.items.map((item) => item.status)).toEqual(truth.items.map(() => 'ready_for_review'));
  });

  it('opens one item per SKU label, with the SKU read from its barcode', () => {
    expect(result.items.items.map((item) => item.sku)).toEqual(truth.items.map((item) => item.sku));
  });

  it('groups the photos after each label into its item, in shooting order', () => {
    const grouped = result.items.items.map((item) => item.photos.map((photo) => photo.originalName));
    expect(grouped).toEqual(truth.items.map((item) => item.photos));
    for (const item of result.items.items) {
      expect(item.photos[0]?.role).toBe('sku');
      expect(item.photos.slice(1).every((photo) => photo.role === 'item')).toBe(true);
    }
  });

  it('reports the photos shot before the first label as orphans', () => {
    expect(result.items.orphans.map((photo) => photo.originalName)).toEqual(truth.orphans);
  });

  it('reads the brand from each item tag, with the photo and the words as evidence', () => {
    for (const [index, item] of result.items.items.entries()) {
      const brand = item.analysis?.attributes.brand?.[0];
      expect(brand?.value).toBe(truth.items[index]!.tag.brand);
      const tagPhoto = item.photos.find((photo) => photo.id === brand?.evidence[0]?.photoId);
      expect(tagPhoto?.role).toBe('item');
      expect(brand?.evidence[0]?.text).toBeTruthy();
    }
  });

  it('keeps every weight it reads with its evidence, and never makes one up', () => {
    for (const [index, item] of result.items.items.entries()) {
      if (!item.weight) {
        expect(item.flags.map((flag) => flag.code)).toContain('NO_WEIGHT');
        continue;
      }
      expect(item.weight.photoId).toBe(item.skuPhotoId);
      expect(item.weight.text).not.toBe('');
      // A label read in full gives the true weight; a partial read ("1 lb" of "1 lb 4.2 oz") is kept as read.
      expect(item.weight.grams).toBeLessThanOrEqual(truth.items[index]!.weightGrams + 1);
    }
    expect(result.items.items.filter((item) => item.weight?.grams === undefined).length).toBeLessThan(truth.items.length);
  });

  it('composes a listing for every item: a title of at most 80 characters, a category, a description', () => {
    for (const item of result.items.items) {
      expect(item.listing).not.toBeNull();
      expect(item.listing!.title.length).toBeGreaterThan(0);
      expect(item.listing!.title.length).toBeLessThanOrEqual(80);
      expect(item.listing!.categoryId).toMatch(/^\d+$/);
      expect(item.listing!.descriptionHtml).toContain(item.sku!);
      expect(item.price).toEqual(expect.objectContaining({ status: 'no_source' }));
    }
  });

  it('states the measurements it read on the tags, and puts them in the listing', () => {
    const jeans = result.items.items[0]!;
    const read = jeans.analysis!.measurements!.map((claim) => [claim.name, claim.inches]);
    expect(read).toEqual(expect.arrayContaining([['waist', 32], ['inseam', 30]]));
    expect(jeans.listing!.descriptionHtml).toMatch(/Waist[\s\S]*32/);
    expect(jeans.listing!.descriptionHtml).toMatch(/Inseam[\s\S]*30/);
  });

  it('gives each listing its pre-flight verdict, every error a sentence the seller can act on', () => {
    for (const item of result.items.items) {
      expect(item.review).not.toBeNull();
      const errors = item.review!.issues.filter((issue) => issue.severity === 'error');
      expect(item.review!.state).toBe(errors.length > 0 ? 'needs_attention' : 'clean');
      for (const error of errors) expect(error.message).toMatch(/^\S.{10,}\.$/);
    }
  });

  it('writes a Seller Hub draft row per listing that passed pre-flight, naming the ones held back, and a JSON of every item', async () => {
    const needingAttention = result.items.items.filter((item) => item.review?.state === 'needs_attention');
    expect(result.heldBack.map((held) => held.sku)).toEqual(needingAttention.map((item) => item.sku));
    for (const held of result.heldBack) expect(held.reason).toContain('Fix the listing in review, or override the check');
    const csv = await readFile(result.csvPath, 'utf8');
    const draftRows = csv.split(/\r?\n/).filter((line) => line.startsWith('Draft,'));
    expect(draftRows).toHaveLength(truth.items.length - needingAttention.length);
    const json = JSON.parse(await readFile(result.jsonPath, 'utf8')) as { items: unknown[]; orphans: unknown[] };
    expect(json.items).toHaveLength(truth.items.length);
    expect(json.orphans).toHaveLength(truth.orphans.length);
  });

  it('exports every listing as a draft when the seller asks for the ones needing attention too', async () => {
    const all = await harness.container.services.exports.exportSellerHubCsv(result.batchId, { includeNeedsAttention: true });
    expect(all.heldBack).toEqual([]);
    for (const item of truth.items) expect(all.csv).toContain(`Draft,${item.sku},`);
  });
});
