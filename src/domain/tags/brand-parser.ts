import { BRANDS, type BrandEntry } from './brands.ts';
import { foldTagText, splitTagLines } from './tag-text.ts';

export interface BrandFinding {
  /** The brand as eBay spells it. */
  brand: string;
  confidence: number;
  /** The line the brand was read on. */
  text: string;
}

interface AliasRule {
  entry: BrandEntry;
  /** Counts only on a line of its own. */
  weak: boolean;
}

/** Upper case, no accents or apostrophes, "&" and "+" read as "and", punctuation as single spaces. */
function foldBrandText(text: string): string {
  return foldTagText(text)
    .replace(/['’`´]/g, '')
    .replace(/[&+]/g, ' AND ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function buildAliasIndex(): Map<string, AliasRule> {
  const index = new Map<string, AliasRule>();
  for (const entry of BRANDS) {
    const weakOnes = new Set((entry.weakAliases ?? []).map(foldBrandText));
    for (const alias of [entry.name, ...(entry.aliases ?? []), ...(entry.weakAliases ?? [])]) {
      const folded = foldBrandText(alias);
      if (folded === '' || index.has(folded)) continue;
      // Two letters or fewer ("AG", "CK", "47") could be anything inside a sentence.
      const weak = weakOnes.has(folded) || folded.replace(/[^A-Z]/g, '').length < 3;
      index.set(folded, { entry, weak });
    }
  }
  return index;
}

const ALIASES = buildAliasIndex();

// Folded aliases hold only A-Z, 0-9 and single spaces, so they need no escaping; longest first wins.
const ALIAS_PATTERN = new RegExp(
  `(?<![A-Z0-9])(?:${[...ALIASES.keys()]
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Z0-9])`,
  'g',
);

/** Words that may sit next to a brand on its label without making it "a mention in a sentence". */
const LEGAL_WORDS = new Set(['INC', 'CO', 'LLC', 'PLC', 'LTD', 'CORP', 'COMPANY', 'TM', 'R', 'C', 'THE', 'BRAND']);

/** A line cut short ("MADE IN", "DRY CLEAN") whose next line finishes the phrase rather than naming a brand. */
const UNFINISHED_PHRASE = /\b(?:IN|EN|AU|AUX|OF|CLEAN|WASH|DRY|IRON|BLEACH)$/;

/** Every brand named in `text`, one finding per line and brand. */
export function findBrands(text: string): BrandFinding[] {
  const findings: BrandFinding[] = [];
  const lines = splitTagLines(text);
  lines.forEach((line, lineIndex) => {
    const folded = foldBrandText(line.text);
    if (folded === '') return;
    for (const match of folded.matchAll(ALIAS_PATTERN)) {
      const rule = ALIASES.get(match[0]);
      if (rule === undefined) continue;
      const rest = (folded.slice(0, match.index) + ' ' + folded.slice(match.index + match[0].length))
        .split(' ')
        .filter((word) => word !== '' && !LEGAL_WORDS.has(word));
      const alone = rest.length === 0;
      const previous = lineIndex > 0 ? foldBrandText(lines[lineIndex - 1]?.text ?? '') : '';
      const confidence = rateBrandMention(rule, alone, UNFINISHED_PHRASE.test(previous));
      if (confidence === null) continue;
      if (findings.some((finding) => finding.brand === rule.entry.name && finding.text === line.text.trim())) continue;
      findings.push({ brand: rule.entry.name, confidence, text: line.text.trim() });
    }
  });
  return findings;
}

function rateBrandMention(rule: AliasRule, alone: boolean, continuesPreviousLine: boolean): number | null {
  if (rule.weak) return alone && !continuesPreviousLine ? 0.6 : null;
  if (rule.entry.commonWord === true) return alone ? 0.85 : 0.45;
  return alone ? 0.9 : 0.75;
}

const BRAND_BY_RN = new Map<string, string>(
  BRANDS.flatMap((entry) => (entry.rnNumbers ?? []).map((rn): [string, string] => [rn, entry.name])),
);

/** The brand whose owner holds this RN number, when the bundled list knows it. */
export function findBrandByRn(rnNumber: string): string | null {
  return BRAND_BY_RN.get(rnNumber.replace(/^0+/, '')) ?? null;
}
