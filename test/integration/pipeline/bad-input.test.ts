import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processFolder, type ProcessFolderResult } from '../../../src/cli/process-folder.ts';
import { writeBadInputCorpus, type CorpusEntry } from '../../support/bad-input-corpus.ts';
import { databaseEngines } from '../../support/database.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';
import { repoRoot } from '../../support/shared-data.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** One real item of the sample batch: its SKU label, then its photos. */
const ITEM_PHOTOS = ['IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg', 'IMG_0005.jpg', 'IMG_0006.jpg'];
const HEIC_FIXTURE = path.join(repoRoot, 'test/integration/images/fixtures/quadrants-p3.heic');

describe.each(databaseEngines)('a folder full of bad input, on $name', (engine) => {
  let harness: TestContainer;
  let folder: string;
  let corpus: CorpusEntry[];
  let result: ProcessFolderResult;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bad-input-'));
    corpus = await writeBadInputCorpus(folder, MAX_UPLOAD_BYTES);
    for (const name of ITEM_PHOTOS) await copyFile(path.join(exampleBatchDir, name), path.join(folder, name));
    await copyFile(HEIC_FIXTURE, path.join(folder, 'iphone.heic'));
    harness = await openTestContainer(
      engine,
      { textRecognizer: new ScriptedTextRecognizer() },
      { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
    );
    result = await processFolder(harness.container, { folder, outDir: path.join(folder, 'out') });
  }, 180_000);

  afterAll(async () => {
    await harness?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('completes the batch, with the good photos grouped into their item', () => {
    expect(result.completed).toBe(true);
    expect(result.deadLetters).toEqual([]);
    expect(result.items.items.map((item) => item.sku)).toEqual(['EF-10234']);
    const names = result.items.items[0]!.photos.map((photo) => photo.originalName);
    expect(names.slice(0, ITEM_PHOTOS.length)).toEqual(ITEM_PHOTOS);
  });

  it('gives each unusable photo its own clear reason', () => {
    const rejected = new Map(result.items.rejected.map((photo) => [photo.originalName, photo.error] as const));
    for (const entry of corpus.filter((entry) => !['ok', 'duplicate', 'FILE_TOO_LARGE'].includes(entry.expected))) {
      const error = rejected.get(entry.fileName);
      expect(error?.code, entry.fileName).toBe(entry.expected);
      expect(error?.message.length, entry.fileName).toBeGreaterThan(20);
    }
  });

  it('refuses a file over the size limit at upload, saying what the limit is', () => {
    const huge = corpus.find((entry) => entry.expected === 'FILE_TOO_LARGE')!;
    expect(result.refused).toEqual([{ fileName: huge.fileName, code: 'FILE_TOO_LARGE', message: expect.stringContaining('2 MB') }]);
  });

  it('takes the same bytes under a second name as one photo', async () => {
    const twins = ['jacket-front.jpg', 'jacket-front (1).jpg'];
    expect(result.duplicates).toHaveLength(1);
    expect(twins).toContain(result.duplicates[0]);
    const photos = await harness.container.repositories.photos.listByBatch(result.batchId);
    expect(photos.filter((photo) => twins.includes(photo.originalName))).toHaveLength(1);
  });

  it('ingests every good photo, HEIC, PNG, WebP and odd file names included', async () => {
    const photos = await harness.container.repositories.photos.listByBatch(result.batchId);
    const ingested = new Set(photos.filter((photo) => photo.status === 'ingested').map((photo) => photo.originalName));
    const goodFiles = corpus.filter((entry) => entry.expected === 'ok' && !entry.fileName.startsWith('jacket-front'));
    for (const entry of goodFiles) expect(ingested, entry.fileName).toContain(entry.fileName);
    expect(ingested).toContain('iphone.heic');
    expect(photos.find((photo) => photo.originalName === 'iphone.heic')?.mimeType).toBe('image/heic');
  });
});
