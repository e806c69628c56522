/**
 * Turns category names and attribute values into comparable keyword stems, the same way for the
 * bundled eBay categories (at generation time) and for what the photos told us (at match time).
 */

const IRREGULAR_STEMS: Readonly<Record<string, string>> = {
  scarves: 'scarf',
  ladies: 'lady',
  babies: 'baby',
  children: 'child',
  mens: 'men',
  womens: 'women',
  knives: 'knife',
};

const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'for',
  'with',
  'in',
  'on',
  'to',
  'other',
  'size',
  'up',
  'clothing',
]);

const DEPARTMENT_WORDS = new Set([
  'men',
  'man',
  'women',
  'woman',
  'lady',
  'boy',
  'girl',
  'kid',
  'child',
  'baby',
  'unisex',
  'infant',
  'toddler',
  'adult',
  'youth',
  'newborn',
]);

/** Lowercase words with accents, possessives and inner hyphens folded: "Men's T-Shirts" → men, tshirts. */
export function splitWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`\u00b4]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/([a-z0-9])-(?=[a-z0-9])/g, '$1')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** A light plural folding; both sides of every comparison go through it, so it only has to be consistent. */
export function stemWord(word: string): string {
  const irregular = IRREGULAR_STEMS[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3) return word;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -1);
  if (/(ches|shes|xes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

export function isDepartmentWord(stem: string): boolean {
  return DEPARTMENT_WORDS.has(stem);
}

/** Stems of the words that carry meaning: no stopwords, no bare numbers. */
export function tokenizeKeywords(text: string): string[] {
  return splitWords(text)
    .map(stemWord)
    .filter((stem) => !STOPWORDS.has(stem) && !/^\d+$/.test(stem));
}

/** Keyword stems without department words ("Men's Jeans" → jean): departments are matched on their own. */
export function tokenizeProductWords(text: string): string[] {
  return tokenizeKeywords(text).filter((stem) => !isDepartmentWord(stem));
}

/**
 * A category name lists alternatives ("Coats, Jackets & Vests"); each alternative is a phrase of stems.
 * Matching one alternative fully is as good as matching the whole name.
 */
export function extractNameTerms(name: string): string[][] {
  return name
    .replace(/\([^)]*\)/g, ' ')
    .split(/,|&|\band\b|\//)
    .map((part) => tokenizeProductWords(part))
    .filter((terms) => terms.length > 0);
}
