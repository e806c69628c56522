import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NotFoundError, PermanentError, TransientError } from '../../contracts/errors.ts';
import type { ItemStagePayload } from '../../contracts/stages.ts';
import type { BulkPublishResult, ListingPublisher, PublishInput } from '../../ports/listing-publisher.ts';
import type { PublishClaimHolder, PublishClaimRepository } from '../../ports/publish-claim-repository.ts';
import type { ItemRecord } from '../../ports/repositories.ts';
import type { StagePorts } from './stage-ports.ts';

export interface PublishOutcome {
  stage: 'publish';
  listingId: string;
  url: string;
  /** True when a retry found the listing an earlier attempt had made. */
  alreadyLive: boolean;
  /** How many items went to eBay in the same bulk calls, this one included (1 when alone). */
  groupSize: number;
}

/** eBay's bulk calls take at most 25 items. */
const GROUP_SIZE = 25;
/** Longer than any group of 25 takes; a leader that died is noticed sooner, when its run starts again. */
const CLAIM_LEASE_MS = 15 * 60_000;
const CLAIM_POLL_MS = 250;

/**
 * Publishes an approved item's listing through the connected marketplace account. A listing whose
 * pre-flight check still finds errors (not overridden by the seller), or that has no price, is
 * refused with the reason: publishing it would fail on eBay, or sell the item for nothing.
 *
 * With a publisher that has bulk calls, the job claims its item and up to 24 other items of the
 * batch that wait for their own publish job, and publishes them together. What happens to the
 * others is left for their own jobs: published (they find the listing), failed for good (they fail
 * with eBay's reason), or to be tried alone (a passing fault).
 */
export async function publishItem(payload: ItemStagePayload, ports: StagePorts): Promise<PublishOutcome> {
  const publisher = ports.listingPublisher;
  if (!publisher) {
    throw new PermanentError(
      'PROVIDER_UNAVAILABLE',
      'No eBay account is connected, so nothing can be published: export the batch as a Seller Hub CSV instead.',
    );
  }
  const item = await ports.repositories.items.get(payload.itemId);
  if (!item) throw new NotFoundError('Item', payload.itemId);
  const input = await loadPublishInput(item, ports);
  const claims = ports.repositories.publishClaims;
  if (hasBulkCalls(publisher) && claims) return publishWithClaims(input, publisher, claims, ports);
  return publishAlone(input, publisher, ports);
}

type BulkListingPublisher = ListingPublisher & Required<Pick<ListingPublisher, 'publishMany'>>;

function hasBulkCalls(publisher: ListingPublisher): publisher is BulkListingPublisher {
  return publisher.publishMany !== undefined;
}

async function publishAlone(input: PublishInput, publisher: ListingPublisher, ports: StagePorts): Promise<PublishOutcome> {
  const published = await publisher.publish(input);
  await ports.repositories.items.setStatus(input.item.id, 'published', null);
  return { stage: 'publish', listingId: published.listingId, url: published.url, alreadyLive: published.alreadyLive ?? false, groupSize: 1 };
}

/**
 * The item's job holds a claim on its item for as long as it runs, so no group takes the item
 * meanwhile. It leads a group when there are others to take along; it publishes the item alone
 * when there are none, or when a group it was in left it to be tried on its own.
 */
async function publishWithClaims(
  input: PublishInput,
  publisher: BulkListingPublisher,
  claims: PublishClaimRepository,
  ports: StagePorts,
): Promise<PublishOutcome> {
  const { item } = input;
  let alone = false;
  let holder: PublishClaimHolder;
  for (;;) {
    const claim = await claims.get(item.id);
    if (claim?.outcome === 'failed') {
      await claims.remove(item.id);
      throw new PermanentError('VALIDATION_FAILED', claim.message ?? `Item ${item.position} was not published.`);
    }
    if (claim?.outcome === 'retry') {
      await claims.remove(item.id);
      alone = true;
      continue;
    }
    const run = await ports.repositories.stageRuns.get('publish', item.id);
    holder = {
      token: randomUUID(),
      leaderItemId: item.id,
      leaderAttempt: run?.attempts ?? 0,
      expiresAt: new Date(Date.now() + CLAIM_LEASE_MS),
    };
    const [own] = await claims.claim(item.batchId, [item.id], holder, new Date());
    if (own) break;
    // Another job is publishing this item with its group: its outcome is waited for, not raced.
    await sleep(CLAIM_POLL_MS);
  }
  try {
    const grouped = alone ? null : await leadGroup(input, holder, publisher, claims, ports);
    return grouped ?? (await publishAlone(input, publisher, ports));
  } finally {
    await claims.release(holder.token);
  }
}

async function leadGroup(
  input: PublishInput,
  holder: PublishClaimHolder,
  publisher: BulkListingPublisher,
  claims: PublishClaimRepository,
  ports: StagePorts,
): Promise<PublishOutcome | null> {
  const { items } = ports.repositories;
  const { item } = input;
  const others = await claimOthers(input, holder, claims, ports);
  if (others.length === 0) return null;
  const results = await publisher.publishMany([input, ...others]);
  let own: BulkPublishResult | undefined;
  for (const result of results) {
    if (result.itemId === item.id) own = result;
    else if (result.outcome === 'published') await items.setStatus(result.itemId, 'published', null);
    else await claims.recordOutcome(result.itemId, holder.token, result.retryable ? 'retry' : 'failed', result.message);
  }
  if (!own) return null;
  if (own.outcome === 'published') {
    await items.setStatus(item.id, 'published', null);
    const { listingId, url, alreadyLive } = own.listing;
    return { stage: 'publish', listingId, url, alreadyLive: alreadyLive ?? false, groupSize: others.length + 1 };
  }
  if (own.retryable) {
    await claims.recordOutcome(item.id, holder.token, 'retry', own.message);
    throw new TransientError('PROVIDER_UNAVAILABLE', own.message);
  }
  throw new PermanentError('VALIDATION_FAILED', own.message);
}

/**
 * Up to 24 items of the batch approved and waiting for their publish job, publishable by the
 * stage's own checks and free to claim. One that fails the checks is left to its job, which says why.
 */
async function claimOthers(input: PublishInput, holder: PublishClaimHolder, claims: PublishClaimRepository, ports: StagePorts): Promise<PublishInput[]> {
  const { items, stageRuns } = ports.repositories;
  const waiting = (await stageRuns.listByBatch(input.item.batchId)).filter(
    (run) => run.stage === 'publish' && run.status === 'pending' && run.subjectId !== input.item.id,
  );
  const candidates: PublishInput[] = [];
  for (const run of waiting) {
    if (candidates.length >= GROUP_SIZE - 1) break;
    const other = await items.get(run.subjectId);
    if (other?.status !== 'ready_for_review') continue;
    try {
      candidates.push(await loadPublishInput(other, ports));
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
    }
  }
  const claimed = new Set(await claims.claim(input.item.batchId, candidates.map((candidate) => candidate.item.id), holder, new Date()));
  // A job may have run to its end between the look at the runs and the claim: its item is not
  // waiting any more, and an outcome kept for it would never be read.
  const stillWaiting = new Set(
    (await stageRuns.listByBatch(input.item.batchId))
      .filter((run) => run.stage === 'publish' && run.status === 'pending')
      .map((run) => run.subjectId),
  );
  const taken: PublishInput[] = [];
  for (const candidate of candidates) {
    if (!claimed.has(candidate.item.id)) continue;
    if (stillWaiting.has(candidate.item.id)) taken.push(candidate);
    else await claims.remove(candidate.item.id);
  }
  return taken;
}

/** What the item goes live with, or the reason it cannot: no listing, errors in it, no price. */
async function loadPublishInput(item: ItemRecord, ports: StagePorts): Promise<PublishInput> {
  const { items, listings, listingVersions, prices, batches } = ports.repositories;
  const [listing, latest, price, batch] = await Promise.all([
    listings.get(item.id),
    listingVersions.latest(item.id),
    prices.get(item.id),
    batches.get(item.batchId),
  ]);
  if (!listing) throw new PermanentError('VALIDATION_FAILED', `Item ${item.position} has no listing to publish.`);
  if (!batch) throw new NotFoundError('Batch', item.batchId);
  if (latest?.preflight.state === 'needs_attention') {
    const errors = latest.preflight.issues.filter((issue) => issue.severity === 'error');
    const first = errors[0]?.message ?? 'its pre-flight check found errors.';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new PermanentError(
      'VALIDATION_FAILED',
      `Item ${item.position} was not published: ${first}${more} Fix the listing in review, or override the check, then approve it again.`,
    );
  }
  const estimate = price?.estimate;
  if (estimate?.status !== 'estimated' || !(estimate.amount > 0)) {
    throw new PermanentError('VALIDATION_FAILED', `Item ${item.position} was not published: it has no price. Set one in review, then approve it again.`);
  }
  const photos = (await items.listPhotos(item.id)).filter((photo) => photo.role === 'item' && photo.status === 'ingested');
  return { item, listing, photos, accountId: batch.accountId, price: { value: estimate.amount, currency: estimate.currency } };
}
