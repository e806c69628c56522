import os from 'node:os';
import sharp from 'sharp';
import type { JpegOptions, Metadata } from 'sharp';
import { EasyFlipError, PermanentError } from '../../contracts/errors.ts';
import type { ImageProcessor, ProcessedImage, RawImage } from '../../ports/image-processor.ts';
import { readCaptureTime } from './exif-capture-time-reader.ts';
import { HeicWorkerPool } from './heic-worker-pool.ts';
import { readMatrixShaperProfile } from './icc-matrix-shaper-reader.ts';
import { isSrgbProfile } from './icc-profile-reader.ts';
import { encodeIccTaggedTiff } from './icc-tagged-tiff-encoder.ts';
import { DEFAULT_QUALITY_THRESHOLDS, measureImageQuality } from './image-quality-meter.ts';
import type { QualityThresholds } from './image-quality-meter.ts';
import { sniffImageType } from './image-type-sniffer.ts';
import type { SniffedImageType } from './image-type-sniffer.ts';
import { convertRgbToLuma } from './luma-converter.ts';
import { computePerceptualHash } from './perceptual-hash.ts';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';
import { SrgbPixelConverter } from './srgb-pixel-converter.ts';

export interface SharpImageProcessorOptions {
  /** Uploads above this many bytes are refused unread. Default 50 MB. */
  maxBytes?: number;
  /** Pictures whose header declares more pixels are refused before decoding. Default 100 MP. */
  maxPixels?: number;
  /** Laplacian variance below which a photo is flagged blurry. Default 50. */
  blurryBelow?: number;
  /** Mean luminance (0..255) below which a photo is flagged too dark. Default 30. */
  tooDarkBelow?: number;
  /** Mean luminance (0..255) above which a photo is flagged too bright. Default 240. */
  tooBrightAbove?: number;
  /** Longest side, in pixels, below which a photo is flagged too small. Default 500 (eBay's minimum). */
  minLongestSide?: number;
  /**
   * Photos processed at once. Beyond the number of cores this buys no speed, only memory: each
   * photo in flight holds tens of MB of pixels, and glibc keeps what libvips threads freed.
   * Default: the number of cores.
   */
  concurrency?: number;
  /** HEVC HEIC decodes at once, each in a worker thread. Default 1. */
  heicWorkers?: number;
  /** A pool to share with other processors (tests, benchmarks); the processor makes its own otherwise. */
  heicPool?: HeicWorkerPool;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 100_000_000;

/**
 * Longest side of each rendition, in pixels. The barcode scan is at least `scanMin` (thin
 * Code128 bars vanish at 1600) and at most `scanMax`; within that range it takes the size
 * the JPEG decoder reaches by itself (see `chooseScanSide`).
 */
export const DERIVATIVE_SIZES = { thumbnail: 400, ai: 1024, ebay: 1600, scanMin: 2000, scanMax: 2400 } as const;

/**
 * mozjpeg stays off: on a 1600 px picture it took about 20 times as long as libjpeg-turbo for a
 * file about 10% smaller. Huffman optimisation costs a second pass (about 3 times the encode
 * time) for 5-7% fewer bytes, so only the small, often-served thumbnail gets it.
 */
const JPEG_OPTIONS = {
  thumbnail: { quality: 80, optimiseCoding: true },
  ai: { quality: 85, optimiseCoding: false },
  ebay: { quality: 90, optimiseCoding: false },
} as const satisfies Record<string, JpegOptions>;

/** How the colour of the decoded pixels reaches sRGB, after resizing. */
type ColourConversion =
  | { kind: 'none' }
  /** A matrix/TRC profile (every phone's): table-driven, in place, on the 1600 px picture. */
  | { kind: 'matrix'; converter: SrgbPixelConverter }
  /** Anything else RGB: lcms through libvips, still on the 1600 px picture. */
  | { kind: 'engine'; icc: Buffer };

/** Pixels kept after the one decode of the original: upright 8-bit RGB at the scan size. */
interface DecodedPicture {
  rgb: RawRgb;
  /** Upright size of the original. */
  width: number;
  height: number;
  colour: ColourConversion;
}

interface RawRgb {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Ingests one uploaded photo with sharp (libvips): checks it, decodes it once at the size the
 * barcode scan needs, and derives every rendition from those pixels, largest to smallest.
 *
 * Where the time goes on a 12 MP phone JPEG: the decode dominates, so it runs at half scale
 * (libjpeg's DCT scaling: 4032 px decodes straight to 2016, still enough for the scan), the
 * colour profile is applied once on the 1600 px picture by lookup tables, and every later step
 * works on pixels already in memory.
 */
export class SharpImageProcessor implements ImageProcessor {
  private readonly maxBytes: number;
  private readonly maxPixels: number;
  private readonly thresholds: QualityThresholds;
  private readonly heicPool: HeicWorkerPool;
  private readonly limiter: ConcurrencyLimiter;
  private readonly converters = new Map<string, SrgbPixelConverter | null>();
  /** The prebuilt libvips reads AV1 HEIF (AVIF) but usually not HEVC HEIC. */
  private readonly sharpDecodesHevc = sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;

  constructor(options: SharpImageProcessorOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.thresholds = {
      blurry: options.blurryBelow ?? DEFAULT_QUALITY_THRESHOLDS.blurry,
      tooDark: options.tooDarkBelow ?? DEFAULT_QUALITY_THRESHOLDS.tooDark,
      tooBright: options.tooBrightAbove ?? DEFAULT_QUALITY_THRESHOLDS.tooBright,
      minLongestSide: options.minLongestSide ?? DEFAULT_QUALITY_THRESHOLDS.minLongestSide,
    };
    this.heicPool = options.heicPool ?? new HeicWorkerPool({ size: options.heicWorkers ?? 1 });
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? os.availableParallelism());
    // libvips' operation cache (50 MB by default) only pays off for repeated identical
    // operations; every upload is new, so it would only hold memory. The setting is per process.
    sharp.cache(false);
  }

  process(original: Buffer): Promise<ProcessedImage> {
    return this.limiter.run(() => this.processNow(original));
  }

  private async processNow(original: Buffer): Promise<ProcessedImage> {
    this.assertByteLimits(original);
    const type = await sniffImageType(original);
    const header = await readHeader(original);
    this.assertPixelLimit(header);
    const decoded = await this.decodeOnce(original, type, header);

    const resizing = resizeRaw(decoded.rgb, DERIVATIVE_SIZES.ebay);
    // Greyscale here while libvips resizes on its thread; before the colour conversion, which
    // may work in place on small pictures (bars need no colour).
    const scan = renderScan(decoded.rgb);
    const ebayRgb = await convertToSrgb(await resizing, decoded.colour);
    const ebayPending = encodeJpeg(ebayRgb, JPEG_OPTIONS.ebay);
    const aiRgb = await resizeRaw(ebayRgb, DERIVATIVE_SIZES.ai);
    const aiPending = encodeJpeg(aiRgb, JPEG_OPTIONS.ai);
    const smallRgb = await resizeRaw(aiRgb, DERIVATIVE_SIZES.thumbnail);
    const thumbnailPending = encodeJpeg(smallRgb, JPEG_OPTIONS.thumbnail);
    // libvips encodes on its own threads meanwhile.
    const luma = convertRgbToLuma(aiRgb.data, aiRgb.width, aiRgb.height);
    const quality = measureImageQuality(
      { data: luma, width: aiRgb.width, height: aiRgb.height, channels: 1 },
      Math.max(decoded.width, decoded.height),
      this.thresholds,
    );
    // 32×32 cells need no more than the thumbnail's pixels.
    const perceptualHash = computePerceptualHash(
      convertRgbToLuma(smallRgb.data, smallRgb.width, smallRgb.height),
      smallRgb.width,
      smallRgb.height,
    );
    const [ebay, ai, thumbnail] = await Promise.all([ebayPending, aiPending, thumbnailPending]);

    return {
      mimeType: type.mimeType,
      width: decoded.width,
      height: decoded.height,
      capturedAt: readCaptureTime(header.exif),
      derivatives: { thumbnail, ai, ebay },
      scan,
      quality,
      perceptualHash,
    };
  }

  /** Stops the HEIC worker threads (idle ones stop by themselves after a while). */
  async close(): Promise<void> {
    await this.heicPool.close();
  }

  private assertByteLimits(original: Buffer): void {
    if (original.length === 0) {
      throw new PermanentError('EMPTY_FILE', 'This file is empty (0 bytes). Upload the photo again.');
    }
    if (original.length > this.maxBytes) {
      throw new PermanentError(
        'FILE_TOO_LARGE',
        `This file is ${formatMegabytes(original.length)} and the limit is ${formatMegabytes(this.maxBytes)}. ` +
          'Export the photo at a smaller size or lower quality and upload it again.',
      );
    }
  }

  private assertPixelLimit(header: Metadata): void {
    const pixels = header.width * header.height;
    if (pixels > this.maxPixels) {
      throw new PermanentError(
        'IMAGE_TOO_LARGE',
        `This picture is ${header.width}×${header.height} pixels (${formatMegapixels(pixels)}) and the limit is ` +
          `${formatMegapixels(this.maxPixels)}. Resize it and upload it again.`,
      );
    }
  }

  private async decodeOnce(original: Buffer, type: SniffedImageType, header: Metadata): Promise<DecodedPicture> {
    try {
      if (type.container === 'heif' && header.compression === 'hevc' && !this.sharpDecodesHevc) {
        return await this.decodeHevc(original, header);
      }
      return await this.decodeWithSharp(original, type, header);
    } catch (error) {
      throw translateDecodeError(error);
    }
  }

  private async decodeWithSharp(original: Buffer, type: SniffedImageType, header: Metadata): Promise<DecodedPicture> {
    const deferred = pickDeferrableProfile(header);
    const upright = header.autoOrient;
    const side = chooseScanSide(Math.max(upright.width, upright.height), type.container);
    const pipeline = sharp(original, {
      failOn: 'error',
      limitInputPixels: this.maxPixels,
      autoOrient: true,
      ignoreIcc: deferred !== null,
    }).resize(side, side, { fit: 'inside', withoutEnlargement: true });
    if (header.hasAlpha) pipeline.flatten({ background: '#ffffff' });
    const { data, info } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return {
      rgb: requireRgb(data, info.width, info.height, info.channels),
      width: upright.width,
      height: upright.height,
      colour: this.planColourConversion(deferred),
    };
  }

  private async decodeHevc(original: Buffer, header: Metadata): Promise<DecodedPicture> {
    const pixels = await this.heicPool.decode(original);
    const side = chooseScanSide(Math.max(pixels.width, pixels.height), 'heif');
    const pipeline = sharp(pixels.data, {
      raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
      limitInputPixels: this.maxPixels,
    }).resize(side, side, { fit: 'inside', withoutEnlargement: true });
    if (header.hasAlpha) pipeline.flatten({ background: '#ffffff' });
    else pipeline.removeAlpha();
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return {
      rgb: requireRgb(data, info.width, info.height, info.channels),
      width: pixels.width,
      height: pixels.height,
      colour: this.planColourConversion(pickDeferrableProfile(header)),
    };
  }

  /** Profiles repeat (every photo of one phone carries the same), so their tables are kept. */
  private planColourConversion(icc: Buffer | null): ColourConversion {
    if (!icc || isSrgbProfile(icc)) return { kind: 'none' };
    const key = icc.toString('base64');
    let converter = this.converters.get(key);
    if (converter === undefined) {
      converter = buildConverter(icc);
      if (this.converters.size >= 32) this.converters.clear();
      this.converters.set(key, converter);
    }
    return converter ? { kind: 'matrix', converter } : { kind: 'engine', icc };
  }
}

function buildConverter(icc: Buffer): SrgbPixelConverter | null {
  const profile = readMatrixShaperProfile(icc);
  if (!profile) return null;
  try {
    return new SrgbPixelConverter(profile);
  } catch {
    // Degenerate colorants: the colour engine decides what to make of them.
    return null;
  }
}

/**
 * The longest side of the scan. Up to `scanMax` the picture keeps its size. Beyond, a JPEG is
 * decoded at 1/2, 1/4 or 1/8 scale when that still gives `scanMin` (4032 → 2016, 8064 → 2016):
 * libjpeg then skips most of the work of a full decode, and no resampling follows. Other
 * pictures are resampled to `scanMin`.
 */
export function chooseScanSide(longest: number, container: SniffedImageType['container']): number {
  if (longest <= DERIVATIVE_SIZES.scanMax) return longest;
  if (container === 'jpeg') {
    for (const shrink of [8, 4, 2]) {
      const side = Math.floor(longest / shrink);
      if (side >= DERIVATIVE_SIZES.scanMin) return side;
    }
  }
  return DERIVATIVE_SIZES.scanMin;
}

async function readHeader(original: Buffer): Promise<Metadata> {
  try {
    // Reads the header only; the pixel limit is checked by us, with a clearer message.
    return await sharp(original, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw translateDecodeError(error);
  }
}

/**
 * An RGB profile we can apply after resizing. CMYK and grey profiles stay with sharp, which
 * converts them during the decode (slower, and rare in photos).
 */
function pickDeferrableProfile(header: Metadata): Buffer | null {
  const icc = header.icc;
  if (!icc || icc.length < 20) return null;
  const profileSpace = icc.toString('latin1', 16, 20);
  const rgbPicture = header.space === 'srgb' || header.space === 'rgb16';
  return profileSpace === 'RGB ' && rgbPicture ? icc : null;
}

function renderScan(rgb: RawRgb): RawImage {
  return { data: convertRgbToLuma(rgb.data, rgb.width, rgb.height), width: rgb.width, height: rgb.height, channels: 1 };
}

async function convertToSrgb(rgb: RawRgb, colour: ColourConversion): Promise<RawRgb> {
  switch (colour.kind) {
    case 'none':
      return rgb;
    case 'matrix':
      colour.converter.convertInPlace(rgb.data);
      return rgb;
    case 'engine': {
      const tagged = encodeIccTaggedTiff(rgb.data, rgb.width, rgb.height, colour.icc);
      const { data, info } = await sharp(tagged).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      return requireRgb(data, info.width, info.height, info.channels);
    }
  }
}

async function resizeRaw(rgb: RawRgb, longestSide: number): Promise<RawRgb> {
  if (Math.max(rgb.width, rgb.height) <= longestSide) return rgb;
  const { data, info } = await sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .resize(longestSide, longestSide, { fit: 'inside' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return requireRgb(data, info.width, info.height, info.channels);
}

/** Raw input carries no metadata, so the JPEG has no EXIF, GPS, XMP or ICC: untagged means sRGB. */
async function encodeJpeg(rgb: RawRgb, options: JpegOptions): Promise<Buffer> {
  return sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .jpeg({ ...options, mozjpeg: false })
    .toBuffer();
}

function requireRgb(data: Buffer, width: number, height: number, channels: number): RawRgb {
  if (channels !== 3 || data.length !== width * height * 3) {
    throw new Error(`Expected ${width}×${height} RGB pixels, got ${channels} channels and ${data.length} bytes`);
  }
  return { data, width, height };
}

function translateDecodeError(error: unknown): EasyFlipError {
  if (error instanceof EasyFlipError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new PermanentError(
      'IMAGE_TOO_LARGE',
      'This picture has too many pixels to process safely. Resize it and upload it again.',
      { cause: error },
    );
  }
  return new PermanentError(
    'CORRUPT_IMAGE',
    'This photo is damaged or incomplete (it may have been cut off while uploading or copying). ' +
      'Upload the original photo again.',
    { cause: error },
  );
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

function formatMegapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1).replace(/\.0$/, '')} megapixels`;
}
