import { EasyFlipError, NotFoundError, PermanentError } from '../../contracts/errors.ts';
import type { ListingDraft } from '../../contracts/item.ts';
import type { ListingComposition, ListingField, ReviewState } from '../../contracts/listing.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import { findClothingCategory } from '../../domain/listing/clothing-category-catalog.ts';
import {
  buildCategoryQuery,
  chooseBundledCategory,
  composeListingDetails,
  pickSuggestedCategory,
  type ChosenCategory,
} from '../../domain/listing/compose-listing.ts';
import { selectListingMeasurements } from '../../domain/listing/description-builder.ts';
import { applyAspectEditsToFacts, isSameDraft, mergeSellerEdits } from '../../domain/listing/listing-edits.ts';
import { deriveListingFacts, type ListingFacts } from '../../domain/listing/listing-facts.ts';
import { buildPreflightReport, validateListing, type PreflightPhoto } from '../../domain/listing/preflight-validator.ts';
import type { AspectLookup, ListingVersionRecord } from '../../ports/listing-taxonomy.ts';
import type { ItemRecord } from '../../ports/repositories.ts';
import type { StagePorts } from './stage-ports.ts';

export interface ComposeOutcome {
  stage: 'compose';
  title: string;
  version: number;
  reviewState: ReviewState;
}

export interface RecomposeOptions {
  /** Throw the seller's edits away (the seller asked); otherwise every edited field is kept. */
  discardEdits: boolean;
  actor: string;
  /** A seller's edit to compose around; it becomes one new version. */
  edit?: { draft: ListingDraft; editedFields: ListingField[]; expectedVersion?: number };
}

/** Turns the item's analysed attributes into a listing draft: category, specifics, title, description, pre-flight. */
export async function composeItemListing(payload: ItemStagePayload, ports: StagePorts): Promise<ComposeOutcome> {
  const version = await recomposeItemListing(payload.itemId, ports, { discardEdits: false, actor: 'pipeline' });
  return { stage: 'compose', title: version.draft.title, version: version.version, reviewState: version.preflight.state };
}

interface SellerBase {
  draft: ListingDraft;
  editedFields: ListingField[];
}

/** A seller's edit landing while the pipeline composes: compose again on top of it. */
const MAX_COMPOSE_ATTEMPTS = 3;

/**
 * Composes the item's listing again from its analysis and saves it as a new version, the seller's
 * edited fields kept unless `discardEdits`. Running it twice on the same input adds no version.
 * A version written by someone else meanwhile is never overwritten: a seller's edit is refused as
 * a conflict, the pipeline's own composition starts over from the newer version.
 */
export async function recomposeItemListing(itemId: string, ports: StagePorts, options: RecomposeOptions): Promise<ListingVersionRecord> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await composeOnce(itemId, ports, options);
    } catch (error) {
      const raced = error instanceof EasyFlipError && error.code === 'CONFLICT' && !options.edit;
      if (!raced || attempt >= MAX_COMPOSE_ATTEMPTS) throw error;
    }
  }
}

async function composeOnce(itemId: string, ports: StagePorts, options: RecomposeOptions): Promise<ListingVersionRecord> {
  const { items, analyses, listings, listingVersions } = ports.repositories;
  const item = await items.get(itemId);
  if (!item) throw new NotFoundError('Item', itemId);
  const analysis = await analyses.get(item.id);
  if (!analysis) {
    throw new PermanentError('VALIDATION_FAILED', `Item ${item.position} has no analysis to compose a listing from.`);
  }
  const latest = await listingVersions.latest(item.id);
  const base: SellerBase | null =
    options.edit ?? (latest && !options.discardEdits && latest.editedFields.length > 0 ? { draft: latest.draft, editedFields: latest.editedFields } : null);

  const facts = base ? applyAspectEditsToFacts(deriveListingFacts(analysis.attributes), base.draft, base.editedFields) : deriveListingFacts(analysis.attributes);
  const degraded: string[] = [];
  const category = await chooseCategory(ports, facts, base, degraded);
  const lookup = await ports.aspectCatalog.getCategoryAspects(category.categoryId);
  if (lookup.kind !== 'not_listable' && lookup.degraded) degraded.push(lookup.degraded);
  const aspectSet = lookup.kind === 'found' ? lookup.aspects : null;

  const composed = composeListingDetails(
    {
      sku: item.sku,
      attributes: analysis.attributes,
      weightGrams: item.weight?.grams ?? null,
      productCode: item.productCode,
      measurements: selectListingMeasurements(analysis.measurements ?? []),
    },
    { category, aspectSet, edits: base ?? undefined },
  );
  const editedFields = base?.editedFields ?? [];
  const draft = base ? mergeSellerEdits(composed.draft, base.draft, editedFields) : composed.draft;

  const issues = validateListing({
    draft,
    aspectSet,
    categoryIsListable: decideListable(lookup, category.categoryId),
    categoryUncertain: category.source !== 'seller' && facts.itemType === null,
    photos: await listListingPhotos(ports, item),
    sku: item.sku,
  });
  const preflight = buildPreflightReport(issues, aspectSet?.source ?? 'none', options.discardEdits ? null : (latest?.preflight.override ?? null));
  const composition: ListingComposition = {
    categorySource: category.source,
    categoryScore: category.score,
    degraded: degraded.length > 0 ? degraded.join(' ') : null,
    aspectNotes: composed.aspectNotes,
    conditionReason: composed.condition.reason,
  };

  let version: ListingVersionRecord;
  if (!options.edit && latest && isUnchanged(latest, draft, editedFields, preflight.issues)) {
    version = latest;
  } else {
    version = await listingVersions.append(
      {
        itemId: item.id,
        source: options.edit ? 'seller' : latest ? 'recompose' : 'compose',
        actor: options.actor,
        note: options.discardEdits && latest && latest.editedFields.length > 0 ? 'The seller discarded their edits.' : null,
        draft,
        editedFields,
        preflight,
        composition,
      },
      { expectedVersion: options.edit ? options.edit.expectedVersion : (latest?.version ?? 0) },
    );
  }
  // Written every time: a retry after a crash between the two writes still brings listings up to date.
  await listings.save(item.id, version.draft);
  return version;
}

async function chooseCategory(ports: StagePorts, facts: ListingFacts, base: SellerBase | null, degraded: string[]): Promise<ChosenCategory> {
  if (base?.editedFields.includes('category')) {
    const known = findClothingCategory(base.draft.categoryId);
    return { categoryId: base.draft.categoryId, categoryName: base.draft.categoryName, path: known?.path ?? null, score: null, source: 'seller' };
  }
  const answer = await ports.categorySuggester.suggestCategories(buildCategoryQuery(facts));
  if (answer.degraded) degraded.push(answer.degraded);
  return pickSuggestedCategory(answer.suggestions, answer.source) ?? chooseBundledCategory(facts);
}

/** True when eBay lists in the category, false when it does not, null when nobody could say. */
function decideListable(lookup: AspectLookup, categoryId: string): boolean | null {
  if (lookup.kind === 'found') return true;
  if (lookup.kind === 'not_listable') return false;
  return findClothingCategory(categoryId) ? true : null;
}

async function listListingPhotos(ports: StagePorts, item: ItemRecord): Promise<PreflightPhoto[]> {
  const photos = await ports.repositories.items.listPhotos(item.id);
  return photos
    .filter((photo) => photo.role === 'item' && photo.status === 'ingested')
    .map((photo) => ({ id: photo.id, width: photo.width, height: photo.height }));
}

function isUnchanged(latest: ListingVersionRecord, draft: ListingDraft, editedFields: readonly ListingField[], issues: readonly unknown[]): boolean {
  return (
    isSameDraft(latest.draft, draft) &&
    JSON.stringify([...latest.editedFields].sort()) === JSON.stringify([...editedFields].sort()) &&
    JSON.stringify(latest.preflight.issues) === JSON.stringify(issues)
  );
}
