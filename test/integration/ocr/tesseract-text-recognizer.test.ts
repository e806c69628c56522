import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/contracts/errors.ts';
import {
  locateEnglishTrainedData,
  TesseractTextRecognizer,
} from '../../../src/adapters/ocr/tesseract-text-recognizer.ts';
import { hasSharedData, repoRoot, sharedPath } from '../../support/shared-data.ts';

/** Upright PNG, as the pipeline hands photos to OCR after auto-orientation. */
async function readUpright(...segments: string[]): Promise<Buffer> {
  return sharp(await readFile(sharedPath(...segments)))
    .rotate()
    .png()
    .toBuffer();
}

async function drawText(lines: string[]): Promise<Buffer> {
  const rows = lines
    .map(
      (line, index) =>
        `<text x="40" y="${90 + index * 90}" font-family="DejaVu Sans, Arial, sans-serif" font-size="56">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${80 + lines.length * 90}"><rect width="100%" height="100%" fill="#ffffff"/>${rows}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('TesseractTextRecognizer', () => {
  let recognizer: TesseractTextRecognizer;

  beforeAll(() => {
    recognizer = new TesseractTextRecognizer({ workers: 2 });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('takes its English model from node_modules, never from a CDN', () => {
    const langPath = locateEnglishTrainedData();
    expect(path.isAbsolute(langPath)).toBe(true);
    expect(langPath.startsWith(path.join(repoRoot, 'node_modules'))).toBe(true);
    expect(existsSync(path.join(langPath, 'eng.traineddata.gz'))).toBe(true);
  });

  it('reads printed lines, each with a confidence between 0 and 1', async () => {
    const result = await recognizer.recognize(await drawText(['SKU EF-20417', 'Net weight 0.57 kg']));
    expect(result.text).toContain('EF-20417');
    expect(result.text).toContain('0.57 kg');
    expect(result.lines.map((line) => line.text)).toEqual(['SKU EF-20417', 'Net weight 0.57 kg']);
    for (const line of result.lines) {
      expect(line.confidence).toBeGreaterThan(0.5);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('returns no text and zero confidence for a blank picture', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    expect(await recognizer.recognize(blank)).toEqual({ text: '', confidence: 0, lines: [] });
  });

  it('refuses an empty buffer as a permanent error', async () => {
    await expect(recognizer.recognize(Buffer.alloc(0))).rejects.toMatchObject({ code: 'EMPTY_FILE', retryable: false });
  });

  it('refuses bytes that are not an image, and keeps working afterwards', async () => {
    const failure = recognizer.recognize(Buffer.from('this is not a picture'));
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' });
    const result = await recognizer.recognize(await drawText(['Still reading']));
    expect(result.text).toBe('Still reading');
  });

  it('starts a fresh pool when used again after close', async () => {
    const reopened = new TesseractTextRecognizer({ workers: 1 });
    try {
      expect((await reopened.recognize(await drawText(['First']))).text).toBe('First');
      await reopened.close();
      expect((await reopened.recognize(await drawText(['Second']))).text).toBe('Second');
    } finally {
      await reopened.close();
    }
  });

  it('runs sparse and block reads on the same worker, switching its page segmentation each time', async () => {
    const single = new TesseractTextRecognizer({ workers: 1 });
    // A lone letter (a size tag's "L"): a sparse read drops it, a block read keeps it.
    const sizeTag = await drawText(['L']);
    try {
      expect((await single.recognize(sizeTag)).text).toBe('');
      expect((await single.recognize(sizeTag, { layout: 'block' })).text).toBe('L');
      expect((await single.recognize(sizeTag)).text).toBe('');
      expect(single.workerCount).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('queues reads beyond its workers and never starts more than it may', async () => {
    const single = new TesseractTextRecognizer({ workers: 1 });
    try {
      const words = ['Alpha', 'Bravo', 'Charlie'];
      const images = await Promise.all(words.map((word) => drawText([word])));
      const reads = images.map((image, index) => single.recognize(image, index === 1 ? { layout: 'block' } : {}));
      expect((await Promise.all(reads)).map((result) => result.text)).toEqual(words);
      expect(single.workerCount).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('stops a worker that has been idle for its timeout, and starts one again for the next read', async () => {
    const quick = new TesseractTextRecognizer({ workers: 1, idleTimeoutMs: 200 });
    try {
      expect((await quick.recognize(await drawText(['Before']))).text).toBe('Before');
      expect(quick.workerCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(quick.workerCount).toBe(0);
      expect((await quick.recognize(await drawText(['After']))).text).toBe('After');
    } finally {
      await quick.close();
    }
  });

  it('rejects a pool size that is not a positive integer', () => {
    expect(() => new TesseractTextRecognizer({ workers: 0 })).toThrow(RangeError);
    expect(() => new TesseractTextRecognizer({ workers: 1.5 })).toThrow(RangeError);
  });
});

describe.skipIf(!hasSharedData())('TesseractTextRecognizer on the shared photos', () => {
  let recognizer: TesseractTextRecognizer;

  beforeAll(() => {
    recognizer = new TesseractTextRecognizer({ workers: 2 });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('reads "Tesseract.js" from the simple sample', async () => {
    const result = await recognizer.recognize(await readUpright('photos', 'ocr-text', 'tesseractjs_simple.png'));
    expect(result.text).toBe('Tesseract.js');
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('reads a paragraph of 12 point text line by line', async () => {
    const result = await recognizer.recognize(await readUpright('photos', 'ocr-text', 'tesseractjs_testocr.png'));
    expect(result.text).toContain('quick brown');
    expect(result.lines.length).toBeGreaterThanOrEqual(6);
    expect(result.lines[0]?.text).toBe('This is a lot of 12 point text to test the');
  });

  it('reads the fibre content of a photographed care label', async () => {
    const result = await recognizer.recognize(await readUpright('photos', 'care-labels', 'athul_sample_image.jpg'));
    expect(result.text).toContain('COTTON');
    expect(result.lines.some((line) => line.text.includes('100% COTTON') && line.confidence > 0.8)).toBe(true);
  });

  it.each(['tesseractjs_simple-90.jpg', 'tesseractjs_simple-180.jpg', 'tesseractjs_simple-270.jpg'])(
    'reads "Tesseract.js" from %s once its EXIF orientation is applied',
    async (file) => {
      const result = await recognizer.recognize(await readUpright('photos', 'ocr-text', file));
      expect(result.text).toBe('Tesseract.js');
    },
  );

  it('shares several photos across its workers at once', async () => {
    const files = ['tesseractjs_simple.png', 'tesseractjs_simple.webp', 'tesseractjs_simple-90.jpg', 'tesseractjs_simple-180.jpg'];
    const images = await Promise.all(files.map((file) => readUpright('photos', 'ocr-text', file)));
    const results = await Promise.all(images.map((image) => recognizer.recognize(image)));
    expect(results.map((result) => result.text)).toEqual(files.map(() => 'Tesseract.js'));
  });
});
