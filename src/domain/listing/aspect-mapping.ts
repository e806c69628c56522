import { findAspect, type AspectDefinition, type CategoryAspectSet } from './aspect-metadata.ts';
import { isPlaceholderValue, matchAspectValue, spellLikeSuggestion } from './aspect-value-matcher.ts';
import { toDepartmentAspectValue } from './department.ts';
import { buildItemAspects, clipAspectText, MAX_ASPECT_NAME_LENGTH, MAX_ASPECT_VALUE_LENGTH, UNBRANDED } from './item-aspects.ts';
import type { ListingFacts } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';

/** Why a value the analysis offered did not become an item specific as it was. */
export interface AspectNote {
  aspect: string;
  message: string;
}

export interface MappedAspects {
  aspects: Record<string, string[]>;
  notes: AspectNote[];
}

export interface AspectMappingOptions {
  /** False when no photo gave any brand claim: the brand is then eBay's "Unbranded". */
  hasBrandClaim: boolean;
  /** How sure the size type claim is: a weak one (a default, not printed on a tag) yields to the size. */
  sizeTypeConfidence?: number | null;
}

/** A size type this sure was printed on a tag; a weaker one was assumed. */
const STATED_SIZE_TYPE_CONFIDENCE = 0.75;
const SIZE_TYPE = 'Size Type';
const REGULAR = 'Regular';

/** The parts of a size as a tag gives it: "32x30" is waist 32 and inseam 30, "8P" is a petite 8. */
export interface SizeParts {
  size: string | null;
  inseam: string | null;
  impliedSizeType: string | null;
}

export function splitSize(size: string | null): SizeParts {
  if (size === null) return { size: null, inseam: null, impliedSizeType: null };
  const text = collapseWhitespace(size);
  // "32/30" is a waist and an inseam; "10/12" is a kids' size range, never that small a waist.
  const slashed = /^(\d{2})\s*\/\s*(\d{2})$/.exec(text);
  const waistBySlash = slashed && Number(slashed[1]) >= 24 && Number(slashed[2]) >= 24 ? slashed : null;
  const waistByInseam = /^(\d{2})\s*[x×]\s*(\d{2})$/i.exec(text) ?? /^W\s*(\d{2})\s*L\s*(\d{2})$/i.exec(text) ?? waistBySlash;
  if (waistByInseam) return { size: waistByInseam[1] ?? null, inseam: `${waistByInseam[2]} in`, impliedSizeType: null };
  const petite = /^(\d{1,2})\s*P$/i.exec(text);
  if (petite) return { size: petite[1] ?? null, inseam: null, impliedSizeType: 'Petite' };
  return { size: text, inseam: null, impliedSizeType: null };
}

/** "US 10 1/2", "10.5 M", "Size 9" → "10.5", "9": how eBay writes a US shoe size. */
export function readShoeSize(text: string): string | null {
  const match = /(?:^|[^\d.])(\d{1,2})(\s*(?:\.5|1\/2|½))?(?![\d/])/.exec(` ${text}`);
  if (!match) return null;
  return `${Number(match[1])}${match[2] ? '.5' : ''}`;
}

/** "60% Cotton 40% Polyester" → Cotton, Polyester (largest share first); "Cotton/Linen" → Cotton, Linen. */
export function splitMaterials(text: string): string[] {
  const shares = [...text.matchAll(/(\d{1,3})\s*%\s*([\p{L}][\p{L} -]*?)(?=\s*[\d,/;]|$)/gu)]
    .map((share) => ({ percent: Number(share[1]), fibre: collapseWhitespace(share[2] ?? '') }))
    .filter((share) => share.fibre !== '');
  if (shares.length > 0) {
    return [...new Set(shares.sort((a, b) => b.percent - a.percent).map((share) => share.fibre))];
  }
  return [
    ...new Set(
      text
        .split(/[/,;+]|\band\b|&/i)
        .map((part) => collapseWhitespace(part))
        .filter((part) => part !== ''),
    ),
  ];
}

/** What the facts say for an eBay aspect name, before matching against eBay's values. */
function offerValues(name: string, facts: ListingFacts, size: SizeParts, options: AspectMappingOptions): string[] {
  const one = (value: string | null | undefined): string[] => (value ? [value] : []);
  switch (name.toLowerCase()) {
    case 'brand':
      return one(facts.brand ?? (options.hasBrandClaim ? null : UNBRANDED));
    case 'department':
      return one(facts.department ? toDepartmentAspectValue(facts.department) : null);
    case 'type':
      return one(facts.itemType);
    case 'style':
      return one(facts.style);
    case 'size':
      return one(size.size);
    case 'us shoe size':
      return one(facts.size ? readShoeSize(facts.size) : null);
    case 'size type':
      return one(facts.sizeType ?? size.impliedSizeType);
    case 'inseam':
      return one(size.inseam);
    case 'color':
      return one(facts.color);
    case 'material':
    case 'outer shell material':
    case 'upper material':
      return facts.material && !isPlaceholderValue(facts.material) ? splitMaterials(facts.material) : [];
    case 'pattern':
      return one(facts.pattern);
    case 'sleeve length':
      return one(facts.sleeveLength);
    case 'neckline':
      return one(facts.neckline);
    case 'country/region of manufacture':
      return one(facts.countryOfOrigin);
    default:
      return [];
  }
}

function maxValueLength(aspect: AspectDefinition): number {
  return Math.min(aspect.maxLength ?? MAX_ASPECT_VALUE_LENGTH, MAX_ASPECT_VALUE_LENGTH);
}

function listOptions(aspect: AspectDefinition): string[] {
  return aspect.options.map((option) => option.value);
}

/** One offered value as eBay will take it for this aspect, or null with the reason in `notes`. */
function fitValue(aspect: AspectDefinition, raw: string, notes: AspectNote[]): string | null {
  if (isPlaceholderValue(raw)) {
    notes.push({ aspect: aspect.name, message: `"${raw}" says nothing a buyer can search for, so ${aspect.name} was left out.` });
    return null;
  }
  if (aspect.mode === 'SELECTION_ONLY') {
    // A size is matched whole: "Youth L" is not an adult L, "L Tall" not an L.
    const isSize = /\bsize\b/i.test(aspect.name);
    const match = matchAspectValue(raw, listOptions(aspect), {
      aspectName: aspect.name,
      allowFamily: true,
      allowFuzzy: true,
      allowContained: !isSize,
    });
    if (!match) {
      notes.push({
        aspect: aspect.name,
        message: `"${raw}" is not one of the values eBay accepts for ${aspect.name} in this category; choose one in review.`,
      });
      return null;
    }
    if (match.kind === 'family' || match.kind === 'fuzzy') {
      notes.push({ aspect: aspect.name, message: `"${raw}" was listed as "${match.value}", the closest value eBay accepts for ${aspect.name}.` });
    }
    return match.value;
  }
  const written = spellLikeSuggestion(raw, listOptions(aspect)) ?? collapseWhitespace(raw);
  const limit = maxValueLength(aspect);
  const clipped = clipAspectText(written, limit);
  if (clipped !== written) {
    notes.push({ aspect: aspect.name, message: `${aspect.name} was shortened to ${limit} characters, the most eBay takes.` });
  }
  return clipped === '' ? null : clipped;
}

/** Size types a size is listed under in this category; empty when the size fits any. */
export function listSizeTypesOf(set: CategoryAspectSet, size: string): readonly string[] {
  const option = findAspect(set, 'Size')?.options.find((candidate) => candidate.value === size);
  return option?.requires[SIZE_TYPE] ?? [];
}

/**
 * Size and Size Type must agree: eBay lists each size under the size types it exists in (men's
 * waist 46 only under Big & Tall). A size type that was assumed gives way to the size; one printed
 * on a tag is kept and the disagreement is left for the seller. With no size type at all, the
 * size's own types decide: Regular when the size is a regular one, else the only type it has.
 */
function reconcileSizeType(set: CategoryAspectSet, aspects: Record<string, string[]>, notes: AspectNote[], options: AspectMappingOptions): void {
  const sizeTypeAspect = findAspect(set, SIZE_TYPE);
  const size = aspects.Size?.[0];
  if (!sizeTypeAspect || size === undefined) return;
  const allowed = listSizeTypesOf(set, size);
  if (allowed.length === 0) return;
  const current = aspects[sizeTypeAspect.name]?.[0];
  if (current !== undefined && allowed.includes(current)) return;

  const derived = allowed.includes(REGULAR) ? REGULAR : allowed.length === 1 ? (allowed[0] ?? null) : null;
  if (current === undefined) {
    if (derived === null) return;
    aspects[sizeTypeAspect.name] = [derived];
    if (derived !== REGULAR) {
      notes.push({ aspect: sizeTypeAspect.name, message: `Size Type set to ${derived}: eBay lists size ${size} only under ${derived}.` });
    }
    return;
  }
  const stated = (options.sizeTypeConfidence ?? 0) >= STATED_SIZE_TYPE_CONFIDENCE;
  if (stated || derived === null) {
    notes.push({
      aspect: sizeTypeAspect.name,
      message: `Size ${size} is listed under ${allowed.join(' or ')} on eBay, not ${current}: check the size and the size type.`,
    });
    return;
  }
  aspects[sizeTypeAspect.name] = [derived];
  notes.push({ aspect: sizeTypeAspect.name, message: `Size Type set to ${derived}: eBay lists size ${size} under ${allowed.join(' or ')}.` });
}

/**
 * The item specifics for a category, from the item's facts and the category's aspect set: only
 * the category's aspects, SELECTION_ONLY values matched to eBay's values (never made up), single
 * values where eBay takes one, names within 40 characters and values within 50, placeholders left
 * out, Size and Size Type made to agree. Without an aspect set, eBay's usual clothing names are used.
 */
export function mapItemAspects(facts: ListingFacts, set: CategoryAspectSet | null, options: AspectMappingOptions): MappedAspects {
  if (set === null) return { aspects: buildItemAspects(facts, { hasBrandClaim: options.hasBrandClaim }), notes: [] };
  const notes: AspectNote[] = [];
  const aspects: Record<string, string[]> = {};
  const size = splitSize(facts.size);
  for (const aspect of set.aspects) {
    const offered = offerValues(aspect.name, facts, size, options);
    if (offered.length === 0) continue;
    const values: string[] = [];
    for (const raw of offered) {
      const value = fitValue(aspect, raw, notes);
      if (value !== null && !values.some((known) => known.toLowerCase() === value.toLowerCase())) values.push(value);
    }
    if (values.length === 0) continue;
    if (aspect.cardinality === 'SINGLE' && values.length > 1) {
      notes.push({ aspect: aspect.name, message: `${aspect.name} takes one value on eBay; kept "${values[0]}".` });
      values.length = 1;
    }
    aspects[clipAspectText(aspect.name, MAX_ASPECT_NAME_LENGTH)] = values;
  }
  reconcileSizeType(set, aspects, notes, options);
  return { aspects, notes };
}
