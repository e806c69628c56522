import { findSku } from './sku-pattern.ts';
import { findWeight, type ParsedWeight } from './weight-parser.ts';

/** What OCR text says about a photo being the seller's SKU/weight label. */
export interface LabelTextReading {
  /**
   * `sku`: the seller's code is printed on it. `unread-label`: it is plainly a SKU label (the word
   * "SKU" is on it) but the code could not be read. `none`: nothing marks it as a label.
   */
  kind: 'sku' | 'unread-label' | 'none';
  sku: string | null;
  /** The line the code was read on, as evidence. */
  skuText: string | null;
  /** A weight written on the photo, wherever it is: a label, a scale's print, a hand-written note. */
  weight: ParsedWeight | null;
}

/** What the care and brand tags of a garment say, which a seller's label never does. */
const TAG_MARKS: readonly RegExp[] = [
  /\d{1,3}\s*%/,
  /\bMADE\s+IN\b/i,
  /\b(?:RN|CA)\s*#?\s*\d{4,6}\b/i,
  /\b(?:MACHINE\s+WASH|HAND\s+WASH|TUMBLE|BLEACH|DRY\s*CLEAN|IRON)\b/i,
];

const SKU_WORD = /\bSKU\b/i;

/**
 * Decides from a photo's OCR text whether it shows a SKU label. A code the pattern finds after the
 * word "SKU", or a seller's own pattern, always counts. A bare code ("EF-10234") counts only on text
 * that does not read like a garment tag (fibre shares, "MADE IN", RN numbers, care words), since
 * brands print style numbers of the same shape.
 */
export function readLabelText(text: string, pattern: RegExp, options: { sellerPattern: boolean }): LabelTextReading {
  const weight = findWeight(text);
  const sku = findSku(text, pattern);
  const skuLine = sku === null ? null : findLineHolding(text, sku);
  const prefixed = skuLine !== null && SKU_WORD.test(skuLine);
  const looksLikeTag = TAG_MARKS.some((mark) => mark.test(text));

  if (sku !== null && (options.sellerPattern || prefixed || !looksLikeTag)) {
    return { kind: 'sku', sku, skuText: skuLine ?? sku, weight };
  }
  const labelWord = findLineMatching(text, SKU_WORD);
  if (labelWord !== null && !looksLikeTag) {
    return { kind: 'unread-label', sku: null, skuText: labelWord, weight };
  }
  return { kind: 'none', sku: null, skuText: null, weight };
}

function findLineHolding(text: string, code: string): string | null {
  const squeezed = code.replace(/-/g, '');
  const line = text
    .split(/\r?\n/)
    .find((candidate) => candidate.replace(/\s*-\s*/g, '').toUpperCase().includes(squeezed.toUpperCase()));
  return line?.trim() ?? null;
}

function findLineMatching(text: string, pattern: RegExp): string | null {
  return text.split(/\r?\n/).find((line) => pattern.test(line))?.trim() ?? null;
}
