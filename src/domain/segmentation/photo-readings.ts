import type { WeightReading } from '../../contracts/attributes.ts';
import type { Barcode } from '../../contracts/photo.ts';
import type { OcrReading, PhotoReadings } from '../../contracts/readings.ts';
import { readLabelText } from './label-text.ts';
import { compileSkuPattern } from './sku-pattern.ts';
import type { SegmentablePhoto } from './segment-batch.ts';
import { findWeight, parseScaleReading, type ParsedWeight, type WeightUnit } from './weight-parser.ts';

/** A photo as stored: what ingest found, and what was read from it since. */
export interface PhotoFacts {
  id: string;
  originalName: string;
  sequence: number;
  capturedAt: Date | null;
  /** Ingested (not rejected, not still waiting). */
  usable: boolean;
  barcodes: readonly Barcode[];
  readings: PhotoReadings;
}

export interface ReadingRules {
  skuPattern: RegExp;
  /** True when the pattern is the seller's own (SKU_PATTERN): its matches are trusted anywhere. */
  sellerPattern: boolean;
  /** The unit the seller's scale shows, for displays whose unit sign could not be read. */
  scaleUnit: WeightUnit | null;
}

/** The rules from the seller's settings: SKU_PATTERN (null for the default) and SCALE_UNIT. */
export function createReadingRules(settings: { skuPattern: string | null; scaleUnit?: WeightUnit | null }): ReadingRules {
  return {
    skuPattern: compileSkuPattern(settings.skuPattern),
    sellerPattern: settings.skuPattern !== null,
    scaleUnit: settings.scaleUnit ?? null,
  };
}

/** Below this, a vision model's "this is a SKU photo" does not open an item. */
const MIN_VERDICT_CONFIDENCE = 0.5;

/**
 * What segmentation needs to know of one photo, from what was read of it: a SKU label by its barcode
 * (a retail UPC/EAN never counts), else by OCR text, else by a vision model's verdict; and a weight
 * from the label text, else the scale display, else the vision model.
 */
export function describePhotoForSegmentation(photo: PhotoFacts, rules: ReadingRules): SegmentablePhoto {
  const { readings } = photo;
  const ocr = readings.ocr;
  // A label turned too far for the whole-photo read is read again level, as a panel.
  const text = [ocr?.text ?? '', ...(readings.panels ?? []).map((panel) => panel.text)].join('\n');
  const label = ocr === undefined ? null : readLabelText(text, rules.skuPattern, { sellerPattern: rules.sellerPattern });
  const barcode = photo.barcodes.find((code) => code.kind === 'sku');
  const verdict = readings.skuVerdict;

  let skuLabel: SegmentablePhoto['skuLabel'] = null;
  if (barcode !== undefined) {
    skuLabel = { sku: barcode.text, source: 'barcode', text: barcode.text };
  } else if (label !== null && label.kind !== 'none') {
    skuLabel = { sku: label.sku, source: 'ocr', text: label.skuText ?? '' };
  } else if (verdict?.isSkuPhoto === true && verdict.confidence >= MIN_VERDICT_CONFIDENCE) {
    skuLabel = { sku: verdict.sku, source: 'vision', text: verdict.sku ?? 'a SKU label, as the vision model saw it' };
  }

  return {
    id: photo.id,
    originalName: photo.originalName,
    sequence: photo.sequence,
    capturedAt: photo.capturedAt,
    usable: photo.usable,
    skuLabel,
    productCodes: photo.barcodes.filter((code) => code.kind === 'product').map((code) => code.text),
    weight: photo.usable ? pickPhotoWeight(readings, label?.weight ?? null, ocr, rules) : null,
  };
}

function pickPhotoWeight(
  readings: PhotoReadings,
  fromText: ParsedWeight | null,
  ocr: OcrReading | undefined,
  rules: ReadingRules,
): Omit<WeightReading, 'photoId'> | null {
  if (fromText !== null && ocr !== undefined) {
    return {
      grams: fromText.grams,
      text: fromText.text,
      source: 'label',
      confidence: round(fromText.confidence * lineConfidence(ocr, fromText.text)),
    };
  }
  const display = readings.scaleDisplay;
  if (display?.digits != null) {
    const unit = display.unit ?? rules.scaleUnit;
    const shown = display.unit === null ? display.digits : `${display.digits} ${display.unit}`;
    const parsed = parseScaleReading(display.digits, unit ?? undefined);
    if (parsed !== null) {
      // A unit taken from the settings rather than seen on the display is a little less sure.
      const unitFactor = display.unit === null ? 0.9 : 1;
      return { grams: parsed.grams, text: shown, source: 'scale', confidence: round(display.confidence * parsed.confidence * unitFactor) };
    }
  }
  const verdict = readings.skuVerdict;
  if (verdict?.weightText != null) {
    const parsed = findWeight(verdict.weightText);
    if (parsed !== null) {
      return { grams: parsed.grams, text: parsed.text, source: 'vision', confidence: round(verdict.confidence * parsed.confidence) };
    }
  }
  return null;
}

/** How sure OCR was of the line the weight was read on; the whole page's confidence when lines are unknown. */
function lineConfidence(ocr: OcrReading, text: string): number {
  const squeezed = text.replace(/\s+/g, '');
  const line = ocr.lines.find((candidate) => candidate.text.replace(/\s+/g, '').includes(squeezed));
  // OCR's own confidence is low on photographed labels even when every character is right.
  return Math.max(0.5, line?.confidence ?? ocr.confidence);
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
