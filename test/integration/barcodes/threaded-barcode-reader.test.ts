import { toBuffer as renderBarcodePng } from 'bwip-js';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadedBarcodeReader } from '../../../src/adapters/barcodes/threaded-barcode-reader.ts';
import type { RawImage } from '../../../src/ports/image-processor.ts';

/** A SKU label's barcode on a photo-sized grey page, the size ingest hands to the scanner. */
async function scanOfLabel(text: string): Promise<RawImage> {
  const png = await renderBarcodePng({ bcid: 'code128', text, scale: 3, height: 14, includetext: false, padding: 20 });
  const label = await sharp(png).flatten({ background: '#ffffff' }).png().toBuffer();
  const { data, info } = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#d8d4cc' } })
    .composite([{ input: label, left: 700, top: 600 }])
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

describe('ThreadedBarcodeReader', () => {
  let reader: ThreadedBarcodeReader;

  afterEach(async () => {
    await reader?.close();
  });

  it('reads a SKU barcode in a worker thread while the event loop keeps turning', async () => {
    reader = new ThreadedBarcodeReader({ threads: 1 });
    const image = await scanOfLabel('EF-10234');
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const found = await reader.read(image);
    const took = performance.now() - started;
    clearInterval(ticker);

    expect(found).toEqual([{ format: 'Code128', text: 'EF-10234' }]);
    // Starting the thread and its WebAssembly takes hundreds of ms; on the main thread no tick would run meanwhile.
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('reads a label on a photo that lies a quarter turn off, as sideways phone photos reach it', async () => {
    reader = new ThreadedBarcodeReader({ threads: 1 });
    const upright = await scanOfLabel('EF-10238');
    const { data, info } = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: 1 } })
      .rotate(90)
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(await reader.read({ data, width: info.width, height: info.height, channels: 1 })).toEqual([{ format: 'Code128', text: 'EF-10238' }]);
  });

  it('leaves the caller’s pixels intact', async () => {
    reader = new ThreadedBarcodeReader({ threads: 1 });
    const image = await scanOfLabel('EF-10235');
    const before = Buffer.from(image.data).toString('base64').slice(0, 64);
    await reader.read(image);
    expect(image.data.byteLength).toBe(2000 * 1500);
    expect(Buffer.from(image.data).toString('base64').slice(0, 64)).toBe(before);
  });

  it('runs at most `threads` threads, answering every photo', async () => {
    reader = new ThreadedBarcodeReader({ threads: 2 });
    const skus = ['EF-1', 'EF-2', 'EF-3', 'EF-4'];
    const images = await Promise.all(skus.map((sku) => scanOfLabel(sku)));
    const pending = images.map((image) => reader.read(image));
    expect(reader.threadCount).toBe(2);
    const found = await Promise.all(pending);
    expect(found.map((barcodes) => barcodes.map((barcode) => barcode.text))).toEqual(skus.map((sku) => [sku]));
  });

  it('passes the scanner’s verdict on a broken image through, and keeps working', async () => {
    reader = new ThreadedBarcodeReader({ threads: 1 });
    await expect(reader.read({ data: new Uint8Array(10), width: 2000, height: 1500, channels: 1 })).rejects.toMatchObject({
      code: 'CORRUPT_IMAGE',
      retryable: false,
    });
    expect(await reader.read(await scanOfLabel('EF-10236'))).toEqual([{ format: 'Code128', text: 'EF-10236' }]);
  });

  it('turns a thread that died mid-scan into an error worth retrying', async () => {
    reader = new ThreadedBarcodeReader({ threads: 1 });
    const scanning = reader.read(await scanOfLabel('EF-10237')).then(
      () => null,
      (error: unknown) => error,
    );
    await reader.close();
    expect(await scanning).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });
});
