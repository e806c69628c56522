import { CLOTHING_CATEGORIES, type ClothingCategoryLeaf } from './clothing-category-catalog.ts';
import { normalizeDepartment, type Department } from './department.ts';
import { isDepartmentWord, splitWords, stemWord } from './keyword-tokenizer.ts';

export interface CategoryMatchInput {
  itemType?: string | null;
  department?: string | null;
  /** Other words that describe the item (style, pattern, title words); they refine, never decide alone. */
  keywords?: readonly string[];
}

export interface CategoryMatch {
  categoryId: string;
  categoryName: string;
  path: string;
  department: Department;
  /** 0..1; below ~0.5 a person should confirm the category. */
  score: number;
}

/**
 * What sellers and labels call an item, mapped to the words eBay's category names use.
 * Keys are stemmed words; the longest phrase wins ("dress shirt" before "shirt").
 */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['t shirt', 'tshirt'],
  ['tee shirt', 'tshirt'],
  ['tee', 'tshirt'],
  ['graphic tee', 'tshirt'],
  ['tank top', 'tank'],
  ['hoody', 'hoodie'],
  ['hooded sweatshirt', 'hoodie'],
  ['zip hoodie', 'hoodie'],
  ['pullover hoodie', 'hoodie'],
  ['sweat shirt', 'sweatshirt'],
  ['crewneck sweatshirt', 'sweatshirt'],
  ['crewneck', 'sweatshirt'],
  ['jumper', 'sweater'],
  ['cardigan', 'sweater'],
  ['sweater vest', 'sweater'],
  ['button down', 'casual buttondown shirt'],
  ['button up', 'casual buttondown shirt'],
  ['buttondown', 'casual buttondown shirt'],
  ['buttonup', 'casual buttondown shirt'],
  ['button front shirt', 'casual buttondown shirt'],
  ['flannel', 'casual buttondown shirt'],
  ['flannel shirt', 'casual buttondown shirt'],
  ['oxford shirt', 'casual buttondown shirt'],
  ['casual shirt', 'casual buttondown shirt'],
  ['shirt', 'casual buttondown shirt'],
  ['dress shirt', 'dress shirt'],
  ['polo shirt', 'polo'],
  ['rugby shirt', 'polo'],
  ['blouse', 'blouse'],
  ['denim', 'jean'],
  ['denim jean', 'jean'],
  ['denim jacket', 'jacket'],
  ['jean jacket', 'jacket'],
  ['denim short', 'short'],
  ['jean short', 'short'],
  ['jort', 'short'],
  ['denim skirt', 'skirt'],
  ['trouser', 'pant'],
  ['chino', 'pant'],
  ['khaki', 'pant'],
  ['slack', 'pant'],
  ['cargo pant', 'pant'],
  ['dress pant', 'pant'],
  ['jogger', 'activewear pant'],
  ['sweatpant', 'activewear pant'],
  ['track pant', 'activewear pant'],
  ['athletic short', 'activewear short'],
  ['gym short', 'activewear short'],
  ['running short', 'activewear short'],
  ['track jacket', 'activewear jacket'],
  ['tracksuit', 'tracksuit'],
  ['sweatsuit', 'tracksuit'],
  ['sundress', 'dress'],
  ['gown', 'dress'],
  ['playsuit', 'romper'],
  ['overall', 'jumpsuit'],
  ['parka', 'jacket'],
  ['puffer', 'jacket'],
  ['puffer jacket', 'jacket'],
  ['windbreaker', 'jacket'],
  ['anorak', 'jacket'],
  ['bomber', 'jacket'],
  ['raincoat', 'coat'],
  ['gilet', 'vest'],
  ['fleece jacket', 'jacket'],
  ['blazer', 'suit separate'],
  ['sport coat', 'suit separate'],
  ['suit jacket', 'suit separate'],
  ['swimsuit', 'swimwear'],
  ['swim trunk', 'swimwear'],
  ['board short', 'swimwear'],
  ['bikini', 'swimwear'],
  ['bathing suit', 'swimwear'],
  ['pajama', 'sleepwear'],
  ['pajama pant', 'sleepwear'],
  ['pajama set', 'sleepwear'],
  ['pajama short', 'sleepwear'],
  ['lounge pant', 'sleepwear'],
  ['yoga pant', 'activewear pant'],
  ['onesie', 'onepiece'],
  ['pyjama', 'sleepwear'],
  ['nightgown', 'sleepwear'],
  ['loungewear', 'sleepwear'],
  ['boxer', 'underwear'],
  ['boxer brief', 'underwear'],
  ['brief', 'underwear'],
  ['sports bra', 'sport bra'],
  ['sneaker', 'athletic shoe'],
  ['trainer', 'athletic shoe'],
  ['running shoe', 'athletic shoe'],
  ['tennis shoe', 'athletic shoe'],
  ['basketball shoe', 'athletic shoe'],
  ['athletic shoe', 'athletic shoe'],
  ['cleat', 'athletic shoe'],
  ['shoe', 'shoe'],
  ['casual shoe', 'casual shoe'],
  ['loafer', 'loafer'],
  ['boat shoe', 'loafer'],
  ['moccasin', 'loafer'],
  ['slip on', 'loafer'],
  ['oxford', 'dress shoe'],
  ['derby', 'dress shoe'],
  ['brogue', 'dress shoe'],
  ['dress shoe', 'dress shoe'],
  ['bootie', 'boot'],
  ['ankle boot', 'boot'],
  ['chelsea boot', 'boot'],
  ['pump', 'heel'],
  ['stiletto', 'heel'],
  ['ballet flat', 'flat'],
  ['flip flop', 'sandal'],
  ['slide', 'sandal'],
  ['cap', 'hat'],
  ['beanie', 'hat'],
  ['baseball cap', 'hat'],
  ['necktie', 'tie'],
  ['bow tie', 'tie'],
  ['purse', 'handbag'],
  ['tote', 'handbag'],
  ['crossbody', 'handbag'],
];

/** A kind of item also fits the broader leaves that hold it ("T-Shirt" fits women's "Tops"). */
const BROADER: Readonly<Record<string, readonly string[]>> = {
  tshirt: ['top', 'shirt'],
  polo: ['top', 'shirt', 'tshirt'],
  tank: ['top', 'tshirt'],
  blouse: ['top', 'shirt'],
  buttondown: ['top', 'shirt'],
  shirt: ['top'],
  camisole: ['top'],
  hoodie: ['sweatshirt'],
  sweatshirt: ['hoodie'],
  sweater: ['top'],
  jacket: ['coat', 'outerwear'],
  coat: ['jacket', 'outerwear'],
  vest: ['outerwear'],
  jean: ['pant', 'bottom'],
  pant: ['bottom'],
  short: ['bottom'],
  skirt: ['bottom'],
  legging: ['pant', 'bottom'],
  romper: ['jumpsuit', 'onepiece'],
  jumpsuit: ['romper', 'onepiece'],
  bodysuit: ['onepiece'],
  shoe: ['casual'],
  loafer: ['casual', 'shoe', 'flat'],
  boot: ['shoe'],
  sandal: ['shoe'],
  heel: ['shoe'],
  flat: ['shoe'],
  slipper: ['shoe'],
  athletic: ['shoe'],
  handbag: ['bag'],
  bag: ['handbag'],
};

/** Leaves used so often by resellers that they win a tie. */
const COMMON_LEAF_IDS = new Set([
  '15687',
  '57990',
  '11483',
  '57989',
  '11484',
  '15709',
  '24087',
  '155183',
  '57988',
  '53159',
  '63862',
  '63861',
  '11554',
  '63863',
  '63866',
  '95672',
  '155226',
]);

/** Where an item goes when nothing says what it is: the most common leaf of its department. */
const DEFAULT_LEAF_IDS: Record<Department, string> = {
  Men: '15687',
  Women: '53159',
  // eBay US has no adult unisex clothing branch; men's is where unisex basics are listed.
  Unisex: '15687',
  Boys: '260966',
  Girls: '260965',
  Kids: '155199',
  Baby: '260031',
};

const UNKNOWN_DEPARTMENT_FIT: Record<Department, number> = {
  Unisex: 0.6,
  Men: 0.55,
  Women: 0.5,
  Kids: 0.2,
  Boys: 0.15,
  Girls: 0.15,
  Baby: 0.1,
};

const DEPARTMENT_WORD = /^(men|women|boys|girls|kids|ladies|mens|womens|unisex)(['\u2019]s|s?['\u2019])?$/i;

const TYPE_WEIGHT = 0.65;
const DEPARTMENT_WEIGHT = 0.35;
const BROADER_FIT = 0.7;
const SPECIALTY_PENALTY = 0.3;
const UNKNOWN_DEPARTMENT_FACTOR = 0.75;
const INFERRED_DEPARTMENT_FACTOR = 0.9;
const KEYWORDS_ONLY_FACTOR = 0.85;
const MIN_TYPE_FIT = 0.3;

const phraseTable = buildPhraseTable();
const longestPhrase = Math.max(...[...phraseTable.keys()].map((key) => key.split(' ').length));

function buildPhraseTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const [phrase, canonical] of PHRASES) {
    table.set(splitWords(phrase).map(stemWord).join(' '), canonical.split(' '));
  }
  return table;
}

interface Terms {
  primary: Set<string>;
  broader: Set<string>;
}

/** Stems of the text with known phrases replaced by eBay's words, and the broader words they imply. */
function expandTerms(texts: readonly string[]): Terms {
  const primary = new Set<string>();
  for (const text of texts) {
    const words = splitWords(text)
      .map(stemWord)
      .filter((word) => !isDepartmentWord(word) && !/^\d+$/.test(word));
    let i = 0;
    while (i < words.length) {
      let matched = false;
      for (let length = Math.min(longestPhrase, words.length - i); length > 0; length -= 1) {
        const canonical = phraseTable.get(words.slice(i, i + length).join(' '));
        if (canonical) {
          canonical.forEach((word) => primary.add(word));
          i += length;
          matched = true;
          break;
        }
      }
      if (!matched) {
        primary.add(words[i] ?? '');
        i += 1;
      }
    }
  }
  primary.delete('');
  const broader = new Set<string>();
  for (const word of primary) {
    for (const wider of BROADER[word] ?? []) {
      if (!primary.has(wider)) broader.add(wider);
    }
  }
  return { primary, broader };
}

/** How well the leaf's name says what the item is: 1 for the same words, 0.7 for a leaf that holds it. */
function scoreTypeFit(leaf: ClothingCategoryLeaf, terms: Terms): number {
  if (terms.primary.size === 0) return 0;
  let best = 0;
  for (const alternative of leaf.terms) {
    const shared = alternative.filter((word) => terms.primary.has(word)).length;
    const dice = (2 * shared) / (alternative.length + terms.primary.size);
    const covered = alternative.every((word) => terms.primary.has(word) || terms.broader.has(word));
    best = Math.max(best, dice, covered ? BROADER_FIT : 0);
  }
  if (best === 0) return 0;
  // Words of the item found in the leaf's parents ("Shirts > T-Shirts") confirm the match a little.
  const nameWords = new Set(leaf.terms.flat());
  const inParents = [...terms.primary].filter((word) => !nameWords.has(word) && leaf.keywords.includes(word));
  return Math.min(1, best + (0.1 * inParents.length) / terms.primary.size);
}

function scoreDepartmentFit(leaf: Department, wanted: Department | null): number {
  if (wanted === null) return UNKNOWN_DEPARTMENT_FIT[leaf];
  if (leaf === wanted) return 1;
  switch (wanted) {
    case 'Men':
    case 'Women':
      return leaf === 'Unisex' ? 0.6 : 0;
    case 'Unisex':
      if (leaf === 'Men') return 0.65;
      return leaf === 'Women' ? 0.6 : 0;
    case 'Boys':
    case 'Girls':
      return leaf === 'Kids' ? 0.6 : 0;
    case 'Kids':
      return leaf === 'Boys' || leaf === 'Girls' ? 0.5 : 0;
    case 'Baby':
      return leaf === 'Kids' ? 0.2 : 0;
  }
}

/** Specialty leaves (vintage, costumes, dancewear, uniforms...) only when the item's words point there. */
function scoreSpecialtyPenalty(leaf: ClothingCategoryLeaf, words: ReadonlySet<string>): number {
  if (!leaf.path.includes(' > Specialty > ')) return 0;
  const nameWords = new Set(leaf.terms.flat());
  const markers = leaf.keywords.filter((word) => word !== 'specialty' && !nameWords.has(word));
  return markers.some((word) => words.has(word)) ? 0 : SPECIALTY_PENALTY;
}

function scoreKeywordBonus(leaf: ClothingCategoryLeaf, keywords: Terms): number {
  if (keywords.primary.size === 0) return 0;
  let nameCover = 0;
  for (const alternative of leaf.terms) {
    const shared = alternative.filter((word) => keywords.primary.has(word)).length;
    nameCover = Math.max(nameCover, shared / alternative.length);
  }
  const pathHit = leaf.keywords.some((word) => keywords.primary.has(word)) ? 1 : 0;
  return 0.07 * nameCover + 0.03 * pathHit;
}

interface ResolvedDepartment {
  department: Department | null;
  factor: number;
}

function resolveDepartment(input: CategoryMatchInput): ResolvedDepartment {
  const stated = normalizeDepartment(input.department);
  if (stated) return { department: stated, factor: 1 };
  // Title words only count when they name a department outright ("Women's"), not in passing ("Baby Doll").
  const namedInWords = (input.keywords ?? []).filter((word) => DEPARTMENT_WORD.test(word.trim()));
  const fromWords = normalizeDepartment(input.itemType) ?? normalizeDepartment(namedInWords.join(' '));
  if (fromWords) return { department: fromWords, factor: INFERRED_DEPARTMENT_FACTOR };
  return { department: null, factor: UNKNOWN_DEPARTMENT_FACTOR };
}

interface ScoredLeaf {
  leaf: ClothingCategoryLeaf;
  typeFit: number;
  /** Uncapped, so a keyword bonus still separates two perfect matches. */
  rank: number;
  score: number;
}

function compareScored(a: ScoredLeaf, b: ScoredLeaf): number {
  if (b.rank !== a.rank) return b.rank - a.rank;
  const commonA = COMMON_LEAF_IDS.has(a.leaf.id) ? 1 : 0;
  const commonB = COMMON_LEAF_IDS.has(b.leaf.id) ? 1 : 0;
  if (commonA !== commonB) return commonB - commonA;
  return a.leaf.id.localeCompare(b.leaf.id);
}

function roundScore(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

function scoreLeaves(input: CategoryMatchInput): { scored: ScoredLeaf[]; department: ResolvedDepartment } {
  const department = resolveDepartment(input);
  const itemType = input.itemType?.trim() ?? '';
  const keywords = expandTerms(input.keywords ?? []);
  const typeTerms = itemType ? expandTerms([itemType]) : keywords;
  const typeFactor = itemType ? 1 : KEYWORDS_ONLY_FACTOR;
  const allWords = new Set([...typeTerms.primary, ...keywords.primary]);

  const scored = CLOTHING_CATEGORIES.leaves.map((leaf): ScoredLeaf => {
    const typeFit = scoreTypeFit(leaf, typeTerms);
    const raw =
      TYPE_WEIGHT * typeFit +
      DEPARTMENT_WEIGHT * scoreDepartmentFit(leaf.department, department.department) +
      scoreKeywordBonus(leaf, keywords) -
      scoreSpecialtyPenalty(leaf, allWords);
    const rank = raw * department.factor * typeFactor;
    return { leaf, typeFit, rank, score: roundScore(rank) };
  });
  return { scored: scored.sort(compareScored), department };
}

function toMatch(leaf: ClothingCategoryLeaf, score: number): CategoryMatch {
  return { categoryId: leaf.id, categoryName: leaf.name, path: leaf.path, department: leaf.department, score };
}

function defaultMatch(department: Department | null): CategoryMatch {
  const id = DEFAULT_LEAF_IDS[department ?? 'Unisex'];
  const leaf = CLOTHING_CATEGORIES.leaves.find((candidate) => candidate.id === id);
  if (!leaf) throw new Error(`Default category ${id} is missing from the bundled categories`);
  return toMatch(leaf, department ? 0.1 : 0.05);
}

/**
 * Ranked leaves for the review screen, best first. When nothing recognisable describes the
 * item, the only candidate is the department's default leaf with a low score.
 */
export function listTopCandidates(input: CategoryMatchInput, limit = 5): CategoryMatch[] {
  const { scored, department } = scoreLeaves(input);
  const plausible = scored.filter((entry) => entry.typeFit >= MIN_TYPE_FIT).slice(0, Math.max(1, limit));
  if (plausible.length === 0) return [defaultMatch(department.department)];
  return plausible.map((entry) => toMatch(entry.leaf, entry.score));
}

/** The best bundled eBay US clothing leaf for an item; never throws, never returns nothing. */
export function matchCategory(input: CategoryMatchInput): CategoryMatch {
  const [best] = listTopCandidates(input, 1);
  return best ?? defaultMatch(null);
}
