import { splitWords, stemWord } from './keyword-tokenizer.ts';

/**
 * Matching what the photos said ("grey", "X-LARGE", "Made in U.S.A.") to the values eBay allows
 * for an item specific ("Gray", "XL", "United States"). A value is only ever matched to one eBay
 * offers, never made up; when the words fit two values equally, nothing is matched.
 */

export type MatchKind = 'exact' | 'spelling' | 'family' | 'contained' | 'fuzzy';

export interface AspectValueMatch {
  value: string;
  kind: MatchKind;
}

export interface MatchOptions {
  /** The aspect being matched: its own spelling and family tables apply. */
  aspectName?: string;
  /** Map a shade to its colour family ("Navy" → "Blue"): only where eBay allows no other value. */
  allowFamily?: boolean;
  /** Forgive one or two typos in longer words; never used on values with digits. */
  allowFuzzy?: boolean;
  /** Find a value named inside a longer phrase ("Heather Gray" → "Gray"); on unless turned off. */
  allowContained?: boolean;
}

/** Words as eBay values compare: folded, stemmed, "&" read as "and". */
export function normalizeAspectWords(text: string): string[] {
  return splitWords(text.replace(/&/g, ' and ').replace(/\+/g, ' plus ')).map(stemWord);
}

/** One comparable key: "V-Neck", "v neck" and "VNECK" are the same. */
export function normalizeAspectKey(text: string): string {
  return normalizeAspectWords(text).join('');
}

/** Different ways of writing the same value. Keys after normalisation; the first is canonical. */
const SPELLING_GROUPS: readonly (readonly string[])[] = [
  ['gray', 'grey'],
  ['xxs', '2xs', 'xx small', '2x small'],
  ['xs', 'x small', 'extra small', 'xsmall'],
  ['s', 'small', 'sm'],
  ['m', 'medium', 'med', 'md'],
  ['l', 'large', 'lg'],
  ['xl', 'x large', 'extra large', 'xlarge', '1xl'],
  ['xxl', '2xl', 'xx large', '2x large', 'xxlarge'],
  ['3xl', 'xxxl', '3x large'],
  ['4xl', 'xxxxl', '4x large'],
  ['5xl', 'xxxxxl'],
  ['united states', 'usa', 'us', 'u s a', 'u s', 'united states of america', 'america'],
  ['united kingdom', 'uk', 'great britain', 'england', 'britain', 'u k'],
  ['korea republic of', 'south korea', 'korea', 'republic of korea'],
  ['vietnam', 'viet nam'],
  ['turkey', 'turkiye'],
  ['hong kong', 'hongkong'],
  ['myanmar', 'burma'],
  ['t shirt', 'tee', 'tee shirt', 'tshirt'],
  ['tank top', 'tank'],
  ['short sleeve', 'short sleeved', 'short sleeves'],
  ['long sleeve', 'long sleeved', 'long sleeves'],
  ['3 4 sleeve', 'three quarter sleeve', '3 4 length sleeve', 'three quarter length sleeve'],
  ['sleeveless', 'no sleeve', 'no sleeves'],
  ['crew neck', 'crew', 'crewneck', 'round neck'],
  ['v neck', 'vneck', 'v'],
  ['turtleneck', 'turtle neck', 'roll neck'],
  ['mock neck', 'mockneck', 'funnel neck'],
  ['big and tall', 'big tall', 'b and t', 'big'],
  ['multicolor', 'multi', 'multicolored', 'multi color', 'multicolour', 'multi colour', 'multicoloured'],
  ['unisex adult', 'unisex', 'unisex adults'],
  ['men', 'mens', 'male', 'man'],
  ['women', 'womens', 'lady', 'ladies', 'female', 'woman'],
  ['boy', 'boys'],
  ['girl', 'girls'],
  ['unisex kid', 'unisex kids', 'kid', 'kids', 'youth', 'child', 'children'],
  ['button up', 'button down', 'buttondown', 'button front', 'buttonup'],
  ['hoodie', 'hoody', 'hooded sweatshirt'],
  ['polyester', 'poly'],
  ['spandex', 'elastane', 'lycra'],
  ['unbranded', 'no brand', 'generic', 'unbrand', 'no name'],
  ['regular', 'standard', 'missy', 'misses'],
  ['plus', 'plus size', 'woman plus', 'women plus'],
  ['petite', 'petites'],
  ['solid', 'plain', 'solid color'],
  ['striped', 'stripe', 'stripes'],
  ['graphic print', 'graphic', 'print graphic'],
  ['camouflage', 'camo'],
  ['polka dot', 'polka dots', 'dotted'],
  ['check', 'checked', 'checkered', 'gingham'],
];

/** A shade or fibre named more narrowly than eBay's list: used only for SELECTION_ONLY aspects. */
const FAMILIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  color: {
    navy: 'Blue',
    'navy blue': 'Blue',
    royal: 'Blue',
    'royal blue': 'Blue',
    cobalt: 'Blue',
    indigo: 'Blue',
    denim: 'Blue',
    'sky blue': 'Blue',
    'light blue': 'Blue',
    'dark blue': 'Blue',
    teal: 'Blue',
    turquoise: 'Blue',
    burgundy: 'Red',
    maroon: 'Red',
    wine: 'Red',
    crimson: 'Red',
    scarlet: 'Red',
    charcoal: 'Gray',
    heather: 'Gray',
    'heather gray': 'Gray',
    slate: 'Gray',
    ash: 'Gray',
    graphite: 'Gray',
    khaki: 'Beige',
    tan: 'Beige',
    sand: 'Beige',
    taupe: 'Beige',
    camel: 'Brown',
    chocolate: 'Brown',
    cognac: 'Brown',
    mocha: 'Brown',
    coffee: 'Brown',
    olive: 'Green',
    'army green': 'Green',
    sage: 'Green',
    mint: 'Green',
    'forest green': 'Green',
    'hunter green': 'Green',
    emerald: 'Green',
    lime: 'Green',
    cream: 'Ivory',
    'off white': 'Ivory',
    ecru: 'Ivory',
    bone: 'Ivory',
    lavender: 'Purple',
    lilac: 'Purple',
    violet: 'Purple',
    plum: 'Purple',
    mauve: 'Purple',
    coral: 'Orange',
    peach: 'Orange',
    rust: 'Orange',
    fuchsia: 'Pink',
    magenta: 'Pink',
    blush: 'Pink',
    rose: 'Pink',
    'hot pink': 'Pink',
    mustard: 'Yellow',
  },
  material: {
    viscose: 'Rayon',
    lyocell: 'Rayon',
    tencel: 'Rayon',
    modal: 'Rayon',
    'merino wool': 'Wool',
    merino: 'Wool',
    lambswool: 'Wool',
    'lamb wool': 'Wool',
    polyamide: 'Nylon',
    'genuine leather': 'Leather',
    'faux leather': 'Faux Leather',
    'vegan leather': 'Faux Leather',
    pleather: 'Faux Leather',
  },
};

const spellingIndex = buildSpellingIndex();

function buildSpellingIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const group of SPELLING_GROUPS) {
    const canonical = normalizeAspectKey(group[0] ?? '');
    for (const spelling of group) index.set(normalizeAspectKey(spelling), canonical);
  }
  return index;
}

function canonicalKey(key: string): string {
  return spellingIndex.get(key) ?? key;
}

function familyTable(aspectName: string | undefined): Readonly<Record<string, string>> {
  if (!aspectName) return {};
  const name = aspectName.toLowerCase();
  if (name === 'color' || name === 'colour' || name.endsWith(' color')) return FAMILIES.color ?? {};
  if (name === 'material' || name.endsWith(' material')) return FAMILIES.material ?? {};
  return {};
}

interface IndexedOption {
  value: string;
  key: string;
  canonical: string;
}

function indexOptions(options: readonly string[]): IndexedOption[] {
  return options.map((value) => {
    const key = normalizeAspectKey(value);
    return { value, key, canonical: canonicalKey(key) };
  });
}

/** The only option matching, or null when none or several do. */
function pickUnique(candidates: readonly IndexedOption[]): IndexedOption | null {
  const distinct = [...new Map(candidates.map((option) => [option.value, option])).values()];
  return distinct.length === 1 ? (distinct[0] ?? null) : null;
}

function matchWhole(key: string, indexed: readonly IndexedOption[], family: Readonly<Record<string, string>>, allowFamily: boolean): AspectValueMatch | null {
  const exact = pickUnique(indexed.filter((option) => option.key === key));
  if (exact) return { value: exact.value, kind: 'exact' };
  const canonical = canonicalKey(key);
  const spelled = pickUnique(indexed.filter((option) => option.canonical === canonical));
  if (spelled) return { value: spelled.value, kind: 'spelling' };
  if (allowFamily) {
    const familyValue = Object.entries(family).find(([shade]) => normalizeAspectKey(shade) === key)?.[1];
    if (familyValue) {
      const target = normalizeAspectKey(familyValue);
      const member = pickUnique(indexed.filter((option) => option.key === target));
      if (member) return { value: member.value, kind: 'family' };
    }
  }
  return null;
}

/**
 * Runs of the raw words, longest first: "Dark Heather Gray" tries the whole, then "Dark Heather",
 * "Heather Gray", then single words. Runs of digits only never stand alone ("10" in "10/12").
 */
function listWordRuns(words: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (let length = words.length - 1; length >= 1; length -= 1) {
    for (let start = 0; start + length <= words.length; start += 1) {
      const run = words.slice(start, start + length);
      if (run.every((word) => /^\d+$/.test(word))) continue;
      runs.push(run);
    }
  }
  return runs;
}

/** Restricted edit distance (adjacent swaps count once), stopped early past `limit`. */
export function measureEditDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

function matchFuzzy(key: string, indexed: readonly IndexedOption[]): AspectValueMatch | null {
  if (key.length < 5 || /\d/.test(key)) return null;
  const limit = key.length >= 9 ? 2 : 1;
  let best: { option: IndexedOption; distance: number } | null = null;
  let tied = false;
  for (const option of indexed) {
    if (/\d/.test(option.key) || option.key.length < 4) continue;
    const distance = measureEditDistance(key, option.key, limit);
    if (distance > limit) continue;
    if (best === null || distance < best.distance) {
      best = { option, distance };
      tied = false;
    } else if (distance === best.distance && option.value !== best.option.value) {
      tied = true;
    }
  }
  return best && !tied ? { value: best.option.value, kind: 'fuzzy' } : null;
}

/**
 * The value among `options` that `raw` names, or null. Tries, in order: the same words, another
 * spelling of them, (if allowed) the family of a shade, one of eBay's values named inside a longer
 * phrase ("Heather Gray" → "Gray"), and (if allowed) a near spelling ("Polyster" → "Polyester").
 */
export function matchAspectValue(raw: string, options: readonly string[], settings: MatchOptions = {}): AspectValueMatch | null {
  const words = normalizeAspectWords(raw);
  if (words.length === 0 || options.length === 0) return null;
  const indexed = indexOptions(options);
  const family = familyTable(settings.aspectName);
  const allowFamily = settings.allowFamily === true;

  const whole = matchWhole(words.join(''), indexed, family, allowFamily);
  if (whole) return whole;

  if (settings.allowContained !== false && words.some((word) => /[a-z]/.test(word))) {
    let length = 0;
    let found: AspectValueMatch[] = [];
    for (const run of listWordRuns(words)) {
      if (found.length > 0 && run.length < length) break;
      const match = matchWhole(run.join(''), indexed, family, allowFamily);
      if (!match) continue;
      length = run.length;
      found.push(match);
    }
    found = [...new Map(found.map((match) => [match.value, match])).values()];
    if (found.length === 1 && found[0]) return { value: found[0].value, kind: 'contained' };
    if (found.length > 1) return null;
  }

  return settings.allowFuzzy ? matchFuzzy(words.join(''), indexed) : null;
}

/** Another spelling of one of eBay's suggested values, written eBay's way ("grey" → "Gray"). */
export function spellLikeSuggestion(raw: string, suggestions: readonly string[]): string | null {
  const key = normalizeAspectKey(raw);
  if (key === '') return null;
  const match = matchWhole(key, indexOptions(suggestions), {}, false);
  return match ? match.value : null;
}

const PLACEHOLDER_WORDS = new Set([
  'na',
  'n a',
  'none',
  'unknown',
  'unk',
  'not sure',
  'unsure',
  'tbd',
  'tba',
  'various',
  'varies',
  'see',
  'ask',
  'ask me',
  'does not apply',
  'doe not apply',
  'not applicable',
  'not specified',
  'unspecified',
  'null',
  'undefined',
  'x',
  'xx',
  'xxx',
]);

const PLACEHOLDER_PHRASE =
  /^(?:please\s+)?(?:see|refer\s+to|check|look\s+at|view|read)\s+(?:the\s+|all\s+|my\s+)?(?:photos?|pics?|pictures?|images?|description|desc|listing|tags?|labels?|measurements?|details?|below|above)\b|^as\s+(?:pictured|shown|seen|photographed)\b|^(?:shown|pictured)\s+in\s+(?:the\s+)?(?:photos?|pics?|pictures?)\b/i;

/**
 * True for words that stand in for a value instead of giving one ("See photos", "N/A", "Unknown"):
 * eBay's search cannot use them and buyers filtering by the aspect never find the item.
 */
export function isPlaceholderValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (/^[\s\-–—?.!*_/\\]+$/.test(trimmed)) return true;
  if (PLACEHOLDER_PHRASE.test(trimmed)) return true;
  const spaced = splitWords(trimmed).join(' ');
  return PLACEHOLDER_WORDS.has(spaced);
}
