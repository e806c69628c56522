import sharp from 'sharp';
import type { JpegOptions, Metadata } from 'sharp';
import { EasyFlipError, PermanentError } from '../../contracts/errors.ts';
import type { ImageProcessor, ProcessedImage, RawImage } from '../../ports/image-processor.ts';
import { readCaptureTime } from './exif-capture-time-reader.ts';
import { decodeHeic } from './heic-decoder.ts';
import { encodeIccTaggedTiff } from './icc-tagged-tiff-encoder.ts';
import { DEFAULT_QUALITY_THRESHOLDS, measureImageQuality } from './image-quality-meter.ts';
import type { QualityThresholds } from './image-quality-meter.ts';
import { sniffImageType } from './image-type-sniffer.ts';
import { isSrgbProfile } from './icc-profile-reader.ts';
import { convertRgbToLuma } from './luma-converter.ts';
import type { SniffedImageType } from './image-type-sniffer.ts';

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
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** Longest side of each rendition, in pixels. */
export const DERIVATIVE_SIZES = { thumbnail: 400, ai: 1024, ebay: 1600, scanMax: 2400 } as const;

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

/** Pixels kept after the one decode of the original: upright 8-bit RGB at the scan size. */
interface DecodedPicture {
  rgb: RawRgb;
  /** Upright size of the original. */
  width: number;
  height: number;
  /** RGB profile to convert from, later and on a smaller image; null when the pixels are sRGB. */
  icc: Buffer | null;
}

interface RawRgb {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Ingests one uploaded photo with sharp (libvips): checks it, decodes it once at the largest
 * size anything needs, and derives every rendition from those pixels.
 */
export class SharpImageProcessor implements ImageProcessor {
  private readonly maxBytes: number;
  private readonly maxPixels: number;
  private readonly thresholds: QualityThresholds;
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
  }

  async process(original: Buffer): Promise<ProcessedImage> {
    this.assertByteLimits(original);
    const type = await sniffImageType(original);
    const header = await readHeader(original);
    this.assertPixelLimit(header);
    const decoded = await this.decodeOnce(original, type, header);

    // sharp works on libuv threads while the greyscale scan and the quality maths run here.
    const colourPending = renderSrgb(decoded);
    const scan = renderScan(decoded.rgb);
    const colour = await colourPending;
    const aiRgb = await resizeRaw(colour, DERIVATIVE_SIZES.ai);
    const encoded = Promise.all([
      encodeJpeg(colour, JPEG_OPTIONS.ebay),
      encodeJpeg(aiRgb, JPEG_OPTIONS.ai),
      resizeRaw(aiRgb, DERIVATIVE_SIZES.thumbnail).then((small) => encodeJpeg(small, JPEG_OPTIONS.thumbnail)),
    ]);
    const quality = measureImageQuality(
      { data: aiRgb.data, width: aiRgb.width, height: aiRgb.height, channels: 3 },
      Math.max(decoded.width, decoded.height),
      this.thresholds,
    );
    const [ebay, ai, thumbnail] = await encoded;

    return {
      mimeType: type.mimeType,
      width: decoded.width,
      height: decoded.height,
      capturedAt: readCaptureTime(header.exif),
      derivatives: { thumbnail, ai, ebay },
      scan,
      quality,
    };
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

  /**
   * The one decode of the original, straight to the scan size. libjpeg skips detail while
   * decoding when the original is at least three times that size (48 MP and up); a 12 MP photo
   * is decoded in full once.
   */
  private async decodeOnce(original: Buffer, type: SniffedImageType, header: Metadata): Promise<DecodedPicture> {
    try {
      if (type.container === 'heif' && header.compression === 'hevc' && !this.sharpDecodesHevc) {
        return await this.decodeHevc(original, header);
      }
      return await this.decodeWithSharp(original, header);
    } catch (error) {
      throw translateDecodeError(error);
    }
  }

  private async decodeWithSharp(original: Buffer, header: Metadata): Promise<DecodedPicture> {
    const deferred = pickDeferrableProfile(header);
    const upright = header.autoOrient;
    const pipeline = sharp(original, {
      failOn: 'error',
      limitInputPixels: this.maxPixels,
      autoOrient: true,
      ignoreIcc: deferred !== null,
    }).resize(DERIVATIVE_SIZES.scanMax, DERIVATIVE_SIZES.scanMax, { fit: 'inside', withoutEnlargement: true });
    if (header.hasAlpha) pipeline.flatten({ background: '#ffffff' });
    const { data, info } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return {
      rgb: requireRgb(data, info.width, info.height, info.channels),
      width: upright.width,
      height: upright.height,
      icc: pickProfileToConvert(deferred),
    };
  }

  private async decodeHevc(original: Buffer, header: Metadata): Promise<DecodedPicture> {
    const pixels = await decodeHeic(original);
    const pipeline = sharp(pixels.data, {
      raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
      limitInputPixels: this.maxPixels,
    }).resize(DERIVATIVE_SIZES.scanMax, DERIVATIVE_SIZES.scanMax, { fit: 'inside', withoutEnlargement: true });
    if (header.hasAlpha) pipeline.flatten({ background: '#ffffff' });
    else pipeline.removeAlpha();
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return {
      rgb: requireRgb(data, info.width, info.height, info.channels),
      width: pixels.width,
      height: pixels.height,
      icc: pickProfileToConvert(pickDeferrableProfile(header)),
    };
  }
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

/** The profile to convert from after resizing, or null when the pixels are sRGB already. */
function pickProfileToConvert(icc: Buffer | null): Buffer | null {
  return icc && !isSrgbProfile(icc) ? icc : null;
}

function renderScan(rgb: RawRgb): RawImage {
  return { data: convertRgbToLuma(rgb.data, rgb.width, rgb.height), width: rgb.width, height: rgb.height, channels: 1 };
}

/** The eBay-sized rendition in sRGB: resize first, then convert colour on the smaller image. */
async function renderSrgb(decoded: DecodedPicture): Promise<RawRgb> {
  const resized = await resizeRaw(decoded.rgb, DERIVATIVE_SIZES.ebay);
  if (!decoded.icc) return resized;
  const tagged = encodeIccTaggedTiff(resized.data, resized.width, resized.height, decoded.icc);
  const { data, info } = await sharp(tagged).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return requireRgb(data, info.width, info.height, info.channels);
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
