import { readFile } from 'node:fs/promises';
import path from 'node:path';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZxingBarcodeReader } from '../../../src/adapters/barcodes/zxing-barcode-reader.ts';
import { TesseractTextRecognizer } from '../../../src/adapters/ocr/tesseract-text-recognizer.ts';
import { repoRoot } from '../../support/shared-data.ts';

/** The committed sample batch (scripts/generate-example-batch.ts) and its ground truth. */
const batchDir = path.join(repoRoot, 'examples', 'batch');

interface ExpectedPhoto {
  file: string;
  kind: 'garment' | 'sku-label' | 'tag';
  dateTimeOriginal: string;
  capturedAt: string;
  orientation?: number;
}

interface ExpectedItem {
  sku: string;
  weightText: string;
  weightGrams: number;
  skuPhoto: string;
  photos: string[];
  tag: { photo: string; brand: string; size: string; material: string; countryOfOrigin: string; text: string[] };
}

interface ExpectedBatch {
  photos: ExpectedPhoto[];
  orphans: string[];
  items: ExpectedItem[];
}

async function readPhoto(file: string): Promise<Buffer> {
  return readFile(path.join(batchDir, file));
}

/** What the pipeline hands the barcode reader: upright greyscale pixels. */
async function toGreyScan(photo: Buffer): Promise<{ data: Buffer; width: number; height: number; channels: 1 }> {
  const { data, info } = await sharp(photo).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** What the pipeline hands OCR: the upright ~1024 px derivative. */
async function toOcrImage(photo: Buffer): Promise<Buffer> {
  return sharp(photo).rotate().resize(1024, 1024, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
}

/** Whitespace-separated words, so "L" only matches a word "L", not the L of "POLYESTER". */
function containsWords(text: string, phrase: string): boolean {
  const words = (value: string): string => ` ${value.split(/\s+/).filter(Boolean).join(' ')} `;
  return words(text).includes(words(phrase));
}

describe('the example batch', async () => {
  const expected = JSON.parse(await readFile(`${batchDir}.expected.json`, 'utf8')) as ExpectedBatch;
  const reader = new ZxingBarcodeReader();
  let recognizer: TesseractTextRecognizer;

  beforeAll(() => {
    recognizer = new TesseractTextRecognizer({ workers: 2 });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('names its photos IMG_0001.jpg onwards, with capture times in the same order', async () => {
    expect(expected.photos.map((photo) => photo.file)).toEqual(
      expected.photos.map((_, index) => `IMG_${String(index + 1).padStart(4, '0')}.jpg`),
    );
    let previous = 0;
    for (const photo of expected.photos) {
      const metadata = await sharp(await readPhoto(photo.file)).metadata();
      expect(metadata.exif, photo.file).toBeDefined();
      const exif = exifReader(metadata.exif!);
      const taken = exif.Photo?.DateTimeOriginal;
      expect(taken?.toISOString(), photo.file).toBe(photo.capturedAt);
      expect(taken!.getTime(), photo.file).toBeGreaterThan(previous);
      previous = taken!.getTime();
      expect(metadata.orientation ?? 1, photo.file).toBe(photo.orientation ?? 1);
    }
  });

  it('puts every photo either in one item or among the orphans', () => {
    const grouped = [...expected.orphans, ...expected.items.flatMap((item) => item.photos)];
    expect([...grouped].sort()).toEqual(expected.photos.map((photo) => photo.file));
    expect(expected.orphans).toEqual([expected.photos[0]?.file]);
    for (const item of expected.items) expect(item.photos[0]).toBe(item.skuPhoto);
  });

  it('has a Code128 barcode of its SKU on each label photo', async () => {
    for (const item of expected.items) {
      const found = await reader.read(await toGreyScan(await readPhoto(item.skuPhoto)));
      expect(found, item.skuPhoto).toEqual([{ format: 'Code128', text: item.sku }]);
    }
  });

  it('has no barcode on any other photo', async () => {
    const others = expected.photos.filter((photo) => photo.kind !== 'sku-label');
    for (const photo of others) {
      expect(await reader.read(await toGreyScan(await readPhoto(photo.file))), photo.file).toEqual([]);
    }
  });

  it('prints a SKU and a weight line that OCR reads on each label', async () => {
    const results = await Promise.all(
      expected.items.map(async (item) => recognizer.recognize(await toOcrImage(await readPhoto(item.skuPhoto)))),
    );
    expected.items.forEach((item, index) => {
      const text = results[index]!.text;
      expect(containsWords(text, item.sku), `${item.skuPhoto}: ${text}`).toBe(true);
      // Tesseract tends to drop the space between a number and its unit ("1Lb"); the characters must all be right.
      expect(text.replace(/\s+/g, ''), item.skuPhoto).toContain(item.weightText.replace(/\s+/g, ''));
    });
  });

  it('prints brand, size, material and origin that OCR reads on each tag', async () => {
    const results = await Promise.all(
      expected.items.map(async (item) => recognizer.recognize(await toOcrImage(await readPhoto(item.tag.photo)))),
    );
    expected.items.forEach((item, index) => {
      const text = results[index]!.text;
      for (const phrase of item.tag.text) {
        expect(containsWords(text, phrase), `${item.tag.photo} should read "${phrase}" in: ${text}`).toBe(true);
      }
      expect(item.tag.text).toEqual(expect.arrayContaining([item.tag.brand, item.tag.size, item.tag.material]));
    });
  });

  it('states weights in grams that match the printed weights', () => {
    const gramsPer: Record<string, number> = { kg: 1000, lb: 453.59237, oz: 28.349523125 };
    for (const item of expected.items) {
      let grams = 0;
      for (const [, amount, unit] of item.weightText.toLowerCase().matchAll(/([\d.]+)\s*(kg|lb|oz)/g)) {
        grams += Number(amount) * gramsPer[unit!]!;
      }
      expect(item.weightGrams, item.weightText).toBeCloseTo(grams, 0);
    }
  });
});
