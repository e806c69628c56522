import { blankSpan, foldTagText, splitTagLines } from './tag-text.ts';

/**
 * Sizes as tags print them: letters ("M", "LG", "X-LARGE", "L/G/G"), women's numbers with Petite/Plus/
 * Tall marks ("8P", "16W", "10T"), men's waist and inseam ("W32 L30", "32x30", "32/30"), suits ("42R"),
 * Big & Tall ("2XLT", "3XB"), youth and kids ("YOUTH L", "10/12", "4T", "6-12 MONTHS"), and EU/UK/IT
 * women's numbers converted to US sizes. Anything that could as well be a date, a price, a percentage,
 * a temperature or a weight is set aside before sizes are read.
 */

export type SizeType = 'Regular' | 'Petite' | 'Tall' | 'Plus' | 'Big & Tall' | 'Juniors' | 'Youth' | 'Short' | 'Long';

export interface SizeFinding {
  /** The size as a US listing states it: "M", "XXL", "8", "32x30", "10/12", "2XLT". */
  size: string;
  confidence: number;
  /** Null when the tag says nothing about it (toddler and baby sizes have none). */
  sizeType: SizeType | null;
  sizeTypeConfidence: number;
  /** The line the size was read on. */
  text: string;
}

type Reading = Omit<SizeFinding, 'text'>;

interface LineContext {
  youth: boolean;
  juniors: boolean;
}

const LETTER_SIZES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['XXS', ['XXS', '2XS', 'XX SMALL', '2X SMALL']],
  ['XS', ['XS', 'X SMALL', 'EXTRA SMALL', 'XSM', 'XSML']],
  ['S', ['S', 'SM', 'SML', 'SMALL']],
  ['M', ['M', 'MED', 'MD', 'MEDIUM']],
  ['L', ['L', 'LG', 'LRG', 'LGE', 'LARGE']],
  ['XL', ['XL', 'X LARGE', 'EXTRA LARGE', 'XLG', 'XLRG', '1XL']],
  ['XXL', ['XXL', '2XL', 'XX LARGE', '2X LARGE', 'XXLG', '2XLG']],
  ['3XL', ['XXXL', '3XL', 'XXX LARGE', '3X LARGE', '3XLG']],
  ['4XL', ['XXXXL', '4XL', 'XXXX LARGE', '4X LARGE']],
  ['5XL', ['XXXXXL', '5XL', '5X LARGE']],
];

/** The same sizes as French, Spanish and Portuguese labels write them after a slash: "S/P", "L/G", "XL/TG". */
const LOCAL_LETTER_SIZES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['XS', ['TP', 'XP', 'EP', 'PP', 'XCH', 'TRES PETIT']],
  ['S', ['P', 'CH', 'PETIT', 'PEQUENO', 'PEQUENA']],
  ['M', ['MOYEN', 'MEDIANO', 'MEDIANA']],
  ['L', ['G', 'GRAND', 'GRANDE']],
  ['XL', ['TG', 'XG', 'EG', 'TRES GRAND', 'EXTRA GRANDE']],
  ['XXL', ['TTG', 'XXG', '2XG', 'EEG']],
  ['3XL', ['XXXG', '3XG', 'TTTG']],
];

const LETTER_ORDER = LETTER_SIZES.map(([size]) => size);

function compact(token: string): string {
  return token.replace(/[\s\-.]+/g, '');
}

function alternationOf(forms: readonly string[]): string {
  return [...new Set(forms)]
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replace(/ /g, String.raw`[\s\-.]?`))
    .join('|');
}

const LETTER_BY_FORM = new Map<string, string>(
  LETTER_SIZES.flatMap(([size, forms]) => forms.map((form): [string, string] => [compact(form), size])),
);
const LOCAL_BY_FORM = new Map<string, string>(
  LOCAL_LETTER_SIZES.flatMap(([size, forms]) => forms.map((form): [string, string] => [compact(form), size])),
);

const LETTER = alternationOf(LETTER_SIZES.flatMap(([, forms]) => forms));
const LOCAL_OR_LETTER = alternationOf([
  ...LETTER_SIZES.flatMap(([, forms]) => forms),
  ...LOCAL_LETTER_SIZES.flatMap(([, forms]) => forms),
]);
/** Letter forms distinctive enough to be read inside a sentence: they carry an X ("XL", "X-LARGE", "2XL"). */
const X_LETTER = alternationOf(LETTER_SIZES.flatMap(([, forms]) => forms.filter((form) => form.includes('X'))));

const SIZE_WORD = String.raw`(?:S[I1L]ZE|SZ|TAILLE|TALLA|TALLE|GROSSE|GROESSE|TAGLIA|MAAT|TAMANHO|TAM)`;
const YOUTH_WORD = /\b(?:YOUTH|YTH|BOYS?|GIRLS?|KIDS?|CHILD(?:REN)?|TODDLER|ENFANTS?|NINOS?|NINAS?)\b/;
const JUNIORS_WORD = /\b(?:JUNIORS?|JRS?)\b/;
const END = String.raw`(?![A-Z0-9])`;
const START = String.raw`(?<![A-Z0-9])`;

/** Spans that hold numbers but never a size; blanked before any size is read. */
const NOT_SIZES: readonly RegExp[] = [
  /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b/g, // dates
  /[$€£]\s*\d+(?:[.,]\d{1,2})?|\b\d+[.,]\d{2}\s*(?:USD|EUR|GBP|CAD)\b/g, // prices
  /\d+(?:[.,]\d+)?\s*%/g, // percentages
  /\d+\s*[°º]\s*[CF]?|\b\d+\s*DEGREES\b/g, // temperatures
  /\b\d+(?:[.,]\d+)?\s*(?:LBS?|OZ|KGS?|G|GRAMS?|CM|MM)\b/g, // weights and lengths
  /\b(?:RN|CA)\s*[#:.]?\s*\d{4,6}\b/g, // registration numbers
  /\b(?:STYLE|STY|ART|REF|LOT|PO|CUT|MODEL|ITEM|SKU|UPC)\s*(?:NO\.?|#)?\s*[#:.]?\s*[A-Z0-9-]*\d[A-Z0-9-]*/g, // style and item numbers
  /\d{4,}/g, // long numbers (barcodes, style numbers)
];

interface SizeRule {
  pattern: RegExp;
  /** Readings for one match, or null when the match is not a size after all (its span stays readable). */
  read: (groups: Record<string, string | undefined>, context: LineContext) => Reading[] | null;
}

function letterType(context: LineContext): Pick<Reading, 'sizeType' | 'sizeTypeConfidence'> {
  if (context.youth) return { sizeType: 'Youth', sizeTypeConfidence: 0.8 };
  if (context.juniors) return { sizeType: 'Juniors', sizeTypeConfidence: 0.8 };
  // A plain size on an adult tag is a regular size; nothing on the tag says so outright.
  return { sizeType: 'Regular', sizeTypeConfidence: 0.5 };
}

function letterReading(form: string | undefined, confidence: number, context: LineContext): Reading[] | null {
  const size = form === undefined ? undefined : LETTER_BY_FORM.get(compact(form));
  return size === undefined ? null : [{ size, confidence, ...letterType(context) }];
}

function numberIn(raw: string | undefined, min: number, max: number): number | null {
  if (raw === undefined || !/^\d{1,2}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

function waistInseam(waistRaw: string | undefined, inseamRaw: string | undefined, confidence: number): Reading[] | null {
  const waist = numberIn(waistRaw, 24, 54);
  const inseam = numberIn(inseamRaw, 24, 38);
  if (waist === null || inseam === null) return null;
  return [{ size: `${waist}x${inseam}`, confidence, sizeType: 'Regular', sizeTypeConfidence: 0.5 }];
}

function waistOnly(raw: string | undefined): Reading[] | null {
  const waist = numberIn(raw, 24, 54);
  return waist === null ? null : [{ size: String(waist), confidence: 0.75, sizeType: 'Regular', sizeTypeConfidence: 0.5 }];
}

/** Women's numeric sizes: 00, then even numbers 0–24. */
function isWomensNumber(raw: string): boolean {
  if (raw === '00') return true;
  const value = numberIn(raw, 0, 24);
  return value !== null && value % 2 === 0;
}

function convertedWomens(raw: string | undefined, offset: number, min: number, max: number): Reading[] | null {
  const value = numberIn(raw, min, max);
  if (value === null || value % 2 !== 0) return null;
  // Standard women's tables: EU/FR 38 = IT 42 = UK 10 = US 6. Men's sizes do not follow them, hence the low confidence.
  return [{ size: String(value - offset), confidence: 0.5, sizeType: 'Regular', sizeTypeConfidence: 0.4 }];
}

const SIZE_RULES: readonly SizeRule[] = [
  {
    pattern: /\bONE[\s-]*SIZE(?:[\s-]*FITS[\s-]*(?:MOST|ALL))?\b|(?<![A-Z0-9])O\/S(?![A-Z0-9])|\bOSFA\b|\bOSFM\b/g,
    read: () => [{ size: 'One Size', confidence: 0.85, sizeType: null, sizeTypeConfidence: 0 }],
  },
  // Waist and inseam: W32 L30, W32/L30, 32W 30L, WAIST 32 INSEAM 30, 32x30, 32/30
  {
    pattern: new RegExp(String.raw`${START}W\s*[:.]?\s*(?<waist>\d{2})\s*[/X,]?\s*L\s*[:.]?\s*(?<inseam>\d{2})(?!\d)`, 'g'),
    read: (groups) => waistInseam(groups.waist, groups.inseam, 0.9),
  },
  {
    pattern: new RegExp(String.raw`${START}(?<waist>\d{2})\s*W\s*[/X,]?\s*(?<inseam>\d{2})\s*L${END}`, 'g'),
    read: (groups) => waistInseam(groups.waist, groups.inseam, 0.9),
  },
  {
    pattern: /\bWAIST\s*[:.]?\s*(?<waist>\d{2})\b\s*(?:IN\b|")?\s*[,/]?\s*(?:INSEAM|LENGTH|LEG|L)\s*[:.]?\s*(?<inseam>\d{2})(?!\d)/g,
    read: (groups) => waistInseam(groups.waist, groups.inseam, 0.9),
  },
  {
    pattern: /(?<![\d/.])(?<waist>\d{2})\s*[X×]\s*(?<inseam>\d{2})(?![\d/.])/g,
    read: (groups) => waistInseam(groups.waist, groups.inseam, 0.85),
  },
  {
    pattern: /(?<![\d/.-])(?<waist>\d{2})\s*\/\s*(?<inseam>\d{2})(?![\d/.-])/g,
    read: (groups) => waistInseam(groups.waist, groups.inseam, 0.7),
  },
  // Waist alone: W32, 32W (25 and up; 14W–24W are women's plus sizes), WAIST 32
  {
    pattern: new RegExp(String.raw`${START}W\s*(?<waist>\d{2})(?!\d)|${START}(?<waist2>2[5-9]|[3-5]\d)\s?W${END}|\bWAIST\s*[:.]?\s*(?<waist3>\d{2})(?!\d)`, 'g'),
    read: (groups) => waistOnly(groups.waist ?? groups.waist2 ?? groups.waist3),
  },
  // Big & Tall: XLT, 2XLT, XXLT, 1XB..6XB, "XL TALL"
  {
    pattern: new RegExp(String.raw`${START}(?<bigTall>(?:[1-6]X|X{1,5})LT|[1-6]XB)${END}|${START}(?<tallLetter>${LETTER})[\s\-]+TALL${END}`, 'g'),
    read: (groups) => {
      const size = groups.bigTall === undefined ? tallFromLetter(groups.tallLetter) : normaliseBigTall(groups.bigTall);
      if (size === null) return null;
      const sizeType: SizeType = /^(?:S|M|L)T$/.test(size) ? 'Tall' : 'Big & Tall';
      return [{ size, confidence: 0.85, sizeType, sizeTypeConfidence: 0.85 }];
    },
  },
  // Multilingual letters: M/M, L / G / G, S/P, XL/TG; two different letters make a combined size (S/M, L/XL).
  {
    pattern: new RegExp(
      String.raw`${START}(?<first>${LETTER})(?<rest>(?:\s*/\s*(?:${LOCAL_OR_LETTER})(?![A-Z0-9])){1,3})`,
      'g',
    ),
    read: (groups, context) => readSlashedLetters(groups.first, groups.rest, context),
  },
  // Youth: YOUTH L, BOYS M, YL, YXL
  {
    pattern: new RegExp(
      String.raw`\b(?:YOUTH|YTH|BOYS?|GIRLS?|KIDS?)\b\s*[:.\-]?\s*(?<youthLetter>${LETTER})${END}|${START}Y(?<shortYouth>XS|S|M|L|XL)${END}`,
      'g',
    ),
    read: (groups) => {
      const size = LETTER_BY_FORM.get(compact(groups.youthLetter ?? groups.shortYouth ?? ''));
      return size === undefined ? null : [{ size, confidence: 0.85, sizeType: 'Youth', sizeTypeConfidence: 0.85 }];
    },
  },
  // A size word, then the size: SIZE M, SZ: XL, TAILLE 38, SIZE 8P...
  {
    pattern: new RegExp(
      String.raw`\b${SIZE_WORD}\b\s*[:.#\-]?\s*(?:(?<keywordLetter>${LETTER})|(?<keywordTall>[SML]T)|(?<keywordNumber>\d{1,2})(?<petite>\s?P(?:ETITE)?)?(?<plus>\s?W)?)${END}(?![/.,]\d)`,
      'g',
    ),
    read: (groups, context) => readSizeAfterKeyword(groups, context),
  },
  // Country systems: US 6, USA M, EUR 38, UK 10, IT 42
  {
    pattern: new RegExp(
      String.raw`\b(?<system>US|USA|EUR|EU|FR|DE|UK|IT|ITA|MEX|INT)\b\s*[:.]?\s*(?:(?<systemLetter>${LETTER})${END}|(?<systemNumber>\d{1,2})(?![\d/X.]))`,
      'g',
    ),
    read: (groups, context) => readCountrySystem(groups, context),
  },
  // Letter with its numeric equivalents in brackets: "M (8-10)", "L (14/16)"
  {
    pattern: new RegExp(String.raw`${START}(?<bracketLetter>${LETTER})\s*\(\s*\d{1,2}(?:\s*[-/]\s*\d{1,2})?\s*\)`, 'g'),
    read: (groups, context) => letterReading(groups.bracketLetter, 0.85, context),
  },
  // Petite: 8P, 10 PETITE, PETITE 8, PS, PM, XSP, SP, M PETITE
  {
    pattern: new RegExp(
      String.raw`${START}(?<petiteNumber>00|\d{1,2})\s?P(?:ETITE)?${END}|\bPETITE\s*(?<petiteNumber2>00|\d{1,2})${END}|${START}P(?<petiteLetter>XS|S|M|L|XL)${END}|${START}(?<petiteLetter2>XS|S|M|L|XL)P${END}|(?<petiteLetter3>${LETTER})\s+PETITE${END}`,
      'g',
    ),
    read: (groups) => {
      const number = groups.petiteNumber ?? groups.petiteNumber2;
      if (number !== undefined) {
        return isWomensNumber(number) ? [{ size: `${number}P`, confidence: 0.85, sizeType: 'Petite', sizeTypeConfidence: 0.85 }] : null;
      }
      const letter = LETTER_BY_FORM.get(compact(groups.petiteLetter ?? groups.petiteLetter2 ?? groups.petiteLetter3 ?? ''));
      return letter === undefined ? null : [{ size: letter, confidence: 0.85, sizeType: 'Petite', sizeTypeConfidence: 0.85 }];
    },
  },
  // Women's plus: 1X-6X (not the "2X" of "2X-LARGE"), 14W-24W, "18 PLUS"
  {
    pattern: /(?<![A-Z0-9])(?<plusX>[0-6])X(?![A-Z0-9])(?![\s\-.]?(?:LARGE|LRG|LG|SMALL)\b)|(?<![A-Z0-9])(?<plusW>1[4-9]|2[0-4])\s?W(?![A-Z0-9])|(?<![A-Z0-9])(?<plusWord>1[4-9]|2\d|3[0-2])\s*PLUS\b/g,
    read: (groups) => {
      if (groups.plusX !== undefined) return [{ size: `${groups.plusX}X`, confidence: 0.8, sizeType: 'Plus', sizeTypeConfidence: 0.55 }];
      const value = groups.plusW ?? groups.plusWord;
      if (value === undefined || Number(value) % 2 !== 0) return null;
      return [{ size: `${value}W`, confidence: 0.85, sizeType: 'Plus', sizeTypeConfidence: 0.85 }];
    },
  },
  // Women's tall: 10T, 12 TALL (2T-5T are toddler sizes, read below)
  {
    pattern: /(?<![A-Z0-9])(?<tallNumber>[6-9]|1\d|2[0-4])\s?(?:T|TALL)(?![A-Z0-9])/g,
    read: (groups) => {
      const value = groups.tallNumber;
      if (value === undefined || Number(value) % 2 !== 0) return null;
      return [{ size: `${value}T`, confidence: 0.8, sizeType: 'Tall', sizeTypeConfidence: 0.8 }];
    },
  },
  // Suits and sport coats: 42R, 40 LONG, 38S
  {
    pattern: /(?<![A-Z0-9])(?<chest>3[4-9]|4\d|5[0-6])\s?(?<cut>REGULAR|REG|R|LONG|L|SHORT|S)(?![A-Z0-9])/g,
    read: (groups) => {
      const cut = groups.cut ?? '';
      const sizeType: SizeType = cut.startsWith('L') ? 'Long' : cut.startsWith('S') ? 'Short' : 'Regular';
      return groups.chest === undefined ? null : [{ size: groups.chest, confidence: 0.75, sizeType, sizeTypeConfidence: 0.75 }];
    },
  },
  // Toddler and baby: 2T-5T, NEWBORN, 0-3 MONTHS, 6-12M, 18 MOS (not 3M, the maker of Thinsulate)
  {
    pattern: /(?<![A-Z0-9])(?<toddler>[2-5])T(?![A-Z0-9])|\b(?<newborn>NEWBORN)\b|(?<![\d/])(?<fromMonth>\d{1,2})\s*-\s*(?<toMonth>\d{1,2})\s*(?:M|MO|MOS|MONTHS?)(?![A-Z0-9])|(?<![\d/-])(?<month>\d{1,2})\s*(?:M|MO|MOS|MONTHS?)(?![A-Z0-9])(?!\s*(?:THINSULATE|SCOTCHLITE))/g,
    read: (groups) => {
      if (groups.toddler !== undefined) return [{ size: `${groups.toddler}T`, confidence: 0.85, sizeType: null, sizeTypeConfidence: 0 }];
      if (groups.newborn !== undefined) return [{ size: 'Newborn', confidence: 0.8, sizeType: null, sizeTypeConfidence: 0 }];
      const from = numberIn(groups.fromMonth, 0, 24);
      const to = numberIn(groups.toMonth, 1, 36);
      if (from !== null && to !== null && to > from) {
        return [{ size: `${from}-${to} Months`, confidence: 0.85, sizeType: null, sizeTypeConfidence: 0 }];
      }
      const month = numberIn(groups.month, 1, 24);
      return month === null ? null : [{ size: `${month} Months`, confidence: 0.75, sizeType: null, sizeTypeConfidence: 0 }];
    },
  },
  // Kids' ranges: 4/5, 6/7, 10/12, 14/16, 18/20 (also with a dash); not 3/4 SLEEVE or 1/2 ZIP
  {
    pattern: /(?<![\d/.-])(?<low>\d{1,2})\s*[/-]\s*(?<high>\d{1,2})(?![\d/.%-])(?!\s*(?:SLEEVE|LENGTH|ZIP|LEG|IN\b|INCH|"))/g,
    read: (groups, context) => {
      const low = numberIn(groups.low, 4, 18);
      const high = numberIn(groups.high, 3, 20);
      if (low === null || high === null || high - low < 1 || high - low > 2) return null;
      return [{ size: `${low}/${high}`, confidence: context.youth ? 0.85 : 0.6, sizeType: 'Youth', sizeTypeConfidence: context.youth ? 0.85 : 0.6 }];
    },
  },
];

function normaliseBigTall(token: string): string {
  if (token.endsWith('B')) return token;
  const xs = /^X+/.exec(token)?.[0].length ?? 0;
  if (xs === 0) return token;
  return xs === 1 ? 'XLT' : `${xs}XLT`;
}

function tallFromLetter(form: string | undefined): string | null {
  const size = form === undefined ? undefined : LETTER_BY_FORM.get(compact(form));
  if (size === undefined || size === 'XXS' || size === 'XS') return null;
  return `${size === 'XXL' ? '2XL' : size}T`;
}

function readSlashedLetters(first: string | undefined, rest: string | undefined, context: LineContext): Reading[] | null {
  const firstSize = first === undefined ? undefined : LETTER_BY_FORM.get(compact(first));
  if (firstSize === undefined || rest === undefined) return null;
  const others = rest
    .split('/')
    .map((token) => compact(token))
    .filter((token) => token !== '');
  const meanings = others.map((token) => LOCAL_BY_FORM.get(token) ?? LETTER_BY_FORM.get(token));
  if (meanings.every((meaning) => meaning === firstSize)) {
    // "S/S" is far more often "short sleeve" than a size written twice.
    if (firstSize === 'S' && others.every((token) => token === 'S')) return null;
    return [{ size: firstSize, confidence: 0.9, ...letterType(context) }];
  }
  // "S/M", "L/XL": one size covering two neighbouring letters.
  const [second] = others;
  const secondSize = second === undefined ? undefined : LETTER_BY_FORM.get(second);
  if (others.length === 1 && secondSize !== undefined && LETTER_ORDER.indexOf(secondSize) === LETTER_ORDER.indexOf(firstSize) + 1) {
    return [{ size: `${firstSize}/${secondSize}`, confidence: 0.75, ...letterType(context) }];
  }
  return null;
}

function readSizeAfterKeyword(groups: Record<string, string | undefined>, context: LineContext): Reading[] | null {
  if (groups.keywordLetter !== undefined) return letterReading(groups.keywordLetter, 0.9, context);
  if (groups.keywordTall !== undefined) {
    return [{ size: groups.keywordTall, confidence: 0.85, sizeType: 'Tall', sizeTypeConfidence: 0.85 }];
  }
  const raw = groups.keywordNumber;
  if (raw === undefined) return null;
  if (groups.petite !== undefined) {
    return isWomensNumber(raw) ? [{ size: `${raw}P`, confidence: 0.9, sizeType: 'Petite', sizeTypeConfidence: 0.9 }] : null;
  }
  if (groups.plus !== undefined) {
    return [{ size: `${raw}W`, confidence: 0.9, sizeType: 'Plus', sizeTypeConfidence: 0.9 }];
  }
  const value = numberIn(raw, 0, 60);
  if (value === null) return null;
  if (context.juniors && value % 2 === 1 && value <= 15) {
    return [{ size: raw, confidence: 0.9, sizeType: 'Juniors', sizeTypeConfidence: 0.85 }];
  }
  if (context.youth && value <= 20) return [{ size: raw, confidence: 0.85, sizeType: 'Youth', sizeTypeConfidence: 0.8 }];
  const sizeType: SizeType | null = isWomensNumber(raw) ? 'Regular' : null;
  return [{ size: raw, confidence: 0.85, sizeType, sizeTypeConfidence: sizeType === null ? 0 : 0.5 }];
}

function readCountrySystem(groups: Record<string, string | undefined>, context: LineContext): Reading[] | null {
  const system = groups.system ?? '';
  if (groups.systemLetter !== undefined) return letterReading(groups.systemLetter, 0.85, context);
  const raw = groups.systemNumber;
  if (raw === undefined) return null;
  switch (system) {
    case 'US':
    case 'USA':
      return isWomensNumber(raw) ? [{ size: raw, confidence: 0.85, sizeType: 'Regular', sizeTypeConfidence: 0.5 }] : null;
    case 'UK':
      return convertedWomens(raw, 4, 4, 28);
    case 'EU':
    case 'EUR':
    case 'FR':
    case 'DE':
      return convertedWomens(raw, 32, 32, 56);
    case 'IT':
    case 'ITA':
      return convertedWomens(raw, 36, 36, 60);
    default:
      // Mexican and "international" numbers have no agreed US equivalent.
      return null;
  }
}

/** A line holding nothing but a size: "M", "XL", "LARGE", "8", "ST". */
function readWholeLine(line: string, context: LineContext): Reading[] | null {
  const bare = line.replace(/[^A-Z0-9\s\-.]/g, ' ').trim();
  if (bare === '') return null;
  const letter = LETTER_BY_FORM.get(compact(bare));
  if (letter !== undefined) {
    return [{ size: letter, confidence: 0.8, ...letterType(context) }];
  }
  if (/^(?:S|M|L)T$/.test(bare)) return [{ size: bare, confidence: 0.75, sizeType: 'Tall', sizeTypeConfidence: 0.75 }];
  if (/^\d{1,2}$/.test(bare) && bare !== '0' && isWomensNumber(bare)) {
    return [{ size: bare, confidence: 0.5, sizeType: 'Regular', sizeTypeConfidence: 0.4 }];
  }
  return null;
}

const X_LETTER_IN_TEXT = new RegExp(String.raw`${START}(?<inText>${X_LETTER})${END}`, 'g');

/** Every size on a tag, best readings first within each line. */
export function findSizes(text: string): SizeFinding[] {
  const findings: SizeFinding[] = [];
  for (const line of joinSizeWordLines(text)) {
    let working = line.folded;
    for (const pattern of NOT_SIZES) working = working.replace(pattern, (span) => ' '.repeat(span.length));
    const context: LineContext = { youth: YOUTH_WORD.test(working), juniors: JUNIORS_WORD.test(working) };
    const readings: Reading[] = [];

    for (const rule of SIZE_RULES) {
      for (const match of working.matchAll(rule.pattern)) {
        const read = rule.read(match.groups ?? {}, context);
        if (read === null) continue;
        readings.push(...read);
        working = blankSpan(working, match.index, match.index + match[0].length);
      }
    }
    const whole = readWholeLine(working, context);
    if (whole !== null) {
      readings.push(...whole);
    } else {
      for (const match of working.matchAll(X_LETTER_IN_TEXT)) {
        const read = letterReading(match.groups?.inText, 0.6, context);
        if (read !== null) readings.push(...read);
      }
    }
    for (const reading of readings) {
      const duplicate = findings.find((finding) => finding.size === reading.size && finding.text === line.original);
      if (duplicate === undefined) findings.push({ ...reading, text: line.original });
      else if (reading.confidence > duplicate.confidence) Object.assign(duplicate, reading);
    }
  }
  return findings;
}

interface SizeLine {
  original: string;
  folded: string;
}

/** A size word alone on its line ("SIZE" above "M") belongs with the next line. */
function joinSizeWordLines(text: string): SizeLine[] {
  const lines = splitTagLines(text).map((line) => ({ original: line.text.trim(), folded: foldTagText(line.text).trim() }));
  const joined: SizeLine[] = [];
  const sizeWordAlone = new RegExp(String.raw`^${SIZE_WORD}\s*[:.#]?$`);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const next = lines[index + 1];
    if (line === undefined) continue;
    if (next !== undefined && sizeWordAlone.test(line.folded)) {
      joined.push({ original: `${line.original} / ${next.original}`, folded: `${line.folded} ${next.folded}` });
      index += 1;
    } else {
      joined.push(line);
    }
  }
  return joined;
}
