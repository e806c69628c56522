import sellErrors from './data/ebay-sell-errors.json' with { type: 'json' };

/**
 * What an eBay error asks of us: `transient` goes away on its own (retry), `permanent` means the
 * listing as it stands will never be accepted (the seller fixes it in review), `needs_seller`
 * means something in the seller's eBay account or settings must change first (policies, location,
 * account details, the connection itself).
 */
export type EbayErrorKind = 'transient' | 'permanent' | 'needs_seller';

export interface EbayErrorExplanation {
  errorId: number;
  kind: EbayErrorKind;
  /** A plain sentence that tells the seller what happened and what to do. */
  sentence: string;
  /** eBay sends this id only as a warning on a success; it never fails a call. */
  warningOnly: boolean;
}

type Entry = readonly [EbayErrorKind, string];

const RETRY = 'It will be tried again shortly.';
const FIX_LISTING = 'Fix it in review and approve the item again.';
const FIX_SETTINGS = 'Correct it in the eBay settings, then approve the item again.';
const NOT_SENT_BY_US =
  'EasyFlip does not send this information: finish the listing in eBay Seller Hub, or list this item there.';
const FIXED_PRICE_ONLY =
  'EasyFlip lists at a fixed price, so eBay should not ask this: the request was malformed. Approve the item again; if it repeats, report it.';
const REFURBISHED =
  'eBay applies its refurbished rules to this item, but EasyFlip lists clothing as new or pre-owned: check the condition in review and approve again.';
const BULK_SHAPE = 'The bulk request EasyFlip sent was malformed; the items are sent one by one on the next try.';

/** eBay's errors shared by every REST API (the Sell APIs answer them too). */
const COMMON_ERRORS: Readonly<Record<number, Entry>> = {
  1001: ['needs_seller', 'eBay refused the access token of the connected account even after renewing it: reconnect the eBay account in the settings.'],
  1002: ['needs_seller', 'No eBay access token was sent: reconnect the eBay account in the settings.'],
  1003: ['needs_seller', 'eBay needs a seller token for this call and got another kind: reconnect the eBay account in the settings.'],
  1100: ['needs_seller', 'The eBay account did not grant EasyFlip permission to list items: reconnect it and accept every permission asked.'],
  2001: ['transient', `eBay asked us to slow down. ${RETRY}`],
  2002: ['permanent', 'eBay does not know the resource asked for; the item is published afresh on the next approval.'],
  2003: ['transient', `eBay had an internal error. ${RETRY}`],
  2004: ['permanent', 'eBay found the request invalid; approve the item again, and report it if it repeats.'],
};

/** Every errorId of the Sell Inventory operations the publisher calls (see ebay-sell-errors.json). */
const SELL_ERRORS: Readonly<Record<number, Entry>> = {
  25001: ['transient', `eBay had a system error. ${RETRY}`],
  25002: ['permanent', `eBay refused the listing as it stands. ${FIX_LISTING}`],
  25003: ['permanent', `eBay refused the price. Set a price in review and approve the item again.`],
  25004: ['permanent', 'eBay refused the quantity EasyFlip sent (one of each item); approve again, and report it if it repeats.'],
  25005: ['permanent', `eBay refused the category: choose a leaf category (the last level of eBay's tree) in review and approve again.`],
  25006: ['permanent', `eBay refused a listing option. ${FIX_LISTING}`],
  25007: ['needs_seller', `eBay refused the shipping (fulfillment) policy. ${FIX_SETTINGS}`],
  25008: ['needs_seller', `eBay refused the payment policy. ${FIX_SETTINGS}`],
  25009: ['needs_seller', `eBay refused the return policy. ${FIX_SETTINGS}`],
  25011: ['needs_seller', `eBay refused the tax settings of the account. ${FIX_SETTINGS}`],
  25012: ['needs_seller', `eBay refused the inventory location (where items ship from). ${FIX_SETTINGS}`],
  25013: ['permanent', `eBay found invalid data in the item's variation group. ${FIX_LISTING}`],
  25014: ['permanent', 'eBay refused the photos: each needs 500 pixels or more on its longest side. Replace the small ones and approve again.'],
  25015: ['permanent', 'eBay could not use a photo address; the photos are uploaded to eBay again on the next approval.'],
  25016: ['permanent', `eBay refused the value of a field. ${FIX_LISTING}`],
  25017: ['permanent', `eBay says the listing is missing required information. ${FIX_LISTING}`],
  25018: ['needs_seller', 'eBay says the seller account is missing information (payment or contact details): complete the account on eBay, then approve again.'],
  25019: ['permanent', 'eBay does not allow revising this listing in full; change it on eBay directly.'],
  25020: ['permanent', 'eBay refused the package details: check the weight in review and approve again.'],
  25021: ['permanent', 'eBay does not accept this condition in the category: choose one the category allows in review and approve again.'],
  25022: ['permanent', `eBay refused an item specific. ${FIX_LISTING}`],
  25023: ['permanent', `eBay refused the compatibility information. ${FIX_LISTING}`],
  25025: ['transient', `eBay was busy updating this item from another request. ${RETRY}`],
  25026: ['needs_seller', 'The eBay selling limits of the account are reached: ask eBay to raise them, or wait until they reset, then approve again.'],
  25028: ['permanent', 'eBay dropped a field that does not apply to this listing.'],
  25029: ['permanent', `eBay requires an item specific this category needs. ${FIX_LISTING}`],
  25030: ['permanent', 'eBay dropped a field that does not apply to the condition (a condition description on a new item).'],
  25031: ['permanent', `eBay says a number is out of its allowed range. ${FIX_LISTING}`],
  25032: ['permanent', `eBay refused the value of a field. ${FIX_LISTING}`],
  25033: ['needs_seller', 'eBay found the same business policy chosen twice: check the policies in the eBay settings.'],
  25034: ['needs_seller', `Too many business policies are attached. ${FIX_SETTINGS}`],
  25035: ['needs_seller', `A chosen business policy does not exist on this eBay marketplace. ${FIX_SETTINGS}`],
  25036: ['needs_seller', `A chosen business policy is of the wrong kind (a payment policy where a return policy goes, say). ${FIX_SETTINGS}`],
  25037: ['permanent', 'eBay ignored an eco-participation fee on the item.'],
  25038: ['permanent', 'eBay does not allow revising a listing with bids or offers, or ending within 12 hours; change it on eBay later.'],
  25039: ['permanent', 'eBay does not allow revising a listing with bids or offers that ends within 12 hours; change it on eBay later.'],
  25040: ['permanent', 'eBay does not allow revising a listing with bids or offers that ends within 12 hours; change it on eBay later.'],
  25041: ['permanent', REFURBISHED],
  25042: ['permanent', REFURBISHED],
  25043: ['permanent', REFURBISHED],
  25044: ['permanent', REFURBISHED],
  25045: ['permanent', REFURBISHED],
  25046: ['permanent', REFURBISHED],
  25047: ['permanent', REFURBISHED],
  25048: ['permanent', REFURBISHED],
  25049: ['permanent', REFURBISHED],
  25050: ['permanent', REFURBISHED],
  25051: ['permanent', REFURBISHED],
  25052: ['permanent', REFURBISHED],
  25076: ['needs_seller', 'eBay could not find a regulatory or policy ID attached to the account: check the compliance settings on eBay, then approve again.'],
  25077: ['permanent', 'eBay ignored a regulatory ID sent twice.'],
  25078: ['needs_seller', `eBay asks for hazardous-material details for this item. ${NOT_SENT_BY_US}`],
  25079: ['needs_seller', `eBay asks for a repair score for this item. ${NOT_SENT_BY_US}`],
  25080: ['permanent', `A field is longer than eBay allows. Shorten it in review and approve again.`],
  25081: ['needs_seller', `eBay asks for hazard statements for this item. ${NOT_SENT_BY_US}`],
  25083: ['needs_seller', `eBay asks for an energy-efficiency image for this item. ${NOT_SENT_BY_US}`],
  25084: ['needs_seller', `eBay asks for an energy-efficiency label and product sheet. ${NOT_SENT_BY_US}`],
  25086: ['permanent', 'eBay accepts only photos on its own picture service; they are uploaded to eBay again on the next approval.'],
  25088: ['needs_seller', 'An email address in the account’s compliance details is malformed: correct it on eBay, then approve again.'],
  25089: ['needs_seller', 'Too many global compliance policies are attached; eBay ignored the extra ones. Check them on eBay.'],
  25090: ['needs_seller', 'Too many compliance policies for one region are attached; eBay ignored the extra ones. Check them on eBay.'],
  25091: ['needs_seller', 'Too many compliance policies are attached; eBay ignored the extra ones. Check them on eBay.'],
  25092: ['needs_seller', 'Too many global take-back policies are attached. Check them on eBay, then approve again.'],
  25093: ['needs_seller', 'Too many take-back policies for one region are attached; eBay ignored the extra ones. Check them on eBay.'],
  25094: ['needs_seller', 'Too many take-back policies are attached. Check them on eBay, then approve again.'],
  25095: ['needs_seller', 'A regional custom policy names a region eBay does not allow. Check it on eBay, then approve again.'],
  25096: ['needs_seller', 'eBay put this listing on hold for a policy violation: read eBay’s email, revise the listing, and approve again.'],
  25097: ['needs_seller', 'eBay put this listing on hold for a policy violation and allows no revisions: read eBay’s email about it.'],
  25098: ['needs_seller', 'The listing this item belongs to is on hold at eBay: read eBay’s email about it.'],
  25104: ['needs_seller', `eBay could not find a regulatory document attached to the item. ${NOT_SENT_BY_US}`],
  25106: ['needs_seller', `eBay found too many regulatory documents on the item. ${NOT_SENT_BY_US}`],
  25107: ['needs_seller', 'A regulatory document is not yet accepted by eBay: wait for eBay to accept it, then approve again.'],
  25108: ['needs_seller', `eBay asks for product-safety details in another form. ${NOT_SENT_BY_US}`],
  25109: ['needs_seller', `eBay asks for product-safety pictograms or statements. ${NOT_SENT_BY_US}`],
  25110: ['needs_seller', `eBay asks for the manufacturer’s full address. ${NOT_SENT_BY_US}`],
  25111: ['needs_seller', `eBay asks for the manufacturer’s company name. ${NOT_SENT_BY_US}`],
  25112: ['needs_seller', `eBay asks for the responsible person’s details in another form. ${NOT_SENT_BY_US}`],
  25113: ['needs_seller', `eBay asks for the responsible person’s full address. ${NOT_SENT_BY_US}`],
  25114: ['needs_seller', `eBay asks for the responsible person’s company name. ${NOT_SENT_BY_US}`],
  25115: ['needs_seller', `eBay asks for a manufacturer or responsible person located in the EU. ${NOT_SENT_BY_US}`],
  25116: ['needs_seller', `eBay asks for the responsible person’s types. ${NOT_SENT_BY_US}`],
  25118: ['needs_seller', `eBay asks for a way to contact the manufacturer. ${NOT_SENT_BY_US}`],
  25119: ['needs_seller', `eBay asks for a way to contact the responsible person. ${NOT_SENT_BY_US}`],
  25120: ['permanent', `eBay fills some details of this category from its catalog, so they must be left out. ${FIX_LISTING}`],
  25121: ['permanent', 'eBay requires its catalog product data in this category: list this item from the eBay catalog in Seller Hub.'],
  25122: ['needs_seller', 'A contact URL in the account’s compliance details is malformed: correct it on eBay, then approve again.'],
  25123: ['needs_seller', `The return policy does not meet eBay's parts-and-accessories rules (30 days, seller pays return shipping). ${FIX_SETTINGS}`],
  25124: ['needs_seller', 'eBay changed the return settings of this listing to meet its parts-and-accessories rules: update the return policy for future listings.'],
  25401: ['permanent', 'eBay removed listing options that do not apply.'],
  25402: ['transient', 'eBay answered with a system warning.'],
  25501: ['permanent', 'eBay refused a photo: replace it (500 pixels or more, a real photo of the item) and approve again.'],
  25502: ['permanent', `eBay refused the item specifics. ${FIX_LISTING}`],
  25503: ['permanent', `eBay refused the product information (title, description, brand or codes). ${FIX_LISTING}`],
  25504: ['permanent', 'eBay added a note to the inventory item.'],
  25601: ['permanent', `eBay refused an item specific. ${FIX_LISTING}`],
  25604: ['permanent', `eBay found an input error in the listing. ${FIX_LISTING}`],
  25701: ['transient', `eBay does not see the inventory item yet. ${RETRY}`],
  25702: ['transient', `eBay does not see the inventory item yet. ${RETRY}`],
  25706: ['permanent', 'EasyFlip asked eBay for offers with invalid paging; report it.'],
  25707: ['permanent', 'eBay refuses the SKU: use up to 50 letters and digits (dots, dashes and underscores too), change it in review and approve again.'],
  25708: ['permanent', 'eBay refuses the SKU: change it in review and approve again.'],
  25709: ['permanent', `eBay refused the value of a field. ${FIX_LISTING}`],
  25710: ['transient', 'The offer eBay had for this item is gone; a new one is made on the next try.'],
  25713: ['transient', 'The offer eBay had for this item is no longer available; a new one is made on the next try.'],
  25715: ['permanent', 'eBay refused the package weight: check the weight read from the SKU label in review and approve again.'],
  25727: ['permanent', BULK_SHAPE],
  25728: ['permanent', BULK_SHAPE],
  25729: ['permanent', BULK_SHAPE],
  25730: ['permanent', BULK_SHAPE],
  25731: ['permanent', BULK_SHAPE],
  25732: ['permanent', 'This SKU belongs to a variation group on eBay and cannot be published alone: publish the group in Seller Hub.'],
  25733: ['permanent', BULK_SHAPE],
  25735: ['permanent', 'eBay refused the SKU, marketplace or format of the offer: check the SKU in review and approve again.'],
  25752: ['permanent', 'eBay refused the listing start date EasyFlip sent; approve again, and report it if it repeats.'],
  25753: ['permanent', 'eBay kept the listing’s start date: the listing is already live.'],
  25755: ['permanent', FIXED_PRICE_ONLY],
  25756: ['permanent', FIXED_PRICE_ONLY],
  25757: ['permanent', FIXED_PRICE_ONLY],
  25758: ['permanent', FIXED_PRICE_ONLY],
  25759: ['permanent', FIXED_PRICE_ONLY],
  25760: ['permanent', FIXED_PRICE_ONLY],
  25761: ['permanent', FIXED_PRICE_ONLY],
  25762: ['permanent', FIXED_PRICE_ONLY],
  25763: ['permanent', FIXED_PRICE_ONLY],
  25764: ['permanent', FIXED_PRICE_ONLY],
  25766: ['permanent', 'eBay refused a take-back policy ID EasyFlip does not send; report it.'],
  25767: ['permanent', 'eBay refused a product-compliance policy ID EasyFlip does not send; report it.'],
};

interface GeneratedError {
  errorId: number;
  httpStatuses: number[];
}

const WARNING_ONLY = new Set(
  (sellErrors.errors as GeneratedError[]).filter((entry) => entry.httpStatuses.every((status) => status < 300)).map((entry) => entry.errorId),
);

/** errorIds of eBay's documented Sell Inventory errors for our operations, from the generated file. */
export const DOCUMENTED_SELL_ERROR_IDS: readonly number[] = (sellErrors.errors as GeneratedError[]).map((entry) => entry.errorId);

/** Every errorId this catalog explains. */
export const EXPLAINED_ERROR_IDS: readonly number[] = [...Object.keys(COMMON_ERRORS), ...Object.keys(SELL_ERRORS)].map(Number);

/** eBay's "the offer for this SKU, marketplace and format exists": its offerId comes as a parameter. */
export const OFFER_EXISTS_ERROR_ID = 25002;
/** eBay's "this offer is gone" answers to a call on a recorded offer. */
export const OFFER_GONE_ERROR_IDS: ReadonlySet<number> = new Set([25710, 25713]);

/** What an errorId means for us, or null when eBay sent one this catalog does not know. */
export function explainEbayErrorId(errorId: number): EbayErrorExplanation | null {
  const entry = SELL_ERRORS[errorId] ?? COMMON_ERRORS[errorId];
  if (!entry) return null;
  return { errorId, kind: entry[0], sentence: entry[1], warningOnly: WARNING_ONLY.has(errorId) };
}

/**
 * The kind of an answer without a known errorId, from its HTTP status: 5xx, 408 and 429 pass, 401
 * and 403 need the seller to reconnect, other 4xx are the listing's.
 */
export function classifyHttpStatus(status: number): EbayErrorKind {
  if (status >= 500 || status === 408 || status === 429) return 'transient';
  if (status === 401 || status === 403) return 'needs_seller';
  return 'permanent';
}
