import type { ListingDraft } from '../../contracts/item.ts';
import type { PreflightIssue, PreflightIssueCode, PreflightOverride, PreflightReport, PreflightSeverity, ReviewState } from '../../contracts/listing.ts';
import { findAspect, type AspectDefinition, type CategoryAspectSet } from './aspect-metadata.ts';
import { listSizeTypesOf } from './aspect-mapping.ts';
import { isPlaceholderValue, matchAspectValue } from './aspect-value-matcher.ts';
import { describeCondition } from './condition.ts';
import { MAX_DESCRIPTION_LENGTH } from './description-builder.ts';
import { MAX_ASPECT_NAME_LENGTH, MAX_ASPECT_VALUE_LENGTH } from './item-aspects.ts';
import { MAX_PHOTOS_PER_LISTING } from './seller-hub-drafts.ts';
import { MAX_TITLE_LENGTH } from './title-builder.ts';

/** eBay's smallest accepted picture: 500 pixels on the longest side. */
export const MIN_PHOTO_LONGEST_SIDE = 500;
export const MAX_CONDITION_DESCRIPTION_LENGTH = 1000;
export const MAX_SKU_LENGTH = 50;

/**
 * The errorIds the Sell Inventory API (createOrReplaceInventoryItem, createOffer, publishOffer)
 * answers with for each kind of problem, from eBay's error catalog for those operations.
 */
export const EBAY_ERROR_IDS = {
  userError: 25002,
  invalidPrice: 25003,
  invalidCategory: 25005,
  fulfillmentPolicy: 25007,
  paymentPolicy: 25008,
  returnPolicy: 25009,
  invalidLocation: 25012,
  invalidPictures: 25014,
  invalidPictureUrl: 25015,
  invalidValue: 25016,
  missingInformation: 25017,
  invalidCondition: 25021,
  invalidAttribute: 25022,
  requiredForCategory: 25029,
  droppedForCondition: 25030,
  tooLong: 25080,
  invalidSku: 25707,
} as const;

export interface PreflightPhoto {
  id: string;
  width: number | null;
  height: number | null;
  /** Where eBay will fetch it from, when known. */
  url?: string | null;
}

/** What publishing through the Sell APIs needs on top of the listing itself. */
export interface PublishingContext {
  price: number | null;
  policies: { fulfillmentPolicyId: string | null; paymentPolicyId: string | null; returnPolicyId: string | null } | null;
  merchantLocationKey: string | null;
}

export interface PreflightInput {
  draft: ListingDraft;
  /** The category's item specifics; null when they could not be looked up. */
  aspectSet: CategoryAspectSet | null;
  /** False when eBay does not list in this category (not a leaf, or unknown); null when not checked. */
  categoryIsListable: boolean | null;
  /** True when the category was picked without knowing what the item is (no item type read, not chosen by the seller). */
  categoryUncertain?: boolean;
  photos: readonly PreflightPhoto[];
  sku: string | null;
  /** Set when the listing is about to be published; without it only the listing itself is checked. */
  publishing?: PublishingContext | null;
}

function issue(
  code: PreflightIssueCode,
  field: string,
  message: string,
  ebayErrorId: number | null,
  severity: PreflightSeverity = 'error',
): PreflightIssue {
  return { code, severity, field, message, ebayErrorId };
}

/** Text a buyer would see: tags and entities removed, whitespace folded. */
function readVisibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|#160);/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ACTIVE_CONTENT = /<\s*(script|iframe|object|embed|form|applet|base|meta|link)\b|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i;

function listChoices(aspect: AspectDefinition, limit = 8): string {
  const values = aspect.options.map((option) => option.value);
  const shown = values.slice(0, limit).join(', ');
  return values.length > limit ? `${shown}, …` : shown;
}

function checkTitle({ draft }: PreflightInput): PreflightIssue[] {
  const title = draft.title.trim();
  if (title === '') return [issue('TITLE_MISSING', 'title', 'The listing has no title: write one of up to 80 characters.', EBAY_ERROR_IDS.missingInformation)];
  const found: PreflightIssue[] = [];
  if (title.length > MAX_TITLE_LENGTH) {
    found.push(
      issue(
        'TITLE_TOO_LONG',
        'title',
        `The title is ${title.length} characters and eBay allows ${MAX_TITLE_LENGTH}: shorten it by ${title.length - MAX_TITLE_LENGTH}.`,
        EBAY_ERROR_IDS.tooLong,
      ),
    );
  }
  if (/<[a-z/!][^>]*>/i.test(title)) {
    found.push(issue('TITLE_HAS_MARKUP', 'title', 'The title contains HTML tags, which eBay shows as plain text: remove them.', null, 'warning'));
  }
  return found;
}

function checkDescription({ draft }: PreflightInput): PreflightIssue[] {
  const found: PreflightIssue[] = [];
  if (readVisibleText(draft.descriptionHtml) === '') {
    found.push(issue('DESCRIPTION_MISSING', 'descriptionHtml', 'The description is empty: describe the item, its condition and its measurements.', EBAY_ERROR_IDS.missingInformation));
  }
  if (draft.descriptionHtml.length > MAX_DESCRIPTION_LENGTH) {
    found.push(
      issue(
        'DESCRIPTION_TOO_LONG',
        'descriptionHtml',
        `The description is ${draft.descriptionHtml.length} characters (HTML included) and eBay takes ${MAX_DESCRIPTION_LENGTH}: shorten it.`,
        EBAY_ERROR_IDS.tooLong,
      ),
    );
  }
  if (ACTIVE_CONTENT.test(draft.descriptionHtml)) {
    found.push(
      issue(
        'DESCRIPTION_HAS_ACTIVE_CONTENT',
        'descriptionHtml',
        'The description contains scripts, forms, frames or event handlers, which eBay blocks: remove them.',
        EBAY_ERROR_IDS.userError,
      ),
    );
  }
  return found;
}

function checkCategory({ draft, categoryIsListable, categoryUncertain }: PreflightInput): PreflightIssue[] {
  if (draft.categoryId.trim() === '') {
    return [issue('CATEGORY_MISSING', 'category', 'The listing has no eBay category: choose one.', EBAY_ERROR_IDS.invalidCategory)];
  }
  if (categoryIsListable === false) {
    return [
      issue(
        'CATEGORY_UNKNOWN',
        'category',
        `eBay does not list items in category ${draft.categoryId} (${draft.categoryName}): choose a leaf category, the last level of the tree.`,
        EBAY_ERROR_IDS.invalidCategory,
      ),
    ];
  }
  if (categoryUncertain === true) {
    // eBay would accept the listing, in the wrong place: buyers searching for the item would not find it.
    return [
      issue(
        'CATEGORY_UNCERTAIN',
        'category',
        `Nothing read from the photos says what the item is, so "${draft.categoryName}" is only a starting point: set the item type or choose the category.`,
        null,
      ),
    ];
  }
  return [];
}

function checkCondition({ draft, aspectSet }: PreflightInput): PreflightIssue[] {
  const found: PreflightIssue[] = [];
  const allowed = aspectSet?.allowedConditionIds ?? null;
  const labelOf = (id: (typeof draft)['conditionId']): string => aspectSet?.conditionLabels[id] ?? describeCondition(id).label;
  if (allowed !== null && !allowed.includes(draft.conditionId)) {
    const choices = allowed.map((id) => `${labelOf(id)} (${id})`).join(', ');
    found.push(
      issue(
        'CONDITION_NOT_ALLOWED',
        'conditionId',
        `${labelOf(draft.conditionId)} (${draft.conditionId}) is not a condition eBay accepts in ${draft.categoryName}: choose one of ${choices}.`,
        EBAY_ERROR_IDS.invalidCondition,
      ),
    );
  }
  const conditionDescription = draft.conditionDescription ?? '';
  if (conditionDescription.length > MAX_CONDITION_DESCRIPTION_LENGTH) {
    found.push(
      issue(
        'CONDITION_DESCRIPTION_TOO_LONG',
        'conditionDescription',
        `The condition description is ${conditionDescription.length} characters and eBay takes ${MAX_CONDITION_DESCRIPTION_LENGTH}: shorten it and put the rest in the description.`,
        EBAY_ERROR_IDS.tooLong,
      ),
    );
  }
  if (conditionDescription.trim() !== '' && (draft.conditionId === 1000 || draft.conditionId === 1500)) {
    found.push(
      issue(
        'CONDITION_DESCRIPTION_IGNORED',
        'conditionDescription',
        `eBay drops the condition description of an item listed as ${labelOf(draft.conditionId)}: move that text into the description if buyers should read it.`,
        EBAY_ERROR_IDS.droppedForCondition,
        'warning',
      ),
    );
  }
  return found;
}

function checkAspectValue(name: string, value: string, definition: AspectDefinition | undefined, categoryName: string): PreflightIssue[] {
  const field = `aspects.${name}`;
  if (value.trim() === '') return [issue('ASPECT_EMPTY_VALUE', field, `${name} has an empty value: fill it in or remove it.`, EBAY_ERROR_IDS.invalidAttribute)];
  if (isPlaceholderValue(value)) {
    return [issue('ASPECT_PLACEHOLDER', field, `"${value}" is not a value for ${name}: buyers filter on the real one, so write it or leave ${name} out.`, null)];
  }
  const found: PreflightIssue[] = [];
  const limit = Math.min(definition?.maxLength ?? MAX_ASPECT_VALUE_LENGTH, MAX_ASPECT_VALUE_LENGTH);
  if (value.length > limit) {
    found.push(issue('ASPECT_VALUE_TOO_LONG', field, `The ${name} value is ${value.length} characters and eBay takes ${limit}: shorten it.`, EBAY_ERROR_IDS.tooLong));
  }
  if (!definition) return found;
  if (definition.mode === 'SELECTION_ONLY' && !definition.options.some((option) => option.value.toLowerCase() === value.toLowerCase())) {
    const suggestion = matchAspectValue(value, definition.options.map((option) => option.value), {
      aspectName: name,
      allowFamily: true,
      allowFuzzy: true,
    });
    const hint = suggestion ? `did you mean "${suggestion.value}"?` : `choose one of ${listChoices(definition)}.`;
    found.push(issue('ASPECT_VALUE_NOT_ALLOWED', field, `"${value}" is not a value eBay accepts for ${name} in ${categoryName}: ${hint}`, EBAY_ERROR_IDS.invalidAttribute));
  }
  if (definition.dataType === 'NUMBER' && !/^-?\d+(\.\d+)?$/.test(value.trim())) {
    found.push(issue('ASPECT_NOT_A_NUMBER', field, `${name} must be a number, not "${value}".`, EBAY_ERROR_IDS.invalidAttribute));
  }
  return found;
}

function checkAspects({ draft, aspectSet }: PreflightInput): PreflightIssue[] {
  const found: PreflightIssue[] = [];
  for (const [name, values] of Object.entries(draft.aspects)) {
    const field = `aspects.${name}`;
    if (name.length > MAX_ASPECT_NAME_LENGTH) {
      found.push(issue('ASPECT_NAME_TOO_LONG', field, `The item specific name "${name}" is ${name.length} characters and eBay takes ${MAX_ASPECT_NAME_LENGTH}: shorten it.`, EBAY_ERROR_IDS.tooLong));
    }
    const definition = aspectSet ? findAspect(aspectSet, name) : undefined;
    if (definition?.cardinality === 'SINGLE' && values.length > 1) {
      found.push(issue('ASPECT_TOO_MANY_VALUES', field, `${name} takes one value on eBay and has ${values.length}: keep one.`, EBAY_ERROR_IDS.invalidAttribute));
    }
    for (const value of values) found.push(...checkAspectValue(name, value, definition, draft.categoryName));
  }
  if (aspectSet === null) {
    found.push(
      issue(
        'ASPECTS_UNCHECKED',
        'aspects',
        `The item specifics required in ${draft.categoryName} could not be looked up, so they were not checked: compare them with eBay's list before publishing.`,
        null,
        'warning',
      ),
    );
    return found;
  }
  for (const aspect of aspectSet.aspects) {
    if (!aspect.required) continue;
    const values = Object.entries(draft.aspects).find(([name]) => name.toLowerCase() === aspect.name.toLowerCase())?.[1] ?? [];
    if (values.some((value) => value.trim() !== '')) continue;
    const how =
      aspect.mode === 'SELECTION_ONLY' && aspect.options.length > 0
        ? `choose one of ${listChoices(aspect)}.`
        : aspect.name === 'Brand'
          ? 'enter it ("Unbranded" when the item has no brand).'
          : 'enter it.';
    found.push(issue('ASPECT_REQUIRED_MISSING', `aspects.${aspect.name}`, `eBay requires ${aspect.name} in ${draft.categoryName}: ${how}`, EBAY_ERROR_IDS.requiredForCategory));
  }
  const size = draft.aspects.Size?.[0];
  const sizeType = draft.aspects['Size Type']?.[0];
  const sizeTypeIsValid = findAspect(aspectSet, 'Size Type')?.options.some((option) => option.value === sizeType) ?? false;
  if (size !== undefined && sizeType !== undefined && sizeTypeIsValid) {
    const allowed = listSizeTypesOf(aspectSet, size);
    if (allowed.length > 0 && !allowed.includes(sizeType)) {
      found.push(
        issue(
          'SIZE_TYPE_MISMATCH',
          'aspects.Size Type',
          `Size ${size} is not a ${sizeType} size in ${draft.categoryName}; eBay lists it under ${allowed.join(' or ')}: change the size or the size type.`,
          EBAY_ERROR_IDS.invalidAttribute,
        ),
      );
    }
  }
  return found;
}

function checkPhotos({ photos, publishing }: PreflightInput): PreflightIssue[] {
  if (photos.length === 0) {
    return [issue('PHOTO_MISSING', 'photos', 'The listing has no photo: eBay needs at least one, 500 pixels or more on the longest side.', EBAY_ERROR_IDS.missingInformation)];
  }
  const found: PreflightIssue[] = [];
  photos.forEach((photo, index) => {
    if (photo.width === null || photo.height === null) return;
    const longest = Math.max(photo.width, photo.height);
    if (longest < MIN_PHOTO_LONGEST_SIDE) {
      found.push(
        issue(
          'PHOTO_TOO_SMALL',
          `photos.${photo.id}`,
          `Photo ${index + 1} is ${photo.width}×${photo.height} pixels; eBay needs ${MIN_PHOTO_LONGEST_SIDE} on the longest side: retake it or remove it.`,
          EBAY_ERROR_IDS.invalidPictures,
        ),
      );
    }
    if (publishing && photo.url && !photo.url.startsWith('https://')) {
      found.push(issue('PHOTO_URL_NOT_HTTPS', `photos.${photo.id}`, `Photo ${index + 1} is not at an https:// address, which eBay requires: set PUBLIC_BASE_URL to an https address.`, EBAY_ERROR_IDS.invalidPictureUrl));
    }
  });
  if (photos.length > MAX_PHOTOS_PER_LISTING) {
    found.push(
      issue(
        'TOO_MANY_PHOTOS',
        'photos',
        `The item has ${photos.length} photos and eBay shows ${MAX_PHOTOS_PER_LISTING}: the first ${MAX_PHOTOS_PER_LISTING} are used.`,
        null,
        'warning',
      ),
    );
  }
  return found;
}

/** A UPC-A, EAN-8 or EAN-13 (GTIN) check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() ?? -1;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

function checkIdentifiers({ draft, sku, publishing }: PreflightInput): PreflightIssue[] {
  const found: PreflightIssue[] = [];
  if (sku !== null && sku.length > MAX_SKU_LENGTH) {
    found.push(issue('SKU_INVALID', 'sku', `The SKU "${sku}" is ${sku.length} characters and eBay takes ${MAX_SKU_LENGTH}: shorten it.`, EBAY_ERROR_IDS.invalidSku));
  } else if (publishing && (sku === null || sku.trim() === '')) {
    found.push(issue('SKU_INVALID', 'sku', 'The item has no SKU, which publishing through eBay needs: add one.', EBAY_ERROR_IDS.invalidSku));
  } else if (publishing && sku !== null && !/^[A-Za-z0-9._-]+$/.test(sku)) {
    found.push(issue('SKU_INVALID', 'sku', `The SKU "${sku}" has characters eBay refuses: use letters, digits, dots, dashes and underscores only.`, EBAY_ERROR_IDS.invalidSku));
  }
  if (draft.productCode !== null && !hasValidCheckDigit(draft.productCode)) {
    found.push(
      issue(
        'PRODUCT_CODE_INVALID',
        'productCode',
        `The UPC/EAN ${draft.productCode} does not add up (wrong check digit): correct it or remove it.`,
        EBAY_ERROR_IDS.invalidValue,
      ),
    );
  }
  return found;
}

function checkPublishing({ publishing }: PreflightInput): PreflightIssue[] {
  if (!publishing) return [];
  const found: PreflightIssue[] = [];
  if (publishing.price === null || !Number.isFinite(publishing.price) || publishing.price <= 0) {
    found.push(issue('PRICE_MISSING', 'price', 'The listing has no price: set one before publishing.', EBAY_ERROR_IDS.invalidPrice));
  }
  const policies = publishing.policies;
  const missing: Array<[keyof NonNullable<PublishingContext['policies']>, string, number]> = [
    ['fulfillmentPolicyId', 'shipping (fulfillment)', EBAY_ERROR_IDS.fulfillmentPolicy],
    ['paymentPolicyId', 'payment', EBAY_ERROR_IDS.paymentPolicy],
    ['returnPolicyId', 'return', EBAY_ERROR_IDS.returnPolicy],
  ];
  for (const [key, label, errorId] of missing) {
    if (policies?.[key]) continue;
    found.push(issue('POLICY_MISSING', `policies.${key}`, `No ${label} policy is chosen: pick one of your eBay business policies in the settings.`, errorId));
  }
  if (!publishing.merchantLocationKey) {
    found.push(issue('LOCATION_MISSING', 'merchantLocationKey', 'No inventory location is set: add the address the items ship from in the settings.', EBAY_ERROR_IDS.invalidLocation));
  }
  return found;
}

/**
 * Everything eBay would refuse in this listing, each as a sentence that says what to fix and the
 * errorId eBay would answer with. Errors block; warnings are worth reading. Pure: same input,
 * same issues, in a stable order.
 */
export function validateListing(input: PreflightInput): PreflightIssue[] {
  return [
    ...checkCategory(input),
    ...checkTitle(input),
    ...checkDescription(input),
    ...checkCondition(input),
    ...checkAspects(input),
    ...checkPhotos(input),
    ...checkIdentifiers(input),
    ...checkPublishing(input),
  ];
}

function sameIssue(a: { code: string; field: string }, b: { code: string; field: string }): boolean {
  return a.code === b.code && a.field === b.field;
}

/** clean without errors; overridden when the seller accepted every error; needs_attention otherwise. */
export function decideReviewState(issues: readonly PreflightIssue[], override: PreflightOverride | null): ReviewState {
  const errors = issues.filter((found) => found.severity === 'error');
  if (errors.length === 0) return 'clean';
  if (override && errors.every((found) => override.acknowledged.some((accepted) => sameIssue(accepted, found)))) return 'overridden';
  return 'needs_attention';
}

/**
 * The report stored with the listing. An earlier override is kept only while it still covers an
 * error: an error that appears after the seller's override blocks again.
 */
export function buildPreflightReport(
  issues: readonly PreflightIssue[],
  aspectSource: PreflightReport['aspectSource'],
  override: PreflightOverride | null,
): PreflightReport {
  const errors = issues.filter((found) => found.severity === 'error');
  const stillRelevant = override && errors.some((found) => override.acknowledged.some((accepted) => sameIssue(accepted, found))) ? override : null;
  return { state: decideReviewState(issues, stillRelevant), issues: [...issues], override: stillRelevant, aspectSource };
}

/** The seller accepts every current error and goes on: the listing passes to review as overridden. */
export function overridePreflight(report: PreflightReport, input: { reason: string; actor: string; at: string }): PreflightReport {
  const acknowledged = report.issues.filter((found) => found.severity === 'error').map(({ code, field }) => ({ code, field }));
  const override: PreflightOverride = { acknowledged, reason: input.reason, actor: input.actor, at: input.at };
  return { ...report, override, state: decideReviewState(report.issues, override) };
}
