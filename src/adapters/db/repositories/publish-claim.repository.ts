import { sql, type Kysely, type Selectable } from 'kysely';
import type { PublishClaim, PublishClaimHolder, PublishClaimOutcome, PublishClaimRepository } from '../../../ports/publish-claim-repository.ts';
import type { Database, PublishClaimsTable } from '../schema.ts';

function toClaim(row: Selectable<PublishClaimsTable>): PublishClaim {
  return {
    itemId: row.item_id,
    batchId: row.batch_id,
    token: row.token,
    leaderItemId: row.leader_item_id,
    leaderAttempt: row.leader_attempt,
    expiresAt: row.expires_at,
    outcome: row.outcome,
    message: row.message,
  };
}

export class KyselyPublishClaimRepository implements PublishClaimRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(itemId: string): Promise<PublishClaim | null> {
    const row = await this.#db.selectFrom('publish_claims').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    return row ? toClaim(row) : null;
  }

  async claim(batchId: string, itemIds: readonly string[], holder: PublishClaimHolder, now: Date): Promise<string[]> {
    if (itemIds.length === 0) return [];
    const values = itemIds.map((itemId) => ({
      item_id: itemId,
      batch_id: batchId,
      token: holder.token,
      leader_item_id: holder.leaderItemId,
      leader_attempt: holder.leaderAttempt,
      expires_at: holder.expiresAt,
    }));
    // One statement: an existing claim is taken over only when it has lapsed and holds no outcome.
    const rows = await this.#db
      .insertInto('publish_claims')
      .values(values)
      .onConflict((conflict) =>
        conflict
          .column('item_id')
          .doUpdateSet((eb) => ({
            token: eb.ref('excluded.token'),
            leader_item_id: eb.ref('excluded.leader_item_id'),
            leader_attempt: eb.ref('excluded.leader_attempt'),
            expires_at: eb.ref('excluded.expires_at'),
            created_at: now,
          }))
          .where(
            sql<boolean>`publish_claims.outcome is null and (publish_claims.expires_at <= ${now} or not exists (
              select 1 from stage_runs run
              where run.stage = 'publish' and run.subject_id = publish_claims.leader_item_id
                and run.status = 'running' and run.attempts = publish_claims.leader_attempt))`,
          ),
      )
      .returning('item_id')
      .execute();
    return rows.map((row) => row.item_id);
  }

  async recordOutcome(itemId: string, token: string, outcome: PublishClaimOutcome, message: string | null): Promise<void> {
    await this.#db.updateTable('publish_claims').set({ outcome, message }).where('item_id', '=', itemId).where('token', '=', token).execute();
  }

  async release(token: string): Promise<void> {
    await this.#db.deleteFrom('publish_claims').where('token', '=', token).where('outcome', 'is', null).execute();
  }

  async remove(itemId: string): Promise<void> {
    await this.#db.deleteFrom('publish_claims').where('item_id', '=', itemId).execute();
  }
}
