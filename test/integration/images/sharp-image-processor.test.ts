import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageProcessor } from '../../../src/adapters/images/sharp-image-processor.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';
import type { ProcessedImage } from '../../../src/ports/image-processor.ts';
import { writeBadInputCorpus } from '../../support/bad-input-corpus.ts';
import type { CorpusEntry } from '../../support/bad-input-corpus.ts';
import { hasSharedData, sharedPath } from '../../support/shared-data.ts';
import {
  captureRefusal,
  measureColourDistance,
  measureMeanColour,
  readLumaDcQuantizer,
} from './image-inspection.ts';

const MAX_BYTES = 2 * 1024 * 1024;

/** Flat colour with sharp-edged shapes, so it is neither blurry nor featureless. */
function renderScene(width: number, height: number, background: string): Sharp {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    `<rect x="${width * 0.1}" y="${height * 0.1}" width="${width * 0.3}" height="${height * 0.3}" fill="black"/>` +
    `<text x="${width * 0.5}" y="${height * 0.7}" font-size="${height / 10}" fill="white">SKU A-1042</text>` +
    `</svg>`;
  return sharp(Buffer.from(svg));
}

/**
 * A phone-like 12 MP JPEG: 4032×3024 stored pixels with texture, a Display P3 profile, EXIF
 * orientation 6 (rotate 90° clockwise to view) and a capture time. The stored top-left corner
 * is black, so once upright that corner is at the top right.
 */
async function renderPhonePhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const texture = await sharp({
    create: { width: width / 8, height: height / 8, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } },
  })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  for (let y = 0; y < 800; y += 1) texture.fill(10, y * width * 3, (y * width + 800) * 3);
  return sharp(texture, { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD2: { DateTimeOriginal: '2024:03:04 10:11:12' } })
    .withIccProfile('p3')
    .jpeg({ quality: 92 })
    .toBuffer();
}

function measureLongestSide(image: { width: number; height: number }): number {
  return Math.max(image.width, image.height);
}

describe('SharpImageProcessor', () => {
  const processor = new SharpImageProcessor({ maxBytes: MAX_BYTES });

  describe('on the bad-input corpus', () => {
    let dir: string;
    let entries: CorpusEntry[];

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-corpus-'));
      entries = await writeBadInputCorpus(dir, MAX_BYTES);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function processEntry(entry: CorpusEntry): Promise<string> {
      try {
        await processor.process(await readFile(path.join(dir, entry.fileName)));
        return 'ok';
      } catch (error) {
        if (error instanceof PermanentError) return error.code;
        throw error;
      }
    }

    it('gives every file its expected outcome, and duplicates process like any photo', async () => {
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const entry of entries) {
        outcomes[entry.originalName] = await processEntry(entry);
        expected[entry.originalName] = entry.expected === 'duplicate' ? 'ok' : entry.expected;
      }
      expect(outcomes).toEqual(expected);
      expect(entries.map((entry) => entry.expected)).toEqual(
        expect.arrayContaining(['CORRUPT_IMAGE', 'EMPTY_FILE', 'UNSUPPORTED_TYPE', 'IMAGE_TOO_LARGE', 'FILE_TOO_LARGE', 'duplicate']),
      );
    });

    it('explains each refusal in a sentence that names what the file is', async () => {
      const messageOf = async (name: string): Promise<string> => {
        const entry = entries.find((candidate) => candidate.originalName === name)!;
        return (await captureRefusal(processor.process(await readFile(path.join(dir, entry.fileName))))).message;
      };
      expect(await messageOf('invoice.pdf')).toBe('This is a PDF document, not a photo. Upload JPEG, PNG, WebP or HEIC.');
      expect(await messageOf('animation.gif')).toMatch(/GIF.*animations and GIFs are not accepted/);
      expect(await messageOf('drawing.svg')).toMatch(/SVG drawing/);
      expect(await messageOf('notes.jpg')).toMatch(/plain text file/);
      expect(await messageOf('photos.zip')).toMatch(/ZIP archive/);
      expect(await messageOf('bomb.png')).toMatch(/30000×30000 pixels \(900 megapixels\).*limit is 100 megapixels/);
      expect(await messageOf('huge.jpg')).toMatch(/3 MB and the limit is 2 MB/);
      expect(await messageOf('truncated.jpg')).toMatch(/damaged or incomplete/);
      expect(await messageOf('empty.jpg')).toMatch(/empty/);
    });

    it('stores hostile names under safe file names and keeps the original name', () => {
      const traversal = entries.find((entry) => entry.originalName === '../../etc/passwd.jpg')!;
      expect(traversal.fileName).not.toMatch(/[/\\]/);
      expect(traversal.fileName.startsWith('.')).toBe(false);
      const unicode = entries.find((entry) => entry.originalName === 'фото 🧥.jpg')!;
      expect(unicode.fileName).toBe('фото 🧥.jpg');
    });
  });

  describe('with a 12 MP phone photo (P3 profile, EXIF orientation 6)', () => {
    let result: ProcessedImage;

    beforeAll(async () => {
      result = await new SharpImageProcessor().process(await renderPhonePhoto());
    }, 120_000);

    it('reports the upright size and the capture time, read as UTC', () => {
      expect(result).toMatchObject({ mimeType: 'image/jpeg', width: 3024, height: 4032 });
      expect(result.capturedAt?.toISOString()).toBe('2024-03-04T10:11:12.000Z');
    });

    it('makes upright derivatives at 400, 1024 and 1600 px and a greyscale scan decoded at half scale (2016 px)', async () => {
      const sizes = await Promise.all(
        [result.derivatives.thumbnail, result.derivatives.ai, result.derivatives.ebay].map((jpeg) => sharp(jpeg).metadata()),
      );
      expect(sizes.map(({ width, height, format }) => ({ width, height, format }))).toEqual([
        { width: 300, height: 400, format: 'jpeg' },
        { width: 768, height: 1024, format: 'jpeg' },
        { width: 1200, height: 1600, format: 'jpeg' },
      ]);
      expect(result.scan).toMatchObject({ width: 1512, height: 2016, channels: 1 });
      expect(result.scan.data.length).toBe(1512 * 2016);
      const topRight = await measureMeanColour(result.derivatives.ebay, { left: 0.8, top: 0.03, width: 0.15, height: 0.12 });
      const topLeft = await measureMeanColour(result.derivatives.ebay, { left: 0.05, top: 0.03, width: 0.15, height: 0.12 });
      expect(Math.max(...topRight)).toBeLessThan(40);
      expect(Math.min(...topLeft)).toBeGreaterThan(80);
    });

    it('writes the eBay image at JPEG quality 90 or more', () => {
      expect(readLumaDcQuantizer(result.derivatives.ebay)).toBeLessThanOrEqual(3);
    });

    it('judges the textured photo sharp and neither dark nor small', () => {
      expect(result.quality).toMatchObject({ blurry: false, tooDark: false, tooBright: false, tooSmall: false });
    });
  });

  it('never enlarges a small photo', async () => {
    const jpeg = await renderScene(800, 600, 'skyblue').jpeg().toBuffer();
    const result = await processor.process(jpeg);
    const [thumbnail, ai, ebay] = await Promise.all(
      [result.derivatives.thumbnail, result.derivatives.ai, result.derivatives.ebay].map((image) => sharp(image).metadata()),
    );
    expect([thumbnail?.width, ai?.width, ebay?.width, result.scan.width]).toEqual([400, 800, 800, 800]);
    expect(measureLongestSide(result.scan)).toBe(800);
  });

  it('strips EXIF, GPS, XMP and ICC data from every derivative', async () => {
    const tagged = await renderScene(1200, 900, 'wheat')
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Jane Seller' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const source = await sharp(tagged).metadata();
    expect(source.exif && source.xmp && source.icc).toBeTruthy();

    const { derivatives } = await processor.process(tagged);
    for (const derivative of [derivatives.thumbnail, derivatives.ai, derivatives.ebay]) {
      const metadata = await sharp(derivative).metadata();
      expect([metadata.exif, metadata.xmp, metadata.iptc, metadata.icc, metadata.orientation]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(metadata.hasProfile).toBe(false);
      const bytes = derivative.toString('latin1');
      for (const trace of ['Exif\0', 'PhoneMaker', 'Jane Seller', 'xmpmeta', 'GPS']) expect(bytes).not.toContain(trace);
    }
  });

  describe('colour', () => {
    const red: [number, number, number] = [220, 50, 60];
    const centre = { left: 0.4, top: 0.4, width: 0.2, height: 0.2 };

    it('converts a wide-gamut (Display P3) photo to sRGB so the colour looks the same', async () => {
      const p3 = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: red[0], g: red[1], b: red[2] } } })
        .withIccProfile('p3')
        .jpeg({ quality: 95 })
        .toBuffer();
      const storedValues = await measureMeanColour(await sharp(p3, { ignoreIcc: true }).png().toBuffer(), centre);
      // The stored numbers are far from sRGB red: ignoring the profile would show the wrong red.
      expect(measureColourDistance(storedValues, red)).toBeGreaterThan(15);

      const { derivatives } = await processor.process(p3);
      for (const derivative of [derivatives.thumbnail, derivatives.ai, derivatives.ebay]) {
        expect(measureColourDistance(await measureMeanColour(derivative, centre), red)).toBeLessThan(4);
      }
    });

    it('converts CMYK JPEGs to RGB', async () => {
      const cmyk = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 40, g: 90, b: 200 } } })
        .toColourspace('cmyk')
        .jpeg()
        .toBuffer();
      expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
      const { derivatives } = await processor.process(cmyk);
      const colour = await measureMeanColour(derivatives.ebay, centre);
      expect(colour[2]).toBeGreaterThan(colour[0] + 80);
      expect((await sharp(derivatives.ebay).metadata()).channels).toBe(3);
    });

    it('makes colour derivatives from a greyscale JPEG', async () => {
      const grey = Buffer.alloc(500 * 400, 90);
      const jpeg = await sharp(grey, { raw: { width: 500, height: 400, channels: 1 } })
        .toColourspace('b-w')
        .jpeg()
        .toBuffer();
      expect((await sharp(jpeg).metadata()).channels).toBe(1);
      const result = await processor.process(jpeg);
      expect((await sharp(result.derivatives.ebay).metadata()).channels).toBe(3);
      expect(result.quality.brightness).toBeCloseTo(90, 0);
    });

    it('puts transparent pixels on white', async () => {
      const png = await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0 } } })
        .png()
        .toBuffer();
      const { derivatives } = await processor.process(png);
      expect(measureColourDistance(await measureMeanColour(derivatives.ebay, centre), [255, 255, 255])).toBeLessThan(2);
    });
  });

  describe('formats', () => {
    it.skipIf(!hasSharedData())('recognises a WebP file named .jpg as WebP', async () => {
      const webp = await readFile(sharedPath('photos', 'care-labels', 'athul_sample_image3_is_webp.jpg'));
      const result = await processor.process(webp);
      expect(result).toMatchObject({ mimeType: 'image/webp', width: 600, height: 400 });
    });

    it('reads a real HEVC HEIC file (made with libheif + x265), its P3 profile and its capture time', async () => {
      // Quadrants drawn in sRGB, stored as Display P3 values; see fixtures/README.md.
      const heic = await readFile(new URL('./fixtures/quadrants-p3.heic', import.meta.url));
      const result = await processor.process(heic);
      expect(result).toMatchObject({ mimeType: 'image/heic', width: 480, height: 320 });
      expect(result.capturedAt?.toISOString()).toBe('2024-03-04T10:11:12.000Z');
      const quadrants: Array<[{ left: number; top: number }, [number, number, number]]> = [
        [{ left: 0.1, top: 0.1 }, [200, 40, 40]],
        [{ left: 0.6, top: 0.1 }, [40, 160, 60]],
        [{ left: 0.1, top: 0.6 }, [40, 70, 200]],
        [{ left: 0.6, top: 0.6 }, [230, 210, 50]],
      ];
      for (const [corner, colour] of quadrants) {
        const measured = await measureMeanColour(result.derivatives.ebay, { ...corner, width: 0.3, height: 0.3 });
        expect(measureColourDistance(measured, colour)).toBeLessThan(6);
      }
    });

    it('reads AV1 HEIF (AVIF) through sharp and reports it as HEIF', async () => {
      const avif = await renderScene(640, 480, 'orchid')
        .withExif({ IFD2: { DateTimeOriginal: '2023:01:02 03:04:05' } })
        .avif({ quality: 80 })
        .toBuffer();
      const result = await processor.process(avif);
      expect(result).toMatchObject({ mimeType: 'image/heif', width: 640, height: 480 });
      expect(result.capturedAt?.toISOString()).toBe('2023-01-02T03:04:05.000Z');
    });
  });

  describe('limits', () => {
    it('refuses a photo over the pixel limit before decoding it', async () => {
      const jpeg = await renderScene(1500, 1000, 'tan').jpeg().toBuffer();
      const strict = new SharpImageProcessor({ maxPixels: 1_000_000 });
      const refusal = await captureRefusal(strict.process(jpeg));
      expect(refusal.code).toBe('IMAGE_TOO_LARGE');
      expect(refusal.message).toMatch(/1500×1000 pixels \(1\.5 megapixels\)/);
    });

    it('refuses a JPEG whose data was cut short, even by its last bytes', async () => {
      const jpeg = await renderScene(1000, 800, 'tan').jpeg().toBuffer();
      for (const length of [Math.floor(jpeg.length / 2), jpeg.length - 2]) {
        expect((await captureRefusal(processor.process(jpeg.subarray(0, length)))).code).toBe('CORRUPT_IMAGE');
      }
    });
  });

  describe('quality flags', () => {
    it('tells a sharp photo from a blurred and a dark one', async () => {
      const scene = await renderScene(1600, 1200, 'lightgrey').png().toBuffer();
      const sharpPhoto = await sharp(scene).jpeg({ quality: 90 }).toBuffer();
      const blurred = await sharp(scene).blur(6).jpeg({ quality: 90 }).toBuffer();
      const dark = await sharp(scene).linear(0.1, 0).jpeg({ quality: 90 }).toBuffer();

      const [crisp, soft, dim] = await Promise.all([sharpPhoto, blurred, dark].map((jpeg) => processor.process(jpeg)));
      expect(crisp!.quality).toMatchObject({ blurry: false, tooDark: false, tooSmall: false });
      expect(soft!.quality).toMatchObject({ blurry: true, tooDark: false });
      expect(dim!.quality).toMatchObject({ tooDark: true });
      expect(crisp!.quality.sharpness).toBeGreaterThan(soft!.quality.sharpness * 10);
    });

    it('flags a photo under 500 px on its longest side as too small', async () => {
      const small = await renderScene(480, 360, 'khaki').jpeg().toBuffer();
      expect((await processor.process(small)).quality.tooSmall).toBe(true);
    });
  });
});
