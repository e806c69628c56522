/**
 * Reads a package weight from free OCR text ("WT: 1.2LB", "1 lb 4.2 oz", "1#4oz", "0,57 kg") or from a
 * scale display. A number without a unit is never taken for a weight, and neither is anything heavier
 * than a parcel carrier would take.
 */

export type WeightUnit = 'lb' | 'oz' | 'kg' | 'g';

export interface ParsedWeight {
  /** Grams, rounded to 0.1. */
  grams: number;
  /** The substring the weight was read from. */
  text: string;
}

const GRAMS_PER: Record<WeightUnit, number> = {
  lb: 453.59237,
  oz: 28.349523125,
  kg: 1000,
  g: 1,
};

const MAX_GRAMS = 70_000;

/*
 * A number as OCR prints it: it starts with a digit (or an l/I standing for 1 right before a digit) and
 * may carry O/o for 0 and l/I for 1 inside. One decimal separator, point or comma.
 */
const NUMBER = String.raw`(?:(?<![\d.,])\d|(?<![A-Za-z\d.,])[lI](?=[\d.,]\d|\d))[\dOoIl]*(?:[.,][\dOoIl]+)?`;
const POUNDS = String.raw`(?:pounds?|[lI]bs?)\.?`;
const OUNCES = String.raw`(?:ounces?|oz)\.?`;
const KILOGRAMS = String.raw`(?:kilogram(?:me)?s?|kilos?|kgs?)\.?`;
const GRAMS = String.raw`(?:gram(?:me)?s?|gms?|gr|g)\.?`;
const END = String.raw`(?![A-Za-z])`;
const GAP = String.raw`[ \t]*`;

const WEIGHT_PATTERN = new RegExp(
  [
    // 1 lb 4.2 oz, 1lb 4oz, 2 lbs 3 oz, 1#4oz, 1# 4 oz
    String.raw`(?<lbPart>${NUMBER})${GAP}(?:${POUNDS}|#)${GAP},?${GAP}(?<ozPart>${NUMBER})${GAP}${OUNCES}${END}`,
    // 1.25 lb, 20.2 oz, 567 g, 0.57 kg
    String.raw`(?<value>${NUMBER})${GAP}(?:(?<lb>${POUNDS})|(?<oz>${OUNCES})|(?<kg>${KILOGRAMS})|(?<g>${GRAMS}))${END}`,
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
    const grams = convertMatchToGrams(match.groups ?? {});
    if (grams !== null) return { grams, text: match[0].trim() };
  }
  return null;
}

function convertMatchToGrams(groups: Record<string, string | undefined>): number | null {
  if (groups.lbPart !== undefined && groups.ozPart !== undefined) {
    const pounds = readNumber(groups.lbPart);
    const ounces = readNumber(groups.ozPart);
    // "1 lb 20 oz" is not how anyone writes a weight; more likely a misread.
    if (pounds === null || ounces === null || ounces >= 16) return null;
    return checkGrams(pounds * GRAMS_PER.lb + ounces * GRAMS_PER.oz);
  }
  if (groups.hashValue !== undefined) {
    const pounds = readNumber(groups.hashValue);
    return pounds === null ? null : checkGrams(pounds * GRAMS_PER.lb);
  }
  const value = groups.value === undefined ? null : readNumber(groups.value);
  const unit = readUnit(groups);
  if (value === null || unit === null) return null;
  return checkGrams(value * GRAMS_PER[unit]);
}

function readUnit(groups: Record<string, string | undefined>): WeightUnit | null {
  if (groups.lb !== undefined) return 'lb';
  if (groups.oz !== undefined) return 'oz';
  if (groups.kg !== undefined) return 'kg';
  if (groups.g !== undefined) return 'g';
  return null;
}

/**
 * Reads an OCR'd number. A comma followed by exactly three digits is a thousands separator
 * ("1,500 g"); any other comma is a decimal comma ("1,5 kg").
 */
function readNumber(raw: string): number | null {
  const digits = raw.replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
  const normalised = /^\d{1,3},\d{3}$/.test(digits) ? digits.replace(',', '') : digits.replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
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
  return grams === null ? null : { grams, text: shown };
}
