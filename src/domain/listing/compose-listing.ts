import type { ItemAttributes } from '../../contracts/attributes.ts';
import type { ListingDraft } from '../../contracts/item.ts';
import { matchCategory, type CategoryMatch } from './category-matcher.ts';
import { decideCondition, type ConditionDecision } from './condition.ts';
import { buildDescriptionHtml, type ListingMeasurement } from './description-builder.ts';
import { buildItemAspects } from './item-aspects.ts';
import { deriveListingFacts, readBestValue, type ListingFacts } from './listing-facts.ts';
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

/** The draft plus how it was decided, for the review screen. */
export interface ComposedListing {
  draft: ListingDraft;
  facts: ListingFacts;
  category: CategoryMatch;
  condition: ConditionDecision;
}

function hasAnyClaim(attributes: ItemAttributes, name: 'brand'): boolean {
  return (attributes[name] ?? []).some((claim) => collapseWhitespace(claim.value) !== '');
}

/** Everything the listing needs, with the reasoning kept alongside. */
export function composeListingDetails(input: ComposeListingInput): ComposedListing {
  const { attributes } = input;
  const facts = deriveListingFacts(attributes);
  const condition = decideCondition(attributes, { productCode: input.productCode });
  const category = matchCategory({
    itemType: facts.itemType,
    department: readBestValue(attributes, 'department'),
    keywords: [facts.style, facts.pattern, facts.sleeveLength, facts.neckline].filter(
      (value): value is string => value !== null,
    ),
  });
  const isNew = condition.conditionId < 2000;
  const title = buildTitle({ ...facts, newWithTags: condition.conditionId === 1000, isNew });
  const descriptionHtml = buildDescriptionHtml({
    facts,
    condition,
    measurements: input.measurements,
    weightGrams: input.weightGrams,
    sku: input.sku,
  });
  const draft: ListingDraft = {
    title,
    descriptionHtml,
    categoryId: category.categoryId,
    categoryName: category.categoryName,
    conditionId: condition.conditionId,
    conditionDescription: condition.conditionDescription,
    aspects: buildItemAspects(facts, { hasBrandClaim: hasAnyClaim(attributes, 'brand') }),
    productCode: input.productCode,
  };
  return { draft, facts, category, condition };
}

/** An eBay listing draft from an item's attributes: category, item specifics, condition, title, description. */
export function composeListing(input: ComposeListingInput): ListingDraft {
  return composeListingDetails(input).draft;
}
