import { formatDepartmentForTitle, type Department } from './department.ts';
import { splitWords, stemWord } from './keyword-tokenizer.ts';
import type { ListingFacts } from './listing-facts.ts';
import { collapseWhitespace, formatBrand, formatSize, toDisplayCase } from './text-casing.ts';

export const MAX_TITLE_LENGTH = 80;

export type TitleFacts = Partial<
  Pick<
    ListingFacts,
    | 'brand'
    | 'department'
    | 'itemType'
    | 'style'
    | 'pattern'
    | 'material'
    | 'sleeveLength'
    | 'neckline'
    | 'size'
    | 'sizeType'
    | 'color'
  >
> & {
  /** Adds "NWT"; only a condition of New with tags may set it. */
  newWithTags?: boolean;
  /** Allows the word "New" in attribute values (it is filler on a pre-owned item). */
  isNew?: boolean;
};

type PartName =
  | 'nwt'
  | 'brand'
  | 'department'
  | 'itemType'
  | 'style'
  | 'pattern'
  | 'material'
  | 'sleeveLength'
  | 'neckline'
  | 'size'
  | 'sizeType'
  | 'color';

/** The order buyers search in: who made it, for whom, what it is, what it is like, size, colour. */
const DISPLAY_ORDER: readonly PartName[] = [
  'nwt',
  'brand',
  'department',
  'itemType',
  'style',
  'pattern',
  'material',
  'sleeveLength',
  'neckline',
  'size',
  'sizeType',
  'color',
];

/** Least important first: what goes when the title is over 80 characters. The item type always stays. */
const DROP_ORDER: readonly PartName[] = [
  'neckline',
  'sleeveLength',
  'pattern',
  'material',
  'style',
  'color',
  'sizeType',
  'department',
  'nwt',
  'size',
  'brand',
];

/** Size types a buyer filters by; "Regular" and "Missy" say nothing. */
const TELLING_SIZE_TYPES = /^(petite|tall|plus|big ?& ?tall|big|maternity|juniors?|husky|slim|long|short)$/i;

const FILLER_WORDS = new Set([
  'wow',
  'look',
  'lqqk',
  'rare',
  'htf',
  'beautiful',
  'gorgeous',
  'cute',
  'nice',
  'great',
  'amazing',
  'awesome',
  'stunning',
  'fabulous',
  'adorable',
  'sexy',
  'hot',
  'sale',
  'nwt',
  'nwot',
  'euc',
  'guc',
  'vguc',
]);
const FILLER_PHRASES = /\b(must\s+see|free\s+ship(ping)?|fast\s+ship(ping)?|l\W?[o0@q]{2}\W?k)\b|l[@]{2}k/gi;
const NOISE = /^[^\p{L}\p{N}&]+$/u;

function isFiller(word: string, isNew: boolean): boolean {
  const bare = word.toLowerCase().replace(/[^a-z0-9@]/g, '');
  if (bare.includes('@')) return true;
  if (!isNew && bare === 'new') return true;
  return FILLER_WORDS.has(bare) || /^wo+w$/.test(bare);
}

/** Words of one value, without filler, shouting punctuation, or words the title already has. */
function cleanWords(value: string, seen: ReadonlySet<string>, isNew: boolean): string[] {
  const words = collapseWhitespace(value.replace(FILLER_PHRASES, ' '))
    .split(' ')
    .map((word) => word.replace(/[!*~^]+/g, ''))
    .filter((word) => word !== '' && !NOISE.test(word) && !isFiller(word, isNew));
  return words.filter((word) => {
    const keys = wordKeys(word);
    return keys.length === 0 || keys.some((key) => !seen.has(key));
  });
}

function wordKeys(word: string): string[] {
  return splitWords(word).map(stemWord);
}

/** "60% Cotton 40% Polyester" → "Cotton": the dominant fibre is what buyers type. */
export function summariseMaterial(material: string): string {
  const shares = [...material.matchAll(/(\d{1,3})\s*%\s*([\p{L}][\p{L} -]*?)(?=\s*[\d,/;]|$)/gu)];
  if (shares.length === 0) return material;
  let best = shares[0];
  for (const share of shares) {
    if (Number(share[1]) > Number(best?.[1] ?? 0)) best = share;
  }
  const percent = Number(best?.[1] ?? 0);
  const fibre = (best?.[2] ?? '').trim();
  return percent === 100 ? `100% ${fibre}` : fibre;
}

function formatSizePart(size: string): string {
  const clean = formatSize(size);
  if (clean === '' || clean === 'One Size') return clean;
  return `Size ${clean}`;
}

/** What each part says before cleaning; the brand, department, size and NWT are already final. */
function rawParts(facts: TitleFacts): Partial<Record<PartName, string>> {
  const department: Department | null | undefined = facts.department;
  const sizeType = facts.sizeType && TELLING_SIZE_TYPES.test(facts.sizeType.trim()) ? facts.sizeType : null;
  return {
    nwt: facts.newWithTags ? 'NWT' : undefined,
    brand: facts.brand ? formatBrand(facts.brand) : undefined,
    department: department ? formatDepartmentForTitle(department) : undefined,
    itemType: facts.itemType ?? undefined,
    style: facts.style ?? undefined,
    pattern: facts.pattern ?? undefined,
    material: facts.material ? summariseMaterial(facts.material) : undefined,
    sleeveLength: facts.sleeveLength ?? undefined,
    neckline: facts.neckline ?? undefined,
    size: facts.size ? formatSizePart(facts.size) : undefined,
    sizeType: sizeType ?? undefined,
    color: facts.color ?? undefined,
  };
}

/** Parts written as they are: names and our own markers, never filtered or re-cased. */
const VERBATIM_PARTS: ReadonlySet<PartName> = new Set(['nwt', 'brand', 'department', 'size']);

/** Each part's words, in display order, with no word repeated across parts. */
function buildParts(facts: TitleFacts): Map<PartName, string> {
  const raw = rawParts(facts);
  const seen = new Set<string>();
  const parts = new Map<PartName, string>();
  for (const name of DISPLAY_ORDER) {
    const value = raw[name];
    if (!value) continue;
    const text = VERBATIM_PARTS.has(name)
      ? collapseWhitespace(value)
      : toDisplayCase(cleanWords(value, seen, facts.isNew === true).join(' '));
    if (text === '') continue;
    wordKeys(text).forEach((key) => seen.add(key));
    parts.set(name, text);
  }
  return parts;
}

function joinParts(parts: ReadonlyMap<PartName, string>): string {
  return DISPLAY_ORDER.flatMap((name) => parts.get(name) ?? []).join(' ');
}

/** Drops whole words from the end until the text fits; a word is never cut. */
function fitWords(text: string, max: number): string {
  const words = text.split(' ');
  while (words.length > 0 && words.join(' ').length > max) words.pop();
  return words.join(' ');
}

/**
 * An eBay title of at most 80 characters from the item's facts. When the whole does not fit,
 * parts are dropped least important first, then any dropped part that fits again is put back
 * (most important first). The result depends only on the facts.
 */
export function buildTitle(facts: TitleFacts): string {
  const all = buildParts(facts);
  const kept = new Map(all);
  const dropped: PartName[] = [];
  for (const name of DROP_ORDER) {
    if (joinParts(kept).length <= MAX_TITLE_LENGTH) break;
    if (kept.delete(name)) dropped.push(name);
  }
  for (const name of dropped.reverse()) {
    const value = all.get(name);
    if (value === undefined) continue;
    kept.set(name, value);
    if (joinParts(kept).length > MAX_TITLE_LENGTH) kept.delete(name);
  }
  return fitWords(joinParts(kept), MAX_TITLE_LENGTH);
}
