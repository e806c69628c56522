import { z } from 'zod';
import { ConditionId, ItemStatus, ListingDraft, PriceEstimate } from './item.ts';

/** Everything the pre-flight check can find wrong with a listing before eBay sees it. */
export const PreflightIssueCode = z.enum([
  'TITLE_MISSING',
  'TITLE_TOO_LONG',
  'TITLE_HAS_MARKUP',
  'DESCRIPTION_MISSING',
  'DESCRIPTION_TOO_LONG',
  'DESCRIPTION_HAS_ACTIVE_CONTENT',
  'CATEGORY_MISSING',
  'CATEGORY_UNKNOWN',
  'CATEGORY_UNCERTAIN',
  'CONDITION_NOT_ALLOWED',
  'CONDITION_DESCRIPTION_TOO_LONG',
  'CONDITION_DESCRIPTION_IGNORED',
  'ASPECTS_UNCHECKED',
  'ASPECT_REQUIRED_MISSING',
  'ASPECT_VALUE_NOT_ALLOWED',
  'ASPECT_TOO_MANY_VALUES',
  'ASPECT_NAME_TOO_LONG',
  'ASPECT_VALUE_TOO_LONG',
  'ASPECT_EMPTY_VALUE',
  'ASPECT_PLACEHOLDER',
  'ASPECT_NOT_A_NUMBER',
  'SIZE_TYPE_MISMATCH',
  'PHOTO_MISSING',
  'PHOTO_TOO_SMALL',
  'PHOTO_URL_NOT_HTTPS',
  'TOO_MANY_PHOTOS',
  'SKU_INVALID',
  'PRODUCT_CODE_INVALID',
  'PRICE_MISSING',
  'POLICY_MISSING',
  'LOCATION_MISSING',
]);
export type PreflightIssueCode = z.infer<typeof PreflightIssueCode>;

/** An error blocks the listing; a warning is worth reading but eBay would accept the listing. */
export const PreflightSeverity = z.enum(['error', 'warning']);
export type PreflightSeverity = z.infer<typeof PreflightSeverity>;

export const PreflightIssue = z.object({
  code: PreflightIssueCode,
  severity: PreflightSeverity,
  /** What the issue is about: "title", "aspects.Size", "photos", "policies.returnPolicyId"... */
  field: z.string(),
  /** A plain sentence that tells the seller what to fix. */
  message: z.string(),
  /** The eBay errorId the Sell APIs would answer with, where one applies. */
  ebayErrorId: z.number().int().nullable(),
});
export type PreflightIssue = z.infer<typeof PreflightIssue>;

/** The seller chose to go on despite these issues. */
export const PreflightOverride = z.object({
  acknowledged: z.array(z.object({ code: PreflightIssueCode, field: z.string() })),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type PreflightOverride = z.infer<typeof PreflightOverride>;

/** clean: nothing blocks; needs_attention: errors to fix; overridden: errors the seller accepted. */
export const ReviewState = z.enum(['clean', 'needs_attention', 'overridden']);
export type ReviewState = z.infer<typeof ReviewState>;

export const PreflightReport = z.object({
  state: ReviewState,
  issues: z.array(PreflightIssue),
  override: PreflightOverride.nullable(),
  /** Where the category's item specifics came from, or none when they could not be checked. */
  aspectSource: z.enum(['ebay', 'bundled', 'none']),
});
export type PreflightReport = z.infer<typeof PreflightReport>;

/**
 * A field the seller edited: kept through every re-analysis until the seller asks otherwise.
 * Item specifics are tracked one by one ("aspects.Color").
 */
export const ListingField = z.union([
  z.enum(['title', 'descriptionHtml', 'category', 'conditionId', 'conditionDescription', 'productCode']),
  z.string().regex(/^aspects\..+$/),
]);
export type ListingField = z.infer<typeof ListingField>;

export const ListingVersionSource = z.enum(['compose', 'recompose', 'seller', 'override']);
export type ListingVersionSource = z.infer<typeof ListingVersionSource>;

/** How the draft was arrived at, for the review screen. */
export const ListingComposition = z.object({
  categorySource: z.enum(['ebay', 'bundled', 'seller']),
  /** 0..1 when the bundled matcher chose; null when eBay or the seller did. */
  categoryScore: z.number().nullable(),
  /** Why a better source was not used, when it was not. */
  degraded: z.string().nullable(),
  /** Values the analysis offered that could not become item specifics, and why. */
  aspectNotes: z.array(z.object({ aspect: z.string(), message: z.string() })),
  conditionReason: z.string().nullable(),
});
export type ListingComposition = z.infer<typeof ListingComposition>;

export const ListingVersionDto = z.object({
  version: z.number().int().positive(),
  source: ListingVersionSource,
  actor: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  draft: ListingDraft,
  editedFields: z.array(ListingField),
  preflight: PreflightReport,
  composition: ListingComposition.nullable(),
});
export type ListingVersionDto = z.infer<typeof ListingVersionDto>;

export const ListingDto = z.object({
  itemId: z.string(),
  batchId: z.string(),
  sku: z.string().nullable(),
  itemStatus: ItemStatus,
  current: ListingVersionDto,
});
export type ListingDto = z.infer<typeof ListingDto>;

const AspectName = z.string().trim().min(1).max(100);
const AspectValues = z.array(z.string().max(500)).max(100);

/**
 * A seller's edit: every field of the listing can be changed. Item specifics are patched one by
 * one: a name with values sets it, a name with null removes it, names left out stay as they are.
 */
export const ListingPatchRequest = z
  .object({
    title: z.string().trim().min(1).max(80, 'eBay titles are at most 80 characters').optional(),
    descriptionHtml: z.string().max(100_000).optional(),
    categoryId: z.string().regex(/^\d{1,12}$/, 'a category ID is a number').optional(),
    categoryName: z.string().trim().min(1).max(200).optional(),
    conditionId: ConditionId.optional(),
    conditionDescription: z.string().max(5000).nullable().optional(),
    aspects: z.record(AspectName, AspectValues.nullable()).optional(),
    productCode: z.string().regex(/^\d{8,14}$/, 'a UPC or EAN is 8 to 14 digits').nullable().optional(),
    /** The version the edit was made on; a newer version on the server makes it a conflict. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type ListingPatchRequest = z.infer<typeof ListingPatchRequest>;

export const ListingOverrideRequest = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type ListingOverrideRequest = z.infer<typeof ListingOverrideRequest>;

export const ListingRecomposeRequest = z
  .object({
    /** Throw the seller's edits away and take what the analysis says. */
    discardEdits: z.boolean().default(false),
  })
  .strict();
export type ListingRecomposeRequest = z.infer<typeof ListingRecomposeRequest>;

export const ExportedListing = z.object({
  itemId: z.string(),
  position: z.number().int(),
  sku: z.string().nullable(),
  itemStatus: ItemStatus,
  version: z.number().int().positive(),
  reviewState: ReviewState,
  draft: ListingDraft,
  editedFields: z.array(ListingField),
  issues: z.array(PreflightIssue),
  photos: z.array(z.object({ id: z.string(), url: z.string().nullable(), width: z.number().nullable(), height: z.number().nullable() })),
  price: PriceEstimate.nullable(),
  weightGrams: z.number().nullable(),
});
export type ExportedListing = z.infer<typeof ExportedListing>;

export const BatchListingsExport = z.object({
  batch: z.object({ id: z.string(), name: z.string() }),
  exportedAt: z.string(),
  listings: z.array(ExportedListing),
  /** Items without a listing yet, or whose composition failed. */
  missing: z.array(z.object({ itemId: z.string(), position: z.number().int(), reason: z.string() })),
});
export type BatchListingsExport = z.infer<typeof BatchListingsExport>;
