/** What a bulk publish leaves for an item's own job: it failed for good, or it is to be tried alone. */
export type PublishClaimOutcome = 'failed' | 'retry';

export interface PublishClaimHolder {
  /** Unique to one run of one job. */
  token: string;
  /** The item whose publish job holds the claim, and the attempt of its run that took it. */
  leaderItemId: string;
  leaderAttempt: number;
  expiresAt: Date;
}

export interface PublishClaim extends PublishClaimHolder {
  itemId: string;
  batchId: string;
  outcome: PublishClaimOutcome | null;
  message: string | null;
}

/**
 * Claims on items being published in a group, so one item is in one publish at a time. A claim
 * lapses when its lease has ended or its leader's publish run is no longer running the attempt that
 * took it; an outcome left on it stays until the item's own job takes it.
 */
export interface PublishClaimRepository {
  get(itemId: string): Promise<PublishClaim | null>;
  /** Claims those of the items that are free (no claim, or a lapsed one without an outcome); returns them. */
  claim(batchId: string, itemIds: readonly string[], holder: PublishClaimHolder, now: Date): Promise<string[]>;
  /** Leaves the outcome for the item's own job; the claim stops holding the item. */
  recordOutcome(itemId: string, token: string, outcome: PublishClaimOutcome, message: string | null): Promise<void>;
  /** Drops the holder's claims that carry no outcome. */
  release(token: string): Promise<void>;
  /** The item's own job took the outcome: the claim goes. */
  remove(itemId: string): Promise<void>;
}
