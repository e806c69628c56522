import type { ConditionId } from '../../contracts/item.ts';
import { formatDepartmentForTitle, toDepartmentAspectValue } from './department.ts';
import type { ListingFacts } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';

/** A description must stay under this many characters (HTML included). */
export const MAX_DESCRIPTION_LENGTH = 4000;

export interface ListingMeasurement {
  /** "Pit to pit", "Length", "Waist", "Inseam"... */
  name: string;
  value: number;
  unit: 'in' | 'cm';
  /** Measured flat by the seller, or read from the size tag. */
  source: 'measured' | 'tag';
}

export interface DescriptionFacts {
  facts: ListingFacts;
  condition: { conditionId: ConditionId; label: string; flaws: readonly string[] };
  measurements?: readonly ListingMeasurement[];
  weightGrams: number | null;
  /** The seller's own reference, printed last so a returned item can be matched. */
  sku?: string | null;
}

/** A measurement as the analysis claims it (in inches, with how sure it is). */
export interface MeasurementClaimLike {
  name: string;
  inches: number;
  source: 'measured' | 'tag';
  confidence: number;
}

const MEASUREMENT_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['pitToPit', 'Pit to pit'],
  ['shoulder', 'Shoulder'],
  ['length', 'Length'],
  ['sleeve', 'Sleeve'],
  ['waist', 'Waist'],
  ['hip', 'Hip'],
  ['rise', 'Rise'],
  ['inseam', 'Inseam'],
];
const MIN_MEASUREMENT_CONFIDENCE = 0.3;

/** The most confident claim of each measurement, in the order buyers read them, labelled for the table. */
export function selectListingMeasurements(claims: readonly MeasurementClaimLike[]): ListingMeasurement[] {
  const selected: ListingMeasurement[] = [];
  for (const [name, label] of MEASUREMENT_LABELS) {
    const best = claims
      .filter((claim) => claim.name === name && claim.confidence >= MIN_MEASUREMENT_CONFIDENCE && Number.isFinite(claim.inches) && claim.inches > 0)
      .sort((a, b) => b.confidence - a.confidence)[0];
    if (best) selected.push({ name: label, value: best.inches, unit: 'in', source: best.source });
  }
  return selected;
}

const GRAMS_PER_OUNCE = 28.349523125;
const CM_PER_INCH = 2.54;
const MAX_VALUE_CHARS = 120;
const MAX_SUMMARY_VALUE_CHARS = 60;
const MAX_FLAW_CHARS = 150;
const MAX_MEASUREMENTS = 12;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value comes from OCR of a photo: it is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** One line of at most `max` characters, shortened at a word boundary, then escaped. */
function escapeValue(text: string, max = MAX_VALUE_CHARS): string {
  const line = collapseWhitespace(text);
  if (line.length <= max) return escapeHtml(line);
  const cut = line.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ') > max / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${escapeHtml(atWord.trimEnd())}\u2026`;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** "1 lb 4.2 oz (570 g)", or "12.3 oz (350 g)" under a pound. */
export function formatShippingWeight(grams: number): string {
  const totalOunces = Math.round((grams / GRAMS_PER_OUNCE) * 10) / 10;
  const pounds = Math.floor(totalOunces / 16);
  const ounces = Math.round((totalOunces - pounds * 16) * 10) / 10;
  const imperial = pounds > 0 ? `${pounds} lb ${formatNumber(ounces)} oz` : `${formatNumber(ounces)} oz`;
  return `${imperial} (${Math.round(grams)} g)`;
}

function describeItem(input: DescriptionFacts): string {
  const { facts } = input;
  const isNew = input.condition.conditionId < 2000;
  const words = [
    isNew ? 'New' : 'Pre-owned',
    facts.brand,
    facts.department ? formatDepartmentForTitle(facts.department) : null,
    facts.itemType ?? 'item',
  ].filter((word): word is string => Boolean(word));
  let sentence = words.map((word) => escapeValue(word, MAX_SUMMARY_VALUE_CHARS)).join(' ');
  if (facts.color) sentence += ` in ${escapeValue(facts.color, MAX_SUMMARY_VALUE_CHARS)}`;
  if (facts.size) sentence += `, size ${escapeValue(facts.size, MAX_SUMMARY_VALUE_CHARS)}`;
  return `<p>${sentence}.</p>`;
}

function renderSpecifics({ facts }: DescriptionFacts): string | null {
  const rows: Array<[string, string | null]> = [
    ['Brand', facts.brand],
    ['Department', facts.department ? toDepartmentAspectValue(facts.department) : null],
    ['Type', facts.itemType],
    ['Style', facts.style],
    ['Size', facts.size],
    ['Size type', facts.sizeType],
    ['Color', facts.color],
    ['Material', facts.material],
    ['Pattern', facts.pattern],
    ['Sleeve length', facts.sleeveLength],
    ['Neckline', facts.neckline],
    ['Made in', facts.countryOfOrigin],
    ['RN', facts.rnNumber],
  ];
  const items = rows
    .filter((row): row is [string, string] => row[1] !== null && row[1] !== '')
    .map(([name, value]) => `<li><strong>${name}:</strong> ${escapeValue(value)}</li>`);
  return items.length === 0 ? null : `<h3>Item specifics</h3><ul>${items.join('')}</ul>`;
}

function renderMeasurements({ measurements = [] }: DescriptionFacts): string | null {
  const usable = measurements.filter((m) => Number.isFinite(m.value) && m.value > 0).slice(0, MAX_MEASUREMENTS);
  if (usable.length === 0) return null;
  const rows = usable.map((m) => {
    const inches = m.unit === 'in' ? m.value : m.value / CM_PER_INCH;
    const centimetres = m.unit === 'cm' ? m.value : m.value * CM_PER_INCH;
    const source = m.source === 'measured' ? 'Measured flat' : 'From tag';
    return `<tr><td>${escapeValue(m.name, 40)}</td><td>${formatNumber(inches)} in</td><td>${formatNumber(centimetres)} cm</td><td>${source}</td></tr>`;
  });
  return (
    '<h3>Measurements</h3><table><thead><tr><th>Measurement</th><th>Inches</th><th>Centimetres</th>' +
    `<th>Source</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Condition and flaws always stay; flaws are listed while they fit in `budget` characters. */
function renderCondition({ condition }: DescriptionFacts, budget: number): string {
  const head = `<h3>Condition</h3><p>${escapeHtml(condition.label)}. Please see the photos for details.</p>`;
  if (condition.flaws.length === 0) return head;
  const more = '<li>More in the photos.</li>';
  const items: string[] = [];
  for (const [index, flaw] of condition.flaws.entries()) {
    const item = `<li>${escapeValue(flaw, MAX_FLAW_CHARS)}</li>`;
    const tail = index < condition.flaws.length - 1 ? more.length : 0;
    const length = head.length + '<ul></ul>'.length + [...items, item].join('').length + tail;
    if (length > budget) {
      items.push(more);
      break;
    }
    items.push(item);
  }
  return `${head}<ul>${items.join('')}</ul>`;
}

function renderMaterials({ facts }: DescriptionFacts): string | null {
  return facts.material ? `<h3>Materials</h3><p>${escapeValue(facts.material, 300)}</p>` : null;
}

function renderCare({ facts }: DescriptionFacts): string | null {
  return facts.careInstructions ? `<h3>Care</h3><p>${escapeValue(facts.careInstructions, 400)}</p>` : null;
}

function renderShipping({ weightGrams }: DescriptionFacts): string | null {
  if (weightGrams === null || !Number.isFinite(weightGrams) || weightGrams <= 0) return null;
  return `<h3>Shipping</h3><p>Shipping weight: ${formatShippingWeight(weightGrams)}.</p>`;
}

function renderReference({ sku }: DescriptionFacts): string | null {
  return sku ? `<p>Ref: ${escapeValue(sku, 60)}</p>` : null;
}

type SectionName = 'summary' | 'specifics' | 'measurements' | 'condition' | 'materials' | 'care' | 'shipping' | 'reference';

const SECTION_ORDER: readonly SectionName[] = [
  'summary',
  'specifics',
  'measurements',
  'condition',
  'materials',
  'care',
  'shipping',
  'reference',
];

/** What goes first when the description is too long; the summary and condition always stay. */
const TRIM_ORDER: readonly SectionName[] = ['reference', 'care', 'materials', 'shipping', 'measurements', 'specifics'];

const OPEN = '<div>';
const CLOSE = '</div>';

function assemble(sections: ReadonlyMap<SectionName, string>): string {
  return OPEN + SECTION_ORDER.flatMap((name) => sections.get(name) ?? []).join('') + CLOSE;
}

/**
 * The listing description as HTML: summary, item specifics, measurements, condition and flaws,
 * materials, care and shipping weight. Every value is escaped; the whole stays under 4000
 * characters by leaving out sections in a fixed order (reference, care, materials, shipping,
 * measurements, specifics) and, last, flaws beyond what fits.
 */
export function buildDescriptionHtml(input: DescriptionFacts): string {
  const sections = new Map<SectionName, string>();
  const summary = describeItem(input);
  sections.set('summary', summary);
  const optional: Array<[SectionName, string | null]> = [
    ['specifics', renderSpecifics(input)],
    ['measurements', renderMeasurements(input)],
    ['materials', renderMaterials(input)],
    ['care', renderCare(input)],
    ['shipping', renderShipping(input)],
    ['reference', renderReference(input)],
  ];
  for (const [name, html] of optional) if (html) sections.set(name, html);

  const limit = MAX_DESCRIPTION_LENGTH - 1;
  const conditionBudget = limit - OPEN.length - CLOSE.length - summary.length;
  sections.set('condition', renderCondition(input, conditionBudget));
  for (const name of TRIM_ORDER) {
    if (assemble(sections).length <= limit) break;
    sections.delete(name);
  }
  return assemble(sections);
}
