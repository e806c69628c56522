/**
 * Reads a package weight from free OCR text ("WT: 1.2LB", "1 lb 4.2 oz", "1#4oz", "0,57 kg") or from a
 * scale display. A number without a unit is never taken for a weight, and neither is anything heavier
 * than a parcel carrier would take.
 *
 * OCR of printed labels has habits this parser forgives, at a lower confidence: "lb" read as "1b",
 * "Ib" or "|b" (with the space before it often dropped: "1.251b" is 1.25 lb, "11b" is 1 lb), "oz" read
 * as "0z", O and l inside numbers, and the "oz" of "1 lb 4.2 oz" lost at the end of its line.
 */

export type WeightUnit = 'lb' | 'oz' | 'kg' | 'g';

export interface ParsedWeight {
  /** Grams, rounded to 0.1. */
  grams: number;
  /** The substring the weight was read from. */
  text: string;
  /** 0..1: 1 when the weight is written plainly; lower when OCR slips had to be forgiven or a unit inferred. */
  confidence: number;
}

const GRAMS_PER: Record<WeightUnit, number> = {
  lb: 453.59237,
  oz: 28.349523125,
  kg: 1000,
  g: 1,
};

const MAX_GRAMS = 70_000;

/** How much a forgiven slip lowers the confidence in the reading. */
const CONFIDENCE = {
  digitLookalike: 0.85,
  misreadUnit: 0.75,
  lostOunces: 0.6,
} as const;

/*
 * A number as OCR prints it: it starts with a digit (or an l/I standing for 1 right before a digit) and
 * may carry O/o for 0 and l/I for 1 inside. One decimal separator, point or comma. A number glued to a
 * code before it ("EF-1031g", a SKU whose 8 was read as g) is not a weight.
 */
const NUMBER = String.raw`(?:(?<![\d.,A-Za-z-])\d|(?<![A-Za-z\d.,-])[lI](?=[\d.,]\d|\d))[\dOoIl]*(?:[.,][\dOoIl]+)?`;
/** The ounces of "1lb4oz" follow the pound sign without a space. */
const OUNCE_NUMBER = String.raw`(?:(?<![\d.,])\d)[\dOoIl]*(?:[.,][\dOoIl]+)?`;
const POUNDS = String.raw`(?:pounds?|lbs?)\.?`;
/** "lb" read as "1b", "Ib" or "|b"; a 1 touching the number before it is taken from it ("11b" is 1 lb). */
const POUNDS_MISREAD = String.raw`[1I|]bs?\.?`;
const OUNCES = String.raw`(?:ounces?|oz)\.?`;
const OUNCES_MISREAD = String.raw`[0O]z\.?`;
/** After pounds, "oz" read as "02" still reads as ounces; alone, "3 02" is no weight. */
const OUNCES_AFTER_POUNDS_MISREAD = String.raw`(?:[0O]z|02)\.?`;
const KILOGRAMS = String.raw`(?:kilogram(?:me)?s?|kilos?|kgs?)\.?`;
/** "kg" read as "k9" or "kq". */
const KILOGRAMS_MISREAD = String.raw`k[9q]s?\.?`;
const GRAMS = String.raw`(?:gram(?:me)?s?|gms?|gr|g)\.?`;
const END = String.raw`(?![A-Za-z])`;
const GAP = String.raw`[ \t]*`;
const LINE_END = String.raw`(?=[ \t]*(?:\r?\n|$))`;

const WEIGHT_PATTERN = new RegExp(
  [
    // 1 lb 4.2 oz, 1lb 4oz, 2 lbs 3 oz, 1#4oz, 1# 4 oz, 1 1b 4.2 0z
    String.raw`(?<lbPart>${NUMBER})${GAP}(?:${POUNDS}|(?<lbPartMisread>${POUNDS_MISREAD})|#)${GAP},?${GAP}(?<ozPart>${OUNCE_NUMBER})${GAP}(?:${OUNCES}|(?<ozPartMisread>${OUNCES_AFTER_POUNDS_MISREAD}))${END}`,
    // "1Lb 4.2" at the end of its line: the "oz" after it was lost
    String.raw`(?<lbBeforeLost>${NUMBER})${GAP}(?:${POUNDS}|(?<lbBeforeLostMisread>${POUNDS_MISREAD}))${GAP},?${GAP}(?<ozLost>\d{1,2}(?:[.,]\d)?)${LINE_END}`,
    // 1.25 lb, 20.2 oz, 567 g, 0.57 kg
    String.raw`(?<value>${NUMBER})${GAP}(?:(?<lb>${POUNDS})|(?<lbMisread>${POUNDS_MISREAD})|(?<oz>${OUNCES})|(?<ozMisread>${OUNCES_MISREAD})|(?<kg>${KILOGRAMS})|(?<kgMisread>${KILOGRAMS_MISREAD})|(?<g>${GRAMS}))${END}`,
    // "WT: 2#": a bare pound sign only counts after a weight keyword
    String.raw`(?<=\b(?:wt|wgt|weight)\.?${GAP}[:=-]?${GAP})(?<hashValue>${NUMBER})${GAP}#`,
  ].join('|'),
  'gi',
);

/** A scale's printed capacity or division ("MAX. 110LB/50KG", "d=10g") is not the reading. */
const CAPACITY_BEFORE = /(?:\bmax|\bmin|\bcapacity|\bcap|\bd|\be)\s*[.:=]?\s*$/i;
const SLASH_BETWEEN = /^\s*\/\s*$/;

/** The first weight written in `text`, or null when none is written with its unit. */
export function findWeight(text: string): ParsedWeight | null {
  let capacityEnd = -1;
  for (const match of text.matchAll(WEIGHT_PATTERN)) {
    const start = match.index;
    const before = text.slice(Math.max(0, start - 12), start);
    const isCapacity =
      CAPACITY_BEFORE.test(before) || (capacityEnd >= 0 && SLASH_BETWEEN.test(text.slice(capacityEnd, start)));
    if (isCapacity) {
      capacityEnd = start + match[0].length;
      continue;
    }
    const read = convertMatchToGrams(match.groups ?? {});
    if (read !== null) return { grams: read.grams, text: match[0].trim(), confidence: read.confidence };
  }
  return null;
}

interface GramsRead {
  grams: number;
  confidence: number;
}

function convertMatchToGrams(groups: Record<string, string | undefined>): GramsRead | null {
  if (groups.lbPart !== undefined && groups.ozPart !== undefined) {
    return readPoundsAndOunces(groups.lbPart, groups.ozPart, [
      groups.lbPartMisread === undefined ? 1 : CONFIDENCE.misreadUnit,
      groups.ozPartMisread === undefined ? 1 : CONFIDENCE.misreadUnit,
    ]);
  }
  if (groups.lbBeforeLost !== undefined && groups.ozLost !== undefined) {
    return readPoundsAndOunces(groups.lbBeforeLost, groups.ozLost, [
      CONFIDENCE.lostOunces,
      groups.lbBeforeLostMisread === undefined ? 1 : CONFIDENCE.misreadUnit,
    ]);
  }
  if (groups.hashValue !== undefined) {
    const pounds = readNumber(groups.hashValue);
    return pounds === null ? null : withConfidence(checkGrams(pounds.value * GRAMS_PER.lb), [pounds.confidence]);
  }
  const value = groups.value === undefined ? null : readNumber(groups.value);
  const unit = readUnit(groups);
  if (value === null || unit === null) return null;
  const misread = groups.lbMisread !== undefined || groups.ozMisread !== undefined || groups.kgMisread !== undefined;
  return withConfidence(checkGrams(value.value * GRAMS_PER[unit]), [
    value.confidence,
    misread ? CONFIDENCE.misreadUnit : 1,
  ]);
}

function readPoundsAndOunces(poundsRaw: string, ouncesRaw: string, confidences: number[]): GramsRead | null {
  const pounds = readNumber(poundsRaw);
  const ounces = readNumber(ouncesRaw);
  // "1 lb 20 oz" is not how anyone writes a weight; more likely a misread.
  if (pounds === null || ounces === null || ounces.value >= 16) return null;
  return withConfidence(checkGrams(pounds.value * GRAMS_PER.lb + ounces.value * GRAMS_PER.oz), [
    ...confidences,
    pounds.confidence,
    ounces.confidence,
  ]);
}

function withConfidence(grams: number | null, factors: readonly number[]): GramsRead | null {
  if (grams === null) return null;
  return { grams, confidence: Math.min(1, ...factors) };
}

function readUnit(groups: Record<string, string | undefined>): WeightUnit | null {
  if (groups.lb !== undefined || groups.lbMisread !== undefined) return 'lb';
  if (groups.oz !== undefined || groups.ozMisread !== undefined) return 'oz';
  if (groups.kg !== undefined || groups.kgMisread !== undefined) return 'kg';
  if (groups.g !== undefined) return 'g';
  return null;
}

/**
 * Reads an OCR'd number. A comma followed by exactly three digits is a thousands separator
 * ("1,500 g"); any other comma is a decimal comma ("1,5 kg").
 */
function readNumber(raw: string): { value: number; confidence: number } | null {
  const digits = raw.replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
  const normalised = /^\d{1,3},\d{3}$/.test(digits) ? digits.replace(',', '') : digits.replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(normalised)) return null;
  return { value: Number(normalised), confidence: digits === raw ? 1 : CONFIDENCE.digitLookalike };
}

function checkGrams(grams: number): number | null {
  if (!Number.isFinite(grams) || grams <= 0 || grams > MAX_GRAMS) return null;
  const rounded = Math.round(grams * 10) / 10;
  return rounded > 0 ? rounded : null;
}

/** Segments of a seven-segment display that OCR often reads as letters. */
const SEVEN_SEGMENT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  b: '6',
  B: '8',
  g: '9',
  q: '9',
};

/**
 * Reads a scale display such as "20.21". A unit shown on the display ("20.21 lb") wins; otherwise the
 * caller's `unitHint` (the unit the scale is set to) is used; with neither, the reading is not a weight.
 */
export function parseScaleReading(digits: string, unitHint?: WeightUnit): ParsedWeight | null {
  const shown = digits.trim();
  if (shown === '') return null;
  const withUnit = findWeight(shown);
  if (withUnit !== null) return withUnit;
  if (unitHint === undefined) return null;
  const cleaned = [...shown.replace(/\s+/g, '')].map((char) => SEVEN_SEGMENT_LOOKALIKES[char] ?? char).join('');
  if (!/^\d+(?:[.,]\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned.replace(',', '.'));
  const grams = checkGrams(value * GRAMS_PER[unitHint]);
  if (grams === null) return null;
  return { grams, text: shown, confidence: cleaned === shown.replace(/\s+/g, '') ? 1 : CONFIDENCE.digitLookalike };
}
