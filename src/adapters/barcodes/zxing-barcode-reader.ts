import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import { PermanentError, TransientError } from '../../contracts/errors.ts';
import type { BarcodeReader, DecodedBarcode } from '../../ports/barcode-reader.ts';
import type { RawImage } from '../../ports/image-processor.ts';

const requireFromHere = createRequire(import.meta.url);

/** The reader build's wasm inside the installed package; the library would otherwise fetch it from a CDN. */
export function locateZxingReaderWasm(): string {
  return requireFromHere.resolve('zxing-wasm/reader/zxing_reader.wasm');
}

let moduleReady: Promise<unknown> | null = null;

/** Instantiates the wasm once per process, from the local file. */
function prepareLocalModule(): Promise<unknown> {
  if (moduleReady === null) {
    const starting = readFile(locateZxingReaderWasm()).then((bytes) => {
      const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    });
    moduleReady = starting;
    starting.catch(() => {
      if (moduleReady === starting) moduleReady = null;
    });
  }
  return moduleReady;
}

const baseOptions: ReaderOptions = {
  // An empty list means every symbology the build knows.
  formats: [],
  tryHarder: true,
  tryRotate: true,
  // Light bars on dark ground are rare on labels and tags, and looking for them doubles the time of a
  // pass over a photo with no barcode at all (most photos): only the last, smallest pass looks.
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 32,
};

/** Below this longest side, a photo's bars are often too few pixels wide: an upscaled copy is tried too. */
const smallImageSide = 1000;

/**
 * zxing-wasm 3 names formats without dashes; the port speaks the familiar names ("EAN-13", "UPC-A"),
 * so the few that differ are renamed.
 */
const portFormatNames: Readonly<Record<string, string>> = {
  EAN13: 'EAN-13',
  EAN8: 'EAN-8',
  UPCA: 'UPC-A',
  UPCE: 'UPC-E',
  DataBarExp: 'DataBarExpanded',
  DataBarLtd: 'DataBarLimited',
  RMQRCode: 'rMQRCode',
};

interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

type ScanPass = (image: GreyImage) => Promise<ReadResult[]>;

/**
 * Decodes 1D and 2D barcodes with zxing-cpp compiled to WebAssembly, fully offline. When the
 * straight read finds nothing, it retries with a global threshold (uneven light, picture QR codes),
 * an upscaled copy (small crops) and a halved, sharpened copy (slightly blurred photos), and keeps
 * the first pass that decodes anything.
 */
export class ZxingBarcodeReader implements BarcodeReader {
  async read(image: RawImage): Promise<DecodedBarcode[]> {
    const grey = toGrey(image);
    try {
      await prepareLocalModule();
    } catch (error) {
      throw new TransientError('PROVIDER_UNAVAILABLE', 'The barcode decoder could not start.', { cause: error });
    }
    for (const pass of choosePasses(grey)) {
      const decoded = toDecodedBarcodes(await pass(grey));
      if (decoded.length > 0) return decoded;
    }
    return [];
  }
}

function choosePasses(image: GreyImage): ScanPass[] {
  const passes: ScanPass[] = [
    (grey) => decode(grey, 'LocalAverage'),
    (grey) => decode(grey, 'GlobalHistogram'),
  ];
  if (Math.max(image.width, image.height) < smallImageSide) {
    passes.push(async (grey) => {
      const larger = await resample(grey, 2, false);
      const found = await decode(larger, 'LocalAverage');
      return found.some((result) => result.isValid) ? found : decode(larger, 'GlobalHistogram');
    });
  }
  if (Math.min(image.width, image.height) >= 200) {
    passes.push(async (grey) => decode(await resample(grey, 0.5, true), 'LocalAverage', { tryInvert: true }));
  }
  return passes;
}

function decode(
  image: GreyImage,
  binarizer: 'LocalAverage' | 'GlobalHistogram',
  extra: Partial<ReaderOptions> = {},
): Promise<ReadResult[]> {
  return readBarcodes(toPortableGreymap(image), { ...baseOptions, binarizer, ...extra });
}

async function resample(image: GreyImage, factor: number, sharpen: boolean): Promise<GreyImage> {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } }).resize(
    width,
    height,
    { kernel: 'cubic', fit: 'fill' },
  );
  if (sharpen) pipeline = pipeline.sharpen({ sigma: 1 });
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  return toGrey({ data, width: info.width, height: info.height, channels: asChannels(info.channels) });
}

function toDecodedBarcodes(results: ReadResult[]): DecodedBarcode[] {
  const seen = new Set<string>();
  const decoded: DecodedBarcode[] = [];
  for (const result of results) {
    if (!result.isValid || result.text.length === 0) continue;
    const barcode = nameLikeThePort(result.format, result.text);
    const key = `${barcode.format}\u0000${barcode.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    decoded.push(barcode);
  }
  return decoded;
}

function nameLikeThePort(format: string, text: string): DecodedBarcode {
  // A UPC-A symbol is an EAN-13 whose first digit is 0; zxing reports it either way, sellers know the 12 digits.
  if ((format === 'EAN13' || format === 'UPCA') && text.length === 13 && text.startsWith('0')) {
    return { format: 'UPC-A', text: text.slice(1) };
  }
  return { format: portFormatNames[format] ?? format, text };
}

function asChannels(channels: number): RawImage['channels'] {
  if (channels === 1 || channels === 3 || channels === 4) return channels;
  if (channels === 2) return 1;
  throw new PermanentError('CORRUPT_IMAGE', `An image with ${channels} channels cannot be scanned.`);
}

/** Luma with the same integer weights zxing uses, so converting here changes nothing it would see. */
function toGrey(image: RawImage): GreyImage {
  const { data, width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new PermanentError('CORRUPT_IMAGE', `The image to scan has an invalid size ${width}x${height}.`);
  }
  const pixelCount = width * height;
  if (data.length !== pixelCount * channels) {
    throw new PermanentError(
      'CORRUPT_IMAGE',
      `The image to scan holds ${data.length} bytes, not ${width}x${height}x${channels}.`,
    );
  }
  if (channels === 1) return { data, width, height };
  const grey = new Uint8Array(pixelCount);
  for (let pixel = 0, source = 0; pixel < pixelCount; pixel += 1, source += channels) {
    const red = data[source] ?? 0;
    const green = data[source + 1] ?? 0;
    const blue = data[source + 2] ?? 0;
    grey[pixel] = (306 * red + 601 * green + 117 * blue + 512) >> 10;
  }
  return { data: grey, width, height };
}

/**
 * zxing-wasm reads pixels as RGBA (4 bytes a pixel, widened here and copied into its memory) or
 * as an image file, which it decodes itself. A binary PGM is a short header before the grey bytes
 * as they are: a quarter of the bytes to copy, and each pass over a 2016×1512 scan takes about
 * 75 ms instead of 120 (measured in `npm run bench:images`).
 */
function toPortableGreymap(image: GreyImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const file = new Uint8Array(header.length + image.data.length);
  file.set(header);
  file.set(image.data, header.length);
  return file;
}
