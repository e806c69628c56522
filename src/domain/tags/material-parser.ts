import { foldTagText, quoteLines, toleranceKey, toleratePattern } from './tag-text.ts';

/**
 * Fibre content as care labels print it: "98% COTTON 2% ELASTANE", "COTTON 98% ELASTANE 2%",
 * "SHELL: 100% NYLON LINING: 100% POLYESTER", and the same in French, Spanish, German, Italian, Dutch
 * or Portuguese, mapped to the material names eBay uses (Polyamide → Nylon, Elastane → Spandex...).
 */

export type CompositionPart = 'shell' | 'lining' | 'other';

export interface FibreShare {
  material: string;
  percent: number;
  /** The line(s) it was read from. */
  text: string;
}

export interface CompositionSection {
  part: CompositionPart;
  /** "Shell", "Lining", "Pocketing"...; null for fibres listed without a heading. */
  label: string | null;
  fibres: FibreShare[];
}

export interface MainMaterial extends FibreShare {
  confidence: number;
}

/** Listed on labels but not a material anyone searches for. */
export const OTHER_FIBRES = 'Other Fibers';

const FIBRES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Cotton', ['COTTON', 'COTON', 'ALGODON', 'BAUMWOLLE', 'COTONE', 'KATOEN', 'ALGODAO', 'BOMULD', 'BOMULL', 'BAWELNA']],
  ['Polyester', ['POLYESTER', 'POLIESTER', 'POLIESTERE', 'POLYESTERE', 'POLYESTRE']],
  ['Nylon', ['NYLON', 'POLYAMIDE', 'POLYAMID', 'POLIAMIDA', 'POLIAMMIDE', 'POLYAMIDI']],
  ['Spandex', ['SPANDEX', 'ELASTANE', 'ELASTAN', 'ELASTANO', 'ELASTHANNE', 'ELASTAAN', 'LYCRA']],
  ['Viscose', ['VISCOSE', 'VISKOSE', 'VISCOSA', 'VISCOSE RAYON']],
  ['Rayon', ['RAYON', 'RAYONNE']],
  ['Modal', ['MODAL', 'MODALE']],
  ['Lyocell', ['LYOCELL', 'TENCEL', 'TENCEL LYOCELL']],
  ['Merino Wool', ['MERINO WOOL', 'MERINO', 'LAINE MERINOS', 'MERINOWOLLE', 'LANA MERINO', 'EXTRA FINE MERINO WOOL']],
  ['Lambswool', ['LAMBSWOOL', 'LAMBS WOOL', 'LAMB S WOOL', 'LAINE D AGNEAU', 'LAMMWOLLE']],
  ['Wool', ['WOOL', 'LAINE', 'LANA', 'WOLLE', 'SCHURWOLLE', 'WOL']],
  ['Cashmere', ['CASHMERE', 'CACHEMIRE', 'CACHEMIR', 'KASCHMIR', 'CASHMIR', 'CACHEMIRA', 'KASJMIER']],
  ['Silk', ['SILK', 'SOIE', 'SEDA', 'SEIDE', 'SETA', 'ZIJDE']],
  ['Linen', ['LINEN', 'LIN', 'LINO', 'LEINEN', 'LINNEN', 'FLAX']],
  ['Acrylic', ['ACRYLIC', 'ACRYLIQUE', 'ACRILICO', 'ACRILICA', 'ACRYL', 'POLYACRYLIC', 'ACRILIC']],
  ['Alpaca', ['ALPACA', 'ALPAGA', 'ALPAKA']],
  ['Mohair', ['MOHAIR']],
  ['Angora', ['ANGORA']],
  ['Acetate', ['ACETATE', 'ACETATO', 'ACETAT']],
  ['Triacetate', ['TRIACETATE']],
  ['Polypropylene', ['POLYPROPYLENE', 'POLIPROPILENO']],
  ['Polyurethane', ['POLYURETHANE', 'POLIURETANO', 'POLYURETHANNE']],
  ['Leather', ['LEATHER', 'GENUINE LEATHER', 'CUIR', 'PIEL', 'LEDER', 'PELLE', 'COURO']],
  ['Suede', ['SUEDE', 'SUEDE LEATHER']],
  ['Down', ['DOWN', 'DUCK DOWN', 'GOOSE DOWN', 'WHITE DUCK DOWN', 'WHITE GOOSE DOWN', 'DUVET', 'PLUMON', 'DAUNEN', 'PIUMINO']],
  ['Feather', ['FEATHER', 'FEATHERS', 'DUCK FEATHER', 'DUCK FEATHERS', 'GOOSE FEATHERS', 'PLUMES', 'PLUMAS', 'FEDERN', 'PIUMA']],
  ['Hemp', ['HEMP', 'CHANVRE', 'CANAPA', 'HANF', 'CANAMO']],
  ['Ramie', ['RAMIE', 'RAMIO']],
  ['Bamboo', ['BAMBOO', 'BAMBOO VISCOSE', 'BAMBOO RAYON', 'VISCOSE FROM BAMBOO', 'RAYON FROM BAMBOO', 'BAMBOU']],
  ['Cupro', ['CUPRO', 'CUPRAMMONIUM']],
  ['Metallic', ['METALLIC', 'METALLIC FIBER', 'METALLIC FIBRE', 'METALLISED FIBRE', 'METALLIZED FIBER', 'METALLIC YARN', 'LUREX']],
  ['Camel Hair', ['CAMEL HAIR', 'CAMEL', 'POIL DE CHAMEAU']],
  ['Yak', ['YAK']],
  ['Rubber', ['RUBBER', 'LATEX', 'ELASTODIENE']],
  [OTHER_FIBRES, ['OTHER FIBERS', 'OTHER FIBRES', 'OTHER FIBER', 'OTHER FIBRE', 'OTHERS', 'AUTRES FIBRES', 'OTRAS FIBRAS', 'ANDERE FASERN', 'ALTRE FIBRE']],
];

const SECTIONS: ReadonlyArray<readonly [CompositionPart, string, readonly string[]]> = [
  ['shell', 'Shell', ['SHELL', 'OUTER SHELL', 'OUTERSHELL', 'OUTER', 'BODY', 'MAIN', 'MAIN FABRIC', 'MAIN BODY', 'SELF', 'SELF FABRIC', 'FABRIC', 'FACE', 'EXTERIOR', 'EXTERIEUR', 'TISSU PRINCIPAL', 'TISSU', 'DESSUS', 'TEJIDO PRINCIPAL', 'TEJIDO EXTERIOR', 'OBERSTOFF', 'OBERMATERIAL', 'ESTERNO', 'TESSUTO']],
  ['lining', 'Lining', ['LINING', 'BODY LINING', 'SLEEVE LINING', 'HOOD LINING', 'DOUBLURE', 'FORRO', 'FUTTER', 'FODERA', 'VOERING']],
  ['other', 'Pocketing', ['POCKETING', 'POCKET LINING', 'POCKET', 'POCKETS', 'POCHES', 'BOLSILLOS', 'TASCHENFUTTER']],
  ['other', 'Trim', ['TRIM', 'TRIMS', 'CONTRAST', 'CONTRAST FABRIC', 'LACE', 'EMBROIDERY', 'APPLIQUE', 'YOKE', 'MESH']],
  ['other', 'Rib', ['RIB', 'RIBBING', 'RIB KNIT', 'CUFFS', 'COLLAR', 'WAISTBAND']],
  ['other', 'Filling', ['FILL', 'FILLING', 'PADDING', 'INSULATION', 'WADDING', 'STUFFING', 'INTERLINING', 'REMBOURRAGE', 'GARNISSAGE', 'RELLENO', 'WATTIERUNG', 'FULLUNG', 'IMBOTTITURA']],
];

const QUALIFIERS = [
  'PURE', 'NEW', 'VIRGIN', 'ORGANIC', 'ORGANICALLY GROWN', 'RECYCLED', 'SUPIMA', 'PIMA', 'EGYPTIAN', 'COMBED',
  'RING SPUN', 'RINGSPUN', 'MERCERIZED', 'MERCERISED', 'BCI', 'CERTIFIED', 'PREMIUM', 'LENZING', 'ECOVERO', 'EXTRA FINE',
  'FINE', 'BRUSHED', 'SUSTAINABLE', 'SOFT',
];

function toAlternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(toleratePattern)
    .join('|');
}

const MATERIAL_BY_KEY = new Map<string, string>(
  FIBRES.flatMap(([material, spellings]) => spellings.map((spelling): [string, string] => [toleranceKey(spelling), material])),
);
const SECTION_BY_KEY = new Map<string, { part: CompositionPart; label: string }>(
  SECTIONS.flatMap(([part, label, spellings]) =>
    spellings.map((spelling): [string, { part: CompositionPart; label: string }] => [toleranceKey(spelling), { part, label }]),
  ),
);

const FIBRE = toAlternation(FIBRES.flatMap(([, spellings]) => spellings));
const QUALIFIER = `(?:(?:${toAlternation(QUALIFIERS)})[\\s\\-]+){0,3}`;
// 0-100 as OCR prints it: O for 0 and I/l for 1 are read as digits when a digit is next to them.
const PERCENT = String.raw`(?<percent>(?:(?<![\d.,])\d|(?<![A-Z\d.,])[IL](?=[\dO]))[\dOIL]{0,2}(?:[.,]\d+)?)\s*(?:%|°\/O|O\/O)`;
const SEPARATOR = String.raw`[\s:\-.,;*]*`;

/**
 * Multilingual labels print one share and the fibre in several languages ("100% POLIESTERE | POLYESTER /
 * POLIÉSTER"); when OCR garbles the first names, a known one further along the line still counts.
 */
const GARBLED_TRANSLATIONS = String.raw`(?:[A-Z]{3,}\s*[|/]\s*){0,2}`;
const PERCENT_FIRST = new RegExp(
  String.raw`${PERCENT}${SEPARATOR}${GARBLED_TRANSLATIONS}${QUALIFIER}(?<fibre>${FIBRE})(?![A-Z])`,
  'g',
);
const NAME_FIRST = new RegExp(
  String.raw`(?<![A-Z])${QUALIFIER}(?<fibre>${FIBRE})${SEPARATOR}${PERCENT}`,
  'g',
);
const SECTION_HEADING = new RegExp(
  String.raw`(?<![A-Z])(?<section>${toAlternation(SECTIONS.flatMap(([, , spellings]) => spellings))})(?![A-Z])(?=\s*(?:[:/\-–(]|\d|$|(?:${QUALIFIER})(?:${FIBRE})(?![A-Z])))`,
  'gm',
);

interface Located<T> {
  index: number;
  value: T;
}

/** The fibre content of a label, section by section, each fibre once per section. */
export function parseComposition(text: string): CompositionSection[] {
  const folded = repairLettersReadAsDigits(foldTagText(text));
  const fibres = readFibres(text, folded);
  if (fibres.length === 0) return [];

  const headings: Array<Located<{ part: CompositionPart; label: string }>> = [];
  for (const match of folded.matchAll(SECTION_HEADING)) {
    const section = SECTION_BY_KEY.get(toleranceKey(match.groups?.section ?? ''));
    if (section !== undefined) headings.push({ index: match.index, value: section });
  }

  const sections: CompositionSection[] = [];
  for (const fibre of fibres) {
    const heading = headings.filter((candidate) => candidate.index < fibre.index).at(-1)?.value ?? null;
    const part = heading?.part ?? 'shell';
    const label = heading?.label ?? null;
    let section = sections.find((candidate) => candidate.part === part && candidate.label === label);
    if (section === undefined) {
      section = { part, label, fibres: [] };
      sections.push(section);
    }
    // A fibre list repeated in several languages is one list.
    const repeated = section.fibres.some(
      (known) => known.material === fibre.value.material && known.percent === fibre.value.percent,
    );
    if (!repeated) section.fibres.push(fibre.value);
  }
  return sections;
}

/**
 * Labels write either "98% COTTON" or "COTTON 98%"; reading one as the other pairs each number with the
 * wrong fibre, so the order that explains more of the label wins (ties go to percent first).
 */
function readFibres(text: string, folded: string): Array<Located<FibreShare>> {
  const percentFirst = collectFibres(text, folded, PERCENT_FIRST);
  const nameFirst = collectFibres(text, folded, NAME_FIRST);
  return nameFirst.length > percentFirst.length ? nameFirst : percentFirst;
}

function collectFibres(text: string, folded: string, pattern: RegExp): Array<Located<FibreShare>> {
  const fibres: Array<Located<FibreShare>> = [];
  for (const match of folded.matchAll(pattern)) {
    const material = MATERIAL_BY_KEY.get(toleranceKey(match.groups?.fibre ?? ''));
    const percent = readPercent(match.groups?.percent ?? '');
    if (material === undefined || percent === null) continue;
    fibres.push({
      index: match.index,
      value: { material, percent, text: quoteLines(text, match.index, match.index + match[0].length) },
    });
  }
  return fibres;
}

function readPercent(raw: string): number | null {
  const value = Number(raw.replace(/O/g, '0').replace(/[IL]/g, '1').replace(',', '.'));
  return Number.isFinite(value) && value > 0 && value <= 100 ? value : null;
}

/** "C0TTON", "P0LYESTER", "L1NEN": a 0 or 1 between two letters is a letter. */
function repairLettersReadAsDigits(folded: string): string {
  return folded.replace(/(?<=[A-Z])0(?=[A-Z])/g, 'O').replace(/(?<=[A-Z])1(?=[A-Z])/g, 'I');
}

/**
 * The garment's main material: the largest share of its shell (or of the fibres listed without a
 * heading); linings, pocketing and trims never count. Null when the label names no shell fibre.
 */
export function findMainMaterial(text: string): MainMaterial | null {
  const shell = parseComposition(text).filter((section) => section.part === 'shell');
  let best: { fibre: FibreShare; section: CompositionSection } | null = null;
  for (const section of shell) {
    for (const fibre of section.fibres) {
      if (fibre.material === OTHER_FIBRES) continue;
      if (best === null || fibre.percent > best.fibre.percent) best = { fibre, section };
    }
  }
  if (best === null) return null;
  const total = best.section.fibres.reduce((sum, fibre) => sum + fibre.percent, 0);
  // Shares that add up to 100 mean the whole list was read; otherwise some of it was lost or misread.
  const confidence = Math.abs(total - 100) <= 1 ? 0.9 : 0.7;
  return { ...best.fibre, confidence };
}
