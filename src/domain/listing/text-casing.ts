/**
 * Casing for values read off labels, which OCR often returns in capitals ("LEVI'S", "100% COTTON").
 * Mixed-case values are trusted as written; all-caps and all-lowercase ones are re-cased.
 */

/** How brands write themselves, for labels that print them in capitals. Keys are lowercase. */
const BRAND_SPELLINGS: ReadonlyMap<string, string> = new Map(
  [
    "Levi's",
    'adidas',
    'Nike',
    'Ralph Lauren',
    'Polo Ralph Lauren',
    'Lauren Ralph Lauren',
    'Tommy Hilfiger',
    'Calvin Klein',
    'The North Face',
    'Patagonia',
    'Columbia',
    'Carhartt',
    'Under Armour',
    'lululemon',
    'Lululemon Athletica',
    'J.Crew',
    'J.Crew Factory',
    'Banana Republic',
    'Old Navy',
    'Gap',
    'H&M',
    'Zara',
    'Uniqlo',
    'Abercrombie & Fitch',
    'American Eagle Outfitters',
    'Hollister',
    'Lucky Brand',
    'Wrangler',
    'Lee',
    'Dockers',
    'Eddie Bauer',
    'L.L.Bean',
    "Lands' End",
    'Brooks Brothers',
    'Vineyard Vines',
    'Champion',
    'Puma',
    'Reebok',
    'New Balance',
    'Converse',
    'Vans',
    'Dr. Martens',
    'UGG',
    'Anthropologie',
    'Free People',
    'Madewell',
    'Express',
    'Talbots',
    "Chico's",
    'Loft',
    'Ann Taylor',
    'Michael Kors',
    'MICHAEL Michael Kors',
    'Coach',
    'Kate Spade',
    'Guess',
    'DKNY',
    'BCBGMAXAZRIA',
    'ASOS',
    'Nautica',
    'Izod',
    'Van Heusen',
    'Chaps',
    'Hanes',
    'Fruit of the Loom',
    'Gildan',
    "Arc'teryx",
    'Quiksilver',
    "O'Neill",
    'Billabong',
    'Hurley',
    'Ariat',
    'Timberland',
    'Dickies',
    'Tommy Bahama',
    "St. John's Bay",
    'Croft & Barrow',
    'Sonoma',
    'Athleta',
    'Fabletics',
    'Torrid',
    'Lane Bryant',
    'Eileen Fisher',
    'Pendleton',
    'Woolrich',
    'Filson',
    'Burberry',
    'Gucci',
    'Prada',
    'Supreme',
    'Stüssy',
    'Kith',
    'Fear of God Essentials',
    'Carhartt WIP',
  ].map((spelling): [string, string] => [spelling.toLowerCase(), spelling]),
);

/** Words kept in capitals however they were read. */
const ACRONYMS = new Set(['usa', 'uk', 'nwt', 'nwot', 'rn', 'ca', 'xs', 'xxs', 'xl', 'xxl', 'xxxl', 'ii', 'iii', 'iv']);
/** Small words that stay lowercase inside a title-cased value. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'of', 'the', 'with', 'in', 'on', 'for', 'to', 'or']);

function hasSingleCase(text: string): boolean {
  return text === text.toUpperCase() || text === text.toLowerCase();
}

function capitalise(part: string): string {
  return part.charAt(0).toUpperCase() + part.slice(1);
}

/** "LEVI'S" → "Levi's", "O'NEILL" → "O'Neill", "GORE-TEX" → "Gore-Tex". */
function caseWord(word: string, position: number): string {
  const lower = word.toLowerCase();
  const bare = lower.replace(/[^a-z0-9]/g, '');
  if (ACRONYMS.has(bare)) return word.toUpperCase();
  if (position > 0 && MINOR_WORDS.has(lower)) return lower;
  return lower
    .split('-')
    .map((piece) =>
      piece
        .split(/(['\u2019])/)
        .map((part, index, parts) => {
          // After an apostrophe a single letter is a suffix ("'s"); anything longer is a name ("O'Neill").
          const afterApostrophe = index > 0 && /['\u2019]/.test(parts[index - 1] ?? '');
          if (afterApostrophe && part.length <= 1) return part;
          return capitalise(part);
        })
        .join(''),
    )
    .join('-');
}

/** Title case for single-case text; text that already mixes cases is returned as written. */
export function toDisplayCase(text: string): string {
  const clean = collapseWhitespace(text);
  if (!hasSingleCase(clean)) return clean;
  return clean
    .split(' ')
    .map((word, index) => caseWord(word, index))
    .join(' ');
}

/** A brand as it writes itself when known ("LEVIS'S" labels → "Levi's"), else display case. */
export function formatBrand(text: string): string {
  const clean = collapseWhitespace(text);
  const known = BRAND_SPELLINGS.get(clean.toLowerCase().replace(/\u2019/g, "'"));
  if (known) return known;
  if (!hasSingleCase(clean)) return clean;
  // Short all-caps names are usually initials (DKNY, BDG) rather than words.
  if (/^[A-Z&.]{2,4}$/.test(clean)) return clean;
  return toDisplayCase(clean);
}

const LETTER_SIZE = /^(\d?x{0,4}[sml]|xx?s|\d?xl|os|one size)$/i;

/** "size xl" → "XL", "m" → "M", "32X30" → "32x30"; other sizes are kept as read. */
export function formatSize(text: string): string {
  const clean = collapseWhitespace(text).replace(/^size\s*[:#]?\s*/i, '');
  if (LETTER_SIZE.test(clean)) return /one size/i.test(clean) ? 'One Size' : clean.toUpperCase();
  const waistByLength = /^(\d{2})\s*[x×]\s*(\d{2})$/i.exec(clean);
  if (waistByLength) return `${waistByLength[1]}x${waistByLength[2]}`;
  return clean;
}

/** One line, single spaces, no control characters (OCR output carries all of them). */
export function collapseWhitespace(text: string): string {
  let visible = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    visible += code < 0x20 || code === 0x7f ? ' ' : char;
  }
  return visible.replace(/\s+/g, ' ').trim();
}
