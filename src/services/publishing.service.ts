import { NotFoundError, PermanentError } from '../contracts/errors.ts';
import type { ApprovalResult, ApproveBatchRequest, ItemPublication, SkippedItem } from '../contracts/publishing.ts';
import type { PublishingSetupSource } from '../ports/listing-publisher.ts';
import type { PublishControl } from '../ports/pipeline-control.ts';
import type { PublicationRecord } from '../ports/publication-repositories.ts';
import type { BatchRecord, ItemRecord, Repositories } from '../ports/repositories.ts';

export interface PublishingServiceOptions {
  /** False when this installation has no eBay application keys: nothing can be published, only exported. */
  publisherConfigured: boolean;
  /** The seller's eBay connection and listing defaults; approving fails early, saying what is missing. */
  setup: PublishingSetupSource | null;
}

/** The item's eBay publication as the API shows it. */
export function toItemPublication(record: PublicationRecord | null): ItemPublication | null {
  if (!record) return null;
  return {
    state: record.state,
    sku: record.sku,
    listingId: record.listingId,
    url: record.listingUrl,
    publishedAt: record.publishedAt?.toISOString() ?? null,
    error: record.lastError,
  };
}

/**
 * Review and approval: nothing is published until the seller approves it (unless AUTO_PUBLISH is
 * on). Approving one item, several, or all of a batch sends each publishable item to the publish
 * stage; the others are named with the reason they stay.
 */
export class PublishingService {
  constructor(
    private readonly repositories: Repositories,
    private readonly control: PublishControl,
    private readonly options: PublishingServiceOptions,
  ) {}

  /** Approves one item; an item that cannot be published is refused with the reason. */
  async approveItem(itemId: string, actor: string): Promise<ApprovalResult> {
    const item = await this.repositories.items.get(itemId);
    if (!item) throw new NotFoundError('Item', itemId);
    const result = await this.#approve(await this.#requireBatch(item.batchId), [item], actor);
    const skipped = result.skipped[0];
    if (skipped) throw new PermanentError('CONFLICT', skipped.reason);
    return result;
  }

  /** Approves the given items of the batch, or every item waiting in review. */
  async approveBatch(batchId: string, request: ApproveBatchRequest, actor: string): Promise<ApprovalResult> {
    const batch = await this.#requireBatch(batchId);
    const items = await this.repositories.items.listByBatch(batchId);
    if (!request.itemIds) return this.#approve(batch, items.filter((item) => item.status === 'ready_for_review'), actor);
    const byId = new Map(items.map((item) => [item.id, item]));
    const unknown = request.itemIds.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      throw new PermanentError('VALIDATION_FAILED', `These items are not in batch "${batch.name}": ${unknown.join(', ')}.`);
    }
    const chosen = [...new Set(request.itemIds)].map((id) => byId.get(id)).filter((item): item is ItemRecord => item !== undefined);
    return this.#approve(batch, chosen, actor);
  }

  async getPublication(itemId: string): Promise<ItemPublication | null> {
    return toItemPublication(await this.repositories.ebayPublications.get(itemId));
  }

  async #approve(batch: BatchRecord, items: ItemRecord[], actor: string): Promise<ApprovalResult> {
    if (!this.options.publisherConfigured) {
      throw new PermanentError(
        'PROVIDER_UNAVAILABLE',
        'Publishing to eBay is not set up on this installation (EBAY_CLIENT_ID and EBAY_CLIENT_SECRET): export the batch as a Seller Hub CSV instead.',
      );
    }
    if (items.length > 0) await this.options.setup?.getPublishingSetup(batch.accountId);
    const approved: ApprovalResult['approved'] = [];
    const skipped: SkippedItem[] = [];
    for (const item of items) {
      const reason = await this.#reasonNotToPublish(item);
      const entry = { itemId: item.id, position: item.position, sku: item.sku };
      if (reason) skipped.push({ ...entry, reason });
      else approved.push(entry);
    }
    if (approved.length > 0) {
      await this.control.itemsApproved(batch.id, approved.map((entry) => entry.itemId));
      for (const entry of approved) {
        await this.repositories.audit.record({
          accountId: batch.accountId,
          actor,
          action: 'item.approved',
          subjectType: 'item',
          subjectId: entry.itemId,
          details: { batchId: batch.id, sku: entry.sku },
        });
      }
    }
    return { batchId: batch.id, approved, skipped };
  }

  /** Why the item cannot go to publishing now, in a sentence; null when it can. */
  async #reasonNotToPublish(item: ItemRecord): Promise<string | null> {
    const label = `Item ${item.position}${item.sku ? ` (SKU ${item.sku})` : ''}`;
    const run = await this.repositories.stageRuns.get('publish', item.id);
    if (item.status === 'published') {
      const publication = await this.repositories.ebayPublications.get(item.id);
      return `${label} is already on eBay${publication?.listingId ? ` as listing ${publication.listingId}` : ''}.`;
    }
    if (item.status === 'processing') return `${label} is still being processed; approve it once it is in review.`;
    if (run && (run.status === 'pending' || run.status === 'running' || run.status === 'failed')) return `${label} is being published already.`;
    if (item.status === 'failed' && run?.status !== 'dead') return `${label} failed before review: ${item.statusReason ?? 'its processing failed.'}`;
    if (!item.sku) return `${label} has no SKU, which an eBay listing needs: add one in review, then approve it.`;
    const [latest, price] = await Promise.all([this.repositories.listingVersions.latest(item.id), this.repositories.prices.get(item.id)]);
    if (!latest) return `${label} has no listing yet.`;
    if (latest.preflight.state === 'needs_attention') {
      const errors = latest.preflight.issues.filter((issue) => issue.severity === 'error');
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      return `${label} still has errors to fix: ${errors[0]?.message ?? 'see its review'}${more} Fix them in review, or override the check, then approve it.`;
    }
    if (price?.estimate.status !== 'estimated') return `${label} has no price: set one in review, then approve it.`;
    return null;
  }

  async #requireBatch(batchId: string): Promise<BatchRecord> {
    const batch = await this.repositories.batches.get(batchId);
    if (!batch) throw new NotFoundError('Batch', batchId);
    return batch;
  }
}
