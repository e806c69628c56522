import type { ListingDraft } from '../../contracts/item.ts';
import { describeCondition, type InventoryConditionEnum } from './condition.ts';
import { MAX_CONDITION_DESCRIPTION_LENGTH } from './preflight-validator.ts';
import { MAX_PHOTOS_PER_LISTING } from './seller-hub-drafts.ts';

/** eBay keeps `product.description` to 4,000 characters; the offer's listingDescription takes the whole HTML. */
export const MAX_PRODUCT_DESCRIPTION_LENGTH = 4000;

export type WeightUnit = 'POUND' | 'OUNCE' | 'KILOGRAM' | 'GRAM';

/** The body of createOrReplaceInventoryItem (Sell Inventory API), as far as we fill it. */
export interface InventoryItemPayload {
  availability: { shipToLocationAvailability: { quantity: number } };
  condition: InventoryConditionEnum;
  conditionDescription?: string;
  packageWeightAndSize?: { weight: { value: number; unit: WeightUnit } };
  product: {
    title: string;
    description: string;
    aspects: Record<string, string[]>;
    imageUrls: string[];
    brand?: string;
    upc?: string[];
    ean?: string[];
  };
}

/** The body of createOffer / updateOffer: a fixed-price, good-'til-cancelled offer of one item. */
export interface OfferPayload {
  sku: string;
  marketplaceId: string;
  format: 'FIXED_PRICE';
  listingDuration: 'GTC';
  availableQuantity: number;
  categoryId: string;
  listingDescription: string;
  pricingSummary: { price: { value: string; currency: string } };
  listingPolicies: { fulfillmentPolicyId: string; paymentPolicyId: string; returnPolicyId: string };
  merchantLocationKey: string;
}

export interface InventoryItemInput {
  listing: ListingDraft;
  /** eBay Picture Service URLs of the item's photos, in the order buyers see them. */
  imageUrls: readonly string[];
  /** The package weight read from the SKU label or the scale; null when none was read. */
  weightGrams: number | null;
  marketplaceId: string;
}

export interface OfferInput {
  sku: string;
  listing: ListingDraft;
  price: { value: number; currency: string };
  policies: { fulfillmentPolicyId: string; paymentPolicyId: string; returnPolicyId: string };
  merchantLocationKey: string;
  marketplaceId: string;
}

const GRAMS_PER_OUNCE = 28.349523125;
/** Marketplaces whose shipping is weighed in pounds and ounces. */
const IMPERIAL_MARKETPLACES = new Set(['EBAY_US', 'EBAY_MOTORS']);

/**
 * The package weight as eBay takes it: ounces on imperial marketplaces, grams elsewhere, rounded
 * up (a tenth of an ounce, a whole gram) so calculated shipping never charges for less than the scale read.
 */
export function toPackageWeight(grams: number, marketplaceId: string): { value: number; unit: WeightUnit } {
  if (IMPERIAL_MARKETPLACES.has(marketplaceId)) return { value: Math.ceil((grams / GRAMS_PER_OUNCE) * 10 - 1e-9) / 10, unit: 'OUNCE' };
  return { value: Math.ceil(grams - 1e-9), unit: 'GRAM' };
}

/** Text a buyer would read, for the short product description when the HTML is too long for it. */
function toPlainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|\/p|\/li|\/h\d|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function shortenTo(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}\u2026`;
}

function readProductCodes(code: string | null): { upc?: string[]; ean?: string[] } {
  if (code === null) return {};
  if (/^\d{12}$/.test(code)) return { upc: [code] };
  if (/^\d{8}$|^\d{13}$/.test(code)) return { ean: [code] };
  return {};
}

/**
 * The inventory item eBay lists from: title, description, item specifics, photos, brand and
 * product code, the condition as eBay's enum (with the flaws, for used conditions only: eBay drops
 * a condition description on new items), the package weight, and a quantity of one.
 */
export function buildInventoryItemPayload(input: InventoryItemInput): InventoryItemPayload {
  const { listing } = input;
  const aspects = Object.fromEntries(
    Object.entries(listing.aspects)
      .map(([name, values]) => [name, values.map((value) => value.trim()).filter((value) => value !== '')] as const)
      .filter(([, values]) => values.length > 0),
  );
  const brand = aspects.Brand?.[0];
  const description =
    listing.descriptionHtml.length <= MAX_PRODUCT_DESCRIPTION_LENGTH
      ? listing.descriptionHtml
      : shortenTo(toPlainText(listing.descriptionHtml), MAX_PRODUCT_DESCRIPTION_LENGTH);
  const conditionDescription = listing.conditionDescription?.trim() ?? '';
  const isUsed = listing.conditionId >= 1750;
  return {
    availability: { shipToLocationAvailability: { quantity: 1 } },
    condition: describeCondition(listing.conditionId).inventoryEnum,
    ...(isUsed && conditionDescription !== '' ? { conditionDescription: shortenTo(conditionDescription, MAX_CONDITION_DESCRIPTION_LENGTH) } : {}),
    ...(input.weightGrams !== null && input.weightGrams > 0
      ? { packageWeightAndSize: { weight: toPackageWeight(input.weightGrams, input.marketplaceId) } }
      : {}),
    product: {
      title: listing.title.trim(),
      description,
      aspects,
      imageUrls: input.imageUrls.slice(0, MAX_PHOTOS_PER_LISTING),
      ...(brand ? { brand: shortenTo(brand, 65) } : {}),
      ...readProductCodes(listing.productCode),
    },
  };
}

/** Dollars and cents as eBay's Amount wants them: a string with two decimals. */
export function formatAmount(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** The offer that puts the inventory item on sale: category, price, the seller's policies and location, fixed price until cancelled. */
export function buildOfferPayload(input: OfferInput): OfferPayload {
  return {
    sku: input.sku,
    marketplaceId: input.marketplaceId,
    format: 'FIXED_PRICE',
    listingDuration: 'GTC',
    availableQuantity: 1,
    categoryId: input.listing.categoryId,
    listingDescription: input.listing.descriptionHtml,
    pricingSummary: { price: { value: formatAmount(input.price.value), currency: input.price.currency } },
    listingPolicies: { ...input.policies },
    merchantLocationKey: input.merchantLocationKey,
  };
}
