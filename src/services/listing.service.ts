import { NotFoundError, PermanentError } from '../contracts/errors.ts';
import type {
  BatchListingsExport,
  ExportedListing,
  ListingDto,
  ListingPatchRequest,
  ListingVersionDto,
} from '../contracts/listing.ts';
import { findClothingCategory } from '../domain/listing/clothing-category-catalog.ts';
import { applyListingPatch, type ListingPatch } from '../domain/listing/listing-edits.ts';
import { overridePreflight } from '../domain/listing/preflight-validator.ts';
import type { ListingHtmlSanitizer, ListingRecomposer, ListingVersionRecord } from '../ports/listing-taxonomy.ts';
import type { ItemRecord, Repositories } from '../ports/repositories.ts';

export interface ListingServiceOptions {
  /** Public address of this server, for photo URLs in the JSON export; null leaves them out. */
  publicBaseUrl: string | null;
  now?: () => Date;
}

/**
 * Listings as the seller works on them: read one with its pre-flight result, edit any field
 * (each edit a new version, the edited fields kept through re-analysis), compose again, accept
 * the remaining errors, and export a batch's listings as JSON.
 */
export class ListingService {
  readonly #now: () => Date;

  constructor(
    private readonly repositories: Repositories,
    private readonly recomposer: ListingRecomposer,
    private readonly sanitizer: ListingHtmlSanitizer,
    private readonly options: ListingServiceOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  async getListing(itemId: string): Promise<ListingDto> {
    const item = await this.#requireItem(itemId);
    return toListingDto(item, await this.#requireLatest(item));
  }

  async listVersions(itemId: string): Promise<ListingVersionDto[]> {
    const item = await this.#requireItem(itemId);
    const versions = await this.repositories.listingVersions.list(item.id);
    if (versions.length === 0) throw this.#noListing(item);
    return versions.map(toVersionDto);
  }

  /** Applies the seller's edit as a new version; a stale `expectedVersion` is a conflict. */
  async editListing(itemId: string, request: ListingPatchRequest, actor: string): Promise<ListingDto> {
    const item = await this.#requireItem(itemId);
    const latest = await this.#requireLatest(item);
    const { expectedVersion, ...fields } = request;
    if (Object.keys(fields).length === 0) throw new PermanentError('VALIDATION_FAILED', 'The edit changes nothing: send at least one field of the listing.');
    if (expectedVersion !== undefined && expectedVersion !== latest.version) {
      throw new PermanentError(
        'CONFLICT',
        `The listing was changed since version ${expectedVersion} (it is at version ${latest.version} now): reload it and make the edit again.`,
      );
    }
    const patch: ListingPatch = { ...fields };
    if (patch.descriptionHtml !== undefined) patch.descriptionHtml = this.sanitizer.sanitize(patch.descriptionHtml);
    const categoryName = patch.categoryId !== undefined ? (findClothingCategory(patch.categoryId)?.name ?? null) : null;
    const edited = applyListingPatch(latest.draft, latest.editedFields, patch, { categoryName });
    const version = await this.recomposer.recompose(item.id, {
      discardEdits: false,
      actor,
      edit: { ...edited, expectedVersion: latest.version },
    });
    await this.#audit(item, actor, 'listing.edited', { version: version.version, fields: Object.keys(fields) });
    return toListingDto(item, version);
  }

  /** Composes the listing again from the analysis now; the seller's edits stay unless `discardEdits`. */
  async recompose(itemId: string, options: { discardEdits: boolean }, actor: string): Promise<ListingDto> {
    const item = await this.#requireItem(itemId);
    const version = await this.recomposer.recompose(item.id, { discardEdits: options.discardEdits, actor });
    await this.#audit(item, actor, 'listing.recomposed', { version: version.version, discardEdits: options.discardEdits });
    return toListingDto(item, version);
  }

  /** The seller goes on despite the listing's current errors: it passes to review as overridden. */
  async overridePreflight(itemId: string, reason: string, actor: string): Promise<ListingDto> {
    const item = await this.#requireItem(itemId);
    const latest = await this.#requireLatest(item);
    if (!latest.preflight.issues.some((issue) => issue.severity === 'error')) {
      throw new PermanentError('CONFLICT', 'The listing has no errors to override: it already passes to review.');
    }
    const preflight = overridePreflight(latest.preflight, { reason, actor, at: this.#now().toISOString() });
    const version = await this.repositories.listingVersions.append(
      {
        itemId: item.id,
        source: 'override',
        actor,
        note: reason,
        draft: latest.draft,
        editedFields: latest.editedFields,
        preflight,
        composition: latest.composition,
      },
      { expectedVersion: latest.version },
    );
    await this.#audit(item, actor, 'listing.preflight_overridden', {
      version: version.version,
      reason,
      acknowledged: preflight.override?.acknowledged ?? [],
    });
    return toListingDto(item, version);
  }

  /** Every listing of the batch as JSON: the current version, its pre-flight issues, photos and price. */
  async exportBatchJson(batchId: string): Promise<BatchListingsExport> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch) throw new NotFoundError('Batch', batchId);
    const listings: ExportedListing[] = [];
    const missing: BatchListingsExport['missing'] = [];
    for (const item of await this.repositories.items.listByBatch(batchId)) {
      const latest = await this.repositories.listingVersions.latest(item.id);
      if (!latest) {
        missing.push({ itemId: item.id, position: item.position, reason: describeMissing(item) });
        continue;
      }
      const [photos, price] = await Promise.all([this.repositories.items.listPhotos(item.id), this.repositories.prices.get(item.id)]);
      listings.push({
        itemId: item.id,
        position: item.position,
        sku: item.sku,
        itemStatus: item.status,
        version: latest.version,
        reviewState: latest.preflight.state,
        draft: latest.draft,
        editedFields: latest.editedFields,
        issues: latest.preflight.issues,
        photos: photos
          .filter((photo) => photo.role === 'item' && photo.status === 'ingested')
          .map((photo) => ({ id: photo.id, url: this.#photoUrl(photo.id), width: photo.width, height: photo.height })),
        price: price?.estimate ?? null,
        weightGrams: item.weight?.grams ?? null,
      });
    }
    return { batch: { id: batch.id, name: batch.name }, exportedAt: this.#now().toISOString(), listings, missing };
  }

  #photoUrl(photoId: string): string | null {
    return this.options.publicBaseUrl ? new URL(`/api/photos/${photoId}/ebay.jpg`, this.options.publicBaseUrl).href : null;
  }

  async #requireItem(itemId: string): Promise<ItemRecord> {
    const item = await this.repositories.items.get(itemId);
    if (!item) throw new NotFoundError('Item', itemId);
    return item;
  }

  async #requireLatest(item: ItemRecord): Promise<ListingVersionRecord> {
    const latest = await this.repositories.listingVersions.latest(item.id);
    if (!latest) throw this.#noListing(item);
    return latest;
  }

  #noListing(item: ItemRecord): PermanentError {
    return new PermanentError('NOT_FOUND', `Item ${item.position} has no listing yet: ${describeMissing(item)}`);
  }

  async #audit(item: ItemRecord, actor: string, action: string, details: Record<string, unknown>): Promise<void> {
    const batch = await this.repositories.batches.get(item.batchId);
    await this.repositories.audit.record({ accountId: batch?.accountId ?? null, actor, action, subjectType: 'item', subjectId: item.id, details });
  }
}

function describeMissing(item: ItemRecord): string {
  if (item.status === 'failed') return item.statusReason ?? 'its processing failed.';
  return 'it is still being processed.';
}

export function toVersionDto(version: ListingVersionRecord): ListingVersionDto {
  return {
    version: version.version,
    source: version.source,
    actor: version.actor,
    note: version.note,
    createdAt: version.createdAt.toISOString(),
    draft: version.draft,
    editedFields: version.editedFields,
    preflight: version.preflight,
    composition: version.composition,
  };
}

function toListingDto(item: ItemRecord, version: ListingVersionRecord): ListingDto {
  return { itemId: item.id, batchId: item.batchId, sku: item.sku, itemStatus: item.status, current: toVersionDto(version) };
}
