import sharp from 'sharp';
import type { ImageRegion, ScaleDisplayReader, ScaleDisplayReading } from '../../ports/scale-display-reader.ts';
import type { TextRecognizer } from '../../ports/text-recognizer.ts';
import { locateDisplayCandidates } from './bright-panel-locator.ts';
import { decodeSevenSegmentDisplay, type GreyPixels } from './seven-segment-decoder.ts';

export interface SevenSegmentScaleReaderOptions {
  /** Reads the unit printed beside the digits ("Lb"); without it the unit stays unknown. */
  unitReader?: TextRecognizer;
}

/** Longest side the photo is examined at: a display's digits are then 25 px tall or more. */
const WORKING_SIDE = 1600;
/** Longest side the display search runs at. */
const SEARCH_SIDE = 480;
/** Longest side of a display crop handed to the decoder. */
const DECODE_SIDE = 300;

/**
 * A weight as scales show it: up to three whole digits and a decimal part. Readings without a
 * point ("1202", read upside down or with the point lost) and with a leading zero ("01") are refused.
 */
const PLAUSIBLE_READING = /^(?:0|[1-9]\d{0,2})\.\d{1,3}$/;

const UNIT_PATTERN = /(?<![A-Za-z])(lbs?|[1Il|]bs?|kgs?|oz|g)(?![A-Za-z])/i;

interface Variant {
  digits: string;
  confidence: number;
  region: ImageRegion;
  crop: GreyPixels;
}

/**
 * Reads a scale display offline: proposes display-like regions of the photo, then decodes each one's
 * seven-segment digits in the four quarter turns (phones and hanging scales are held any way up),
 * as shot and with its contrast stretched. The reading most variants agree on wins; a tie between
 * different readings gives none.
 */
export class SevenSegmentScaleReader implements ScaleDisplayReader {
  private readonly unitReader: TextRecognizer | undefined;

  constructor(options: SevenSegmentScaleReaderOptions = {}) {
    this.unitReader = options.unitReader;
  }

  async read(image: Buffer, options: { region?: ImageRegion } = {}): Promise<ScaleDisplayReading | null> {
    const source = sharp(image).rotate();
    const { width: originalWidth = 0 } = await source.clone().metadata();
    const working = await source
      .resize(WORKING_SIDE, WORKING_SIDE, { fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const picture: GreyPixels = { data: new Uint8Array(working.data), width: working.info.width, height: working.info.height };
    const toWorking = originalWidth > 0 ? picture.width / originalWidth : 1;

    const regions = options.region
      ? [scaleRegion(options.region, toWorking)]
      : await proposeRegions(picture);
    const variants: Variant[] = [];
    for (const region of regions) {
      const found = await decodeRegion(picture, region);
      variants.push(...found);
      // Regions come best first: one whose variants agree among themselves settles it.
      if (found.length >= 2 && found.every((variant) => variant.digits === found[0]?.digits)) break;
    }
    const winner = pickAgreedReading(variants);
    if (winner === null) return null;
    return {
      digits: winner.digits,
      unit: await this.readUnit(winner.crop),
      confidence: winner.confidence,
      region: scaleRegion(winner.region, 1 / toWorking),
    };
  }

  private async readUnit(crop: GreyPixels): Promise<ScaleDisplayReading['unit']> {
    if (this.unitReader === undefined) return null;
    // The unit sign is small beside the digits: enlarged, OCR can read it.
    const png = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 1 } })
      .resize(crop.width * 3, crop.height * 3, { kernel: 'lanczos3' })
      .png()
      .toBuffer();
    const recognized = await this.unitReader.recognize(png);
    const match = UNIT_PATTERN.exec(recognized.text);
    if (match === null) return null;
    const unit = (match[1] ?? '').toLowerCase();
    if (unit.startsWith('kg')) return 'kg';
    if (unit === 'oz') return 'oz';
    if (unit === 'g') return 'g';
    return 'lb';
  }
}

async function proposeRegions(picture: GreyPixels): Promise<ImageRegion[]> {
  const factor = SEARCH_SIDE / Math.max(picture.width, picture.height);
  if (factor >= 1) return locateDisplayCandidates(picture);
  const small = await sharp(picture.data, { raw: { width: picture.width, height: picture.height, channels: 1 } })
    .resize(SEARCH_SIDE, SEARCH_SIDE, { fit: 'inside' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const candidates = locateDisplayCandidates({ data: new Uint8Array(small.data), width: small.info.width, height: small.info.height });
  return candidates.map((candidate) => scaleRegion(candidate, picture.width / small.info.width));
}

async function decodeRegion(picture: GreyPixels, region: ImageRegion): Promise<Variant[]> {
  const margin = Math.round(Math.min(region.width, region.height) * 0.1);
  const left = clamp(Math.round(region.left - margin), 0, picture.width - 1);
  const top = clamp(Math.round(region.top - margin), 0, picture.height - 1);
  const box = {
    left,
    top,
    width: clamp(Math.round(region.width + 2 * margin), 1, picture.width - left),
    height: clamp(Math.round(region.height + 2 * margin), 1, picture.height - top),
  };
  const cropped = await sharp(picture.data, { raw: { width: picture.width, height: picture.height, channels: 1 } })
    .extract(box)
    .png()
    .toBuffer();
  const variants: Variant[] = [];
  for (const angle of [0, 90, 180, 270]) {
    for (const stretch of [false, true]) {
      let pipeline = sharp(cropped).rotate(angle);
      if (stretch) pipeline = pipeline.normalise();
      const { data, info } = await pipeline
        .resize(DECODE_SIDE, DECODE_SIDE, { fit: 'inside' })
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const crop: GreyPixels = { data: new Uint8Array(data), width: info.width, height: info.height };
      const reading = decodeSevenSegmentDisplay(crop);
      if (reading !== null && PLAUSIBLE_READING.test(reading.digits)) {
        variants.push({ digits: reading.digits, confidence: reading.confidence, region: box, crop });
      }
    }
  }
  return variants;
}

function pickAgreedReading(variants: readonly Variant[]): Variant | null {
  const votes = new Map<string, Variant[]>();
  for (const variant of variants) votes.set(variant.digits, [...(votes.get(variant.digits) ?? []), variant]);
  const ranked = [...votes.values()].sort((a, b) => b.length - a.length);
  const [first, second] = ranked;
  if (first === undefined) return null;
  if (second !== undefined && second.length === first.length) return null;
  const best = [...first].sort((a, b) => b.confidence - a.confidence)[0];
  if (best === undefined) return null;
  // Disagreeing variants lower the trust in the winner.
  const agreement = first.length / variants.length;
  return { ...best, confidence: Math.round(best.confidence * (0.6 + 0.4 * agreement) * 100) / 100 };
}

function scaleRegion(region: ImageRegion, factor: number): ImageRegion {
  return {
    left: Math.round(region.left * factor),
    top: Math.round(region.top * factor),
    width: Math.max(1, Math.round(region.width * factor)),
    height: Math.max(1, Math.round(region.height * factor)),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
