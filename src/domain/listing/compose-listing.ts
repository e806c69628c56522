import type { ItemAttributes } from '../../contracts/attributes.ts';
import type { ConditionId, ListingDraft } from '../../contracts/item.ts';
import type { ListingField } from '../../contracts/listing.ts';
import { mapItemAspects, type AspectNote } from './aspect-mapping.ts';
import type { CategoryAspectSet } from './aspect-metadata.ts';
import { matchCategory, type CategoryMatchInput } from './category-matcher.ts';
import { findBundledAspectSet } from './clothing-aspect-catalog.ts';
import { decideCondition, describeCondition, type ConditionDecision } from './condition.ts';
import { formatDepartmentForTitle, normalizeDepartment } from './department.ts';
import { buildDescriptionHtml, type ListingMeasurement } from './description-builder.ts';
import { applyAspectEditsToFacts } from './listing-edits.ts';
import { deriveListingFacts, pickBestClaim, type ListingFacts } from './listing-facts.ts';
import { collapseWhitespace } from './text-casing.ts';
import { buildTitle } from './title-builder.ts';

export interface ComposeListingInput {
  sku: string | null;
  attributes: ItemAttributes;
  weightGrams: number | null;
  /** A retail UPC/EAN read from a hang tag, when one was. */
  productCode: string | null;
  /** Garment measurements, when the item has them (the attributes have no slot for them yet). */
  measurements?: readonly ListingMeasurement[];
}

export type CategorySource = 'bundled' | 'ebay' | 'seller';

/** The category the listing goes in and who chose it. */
export interface ChosenCategory {
  categoryId: string;
  categoryName: string;
  /** Root-to-leaf path, when known. */
  path: string | null;
  /** 0..1 from the bundled matcher; null when eBay or the seller chose. */
  score: number | null;
  source: CategorySource;
}

export interface ComposeListingOptions {
  /** The category to list in; without one, the bundled matcher chooses. */
  category?: ChosenCategory;
  /**
   * The category's item specifics. Left out, the bundled set of that category is used (offline);
   * null means they are unknown, and eBay's usual clothing names are used unchecked.
   */
  aspectSet?: CategoryAspectSet | null;
  /** The seller's edits: corrected item specifics feed the title and description. */
  edits?: { draft: ListingDraft; editedFields: readonly ListingField[] };
}

/** The draft plus how it was decided, for the review screen. */
export interface ComposedListing {
  draft: ListingDraft;
  facts: ListingFacts;
  category: ChosenCategory;
  condition: ConditionDecision;
  aspectSet: CategoryAspectSet | null;
  aspectNotes: AspectNote[];
}

function hasAnyClaim(attributes: ItemAttributes, name: 'brand'): boolean {
  return (attributes[name] ?? []).some((claim) => collapseWhitespace(claim.value) !== '');
}

/** What the category search is given: the item type and department decide, the rest refines. */
export function buildCategoryQuery(facts: ListingFacts): CategoryMatchInput {
  return {
    itemType: facts.itemType,
    department: facts.department,
    keywords: [facts.style, facts.pattern, facts.sleeveLength, facts.neckline].filter((value): value is string => value !== null),
  };
}

/** The words a category search on eBay is sent: "Men's Jeans 501 Original Fit". */
export function formatCategoryQueryText(query: CategoryMatchInput): string {
  const known = normalizeDepartment(query.department);
  const department = known ? formatDepartmentForTitle(known) : null;
  return collapseWhitespace([department, query.itemType, ...(query.keywords ?? [])].filter(Boolean).join(' ')).slice(0, 350);
}

/** The offline choice: the best bundled eBay US clothing leaf for the facts. */
export function chooseBundledCategory(facts: ListingFacts): ChosenCategory {
  const match = matchCategory(buildCategoryQuery(facts));
  return { categoryId: match.categoryId, categoryName: match.categoryName, path: match.path, score: match.score, source: 'bundled' };
}

const CLOTHING_ROOT = 'Clothing, Shoes & Accessories';

/**
 * The category to use among ranked suggestions: the first one under Clothing, Shoes & Accessories
 * (eBay's suggestions span the whole site), else the first; null when there are none.
 */
export function pickSuggestedCategory(
  suggestions: ReadonlyArray<{ categoryId: string; categoryName: string; path: string | null; score: number | null }>,
  source: 'ebay' | 'bundled',
): ChosenCategory | null {
  const chosen = suggestions.find((suggestion) => suggestion.path?.startsWith(CLOTHING_ROOT)) ?? suggestions[0];
  if (!chosen) return null;
  return { categoryId: chosen.categoryId, categoryName: chosen.categoryName, path: chosen.path, score: chosen.score, source };
}

/** From best to worst; a condition a category does not take falls to the next one it does. */
const CONDITION_ORDER: readonly ConditionId[] = [1000, 1500, 1750, 2990, 3000, 3010];

/**
 * The decided condition within what the category accepts, named the category's way ("New with
 * box" for shoes). An unaccepted condition moves down to the nearest accepted one, never up.
 */
export function fitConditionToCategory(decision: ConditionDecision, set: CategoryAspectSet | null): ConditionDecision {
  if (!set) return decision;
  const allowed = set.allowedConditionIds;
  let conditionId = decision.conditionId;
  let reason = decision.reason;
  if (allowed !== null && allowed.length > 0 && !allowed.includes(conditionId)) {
    const below = CONDITION_ORDER.slice(CONDITION_ORDER.indexOf(conditionId)).find((id) => allowed.includes(id));
    const fallback = below ?? [...CONDITION_ORDER].reverse().find((id) => allowed.includes(id)) ?? conditionId;
    const fromLabel = decision.label;
    conditionId = fallback;
    reason = `${reason} ${fromLabel} is not a condition of this category, so it is listed as ${set.conditionLabels[fallback] ?? fallback}.`;
  }
  const label = set.conditionLabels[conditionId] ?? (conditionId === decision.conditionId ? decision.label : describeCondition(conditionId).label);
  return { ...decision, conditionId, label, reason };
}

/**
 * Everything the listing needs, with the reasoning kept alongside: the category (given, or the
 * bundled matcher's), its item specifics mapped from the facts, the condition the photos support
 * within the category's conditions, the title and the description.
 */
export function composeListingDetails(input: ComposeListingInput, options: ComposeListingOptions = {}): ComposedListing {
  const { attributes } = input;
  const analysed = deriveListingFacts(attributes);
  const facts = options.edits ? applyAspectEditsToFacts(analysed, options.edits.draft, options.edits.editedFields) : analysed;
  const category = options.category ?? chooseBundledCategory(facts);
  const aspectSet = options.aspectSet === undefined ? findBundledAspectSet(category.categoryId) : options.aspectSet;
  const condition = fitConditionToCategory(decideCondition(attributes, { productCode: input.productCode }), aspectSet);
  const isNew = condition.conditionId < 2000;
  const newWithTags = condition.conditionId === 1000 && /\btags?\b/i.test(condition.label);
  const title = buildTitle({ ...facts, newWithTags, isNew });
  const descriptionHtml = buildDescriptionHtml({
    facts,
    condition,
    measurements: input.measurements,
    weightGrams: input.weightGrams,
    sku: input.sku,
  });
  const mapped = mapItemAspects(facts, aspectSet, {
    hasBrandClaim: hasAnyClaim(attributes, 'brand') || facts.brand !== null,
    sizeTypeConfidence: pickBestClaim(attributes.sizeType)?.confidence ?? null,
  });
  const draft: ListingDraft = {
    title,
    descriptionHtml,
    categoryId: category.categoryId,
    categoryName: category.categoryName,
    conditionId: condition.conditionId,
    conditionDescription: condition.conditionDescription,
    aspects: mapped.aspects,
    productCode: input.productCode,
  };
  return { draft, facts, category, condition, aspectSet, aspectNotes: mapped.notes };
}

/** An eBay listing draft from an item's attributes: category, item specifics, condition, title, description. */
export function composeListing(input: ComposeListingInput, options: ComposeListingOptions = {}): ListingDraft {
  return composeListingDetails(input, options).draft;
}
