import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BatchStatus } from '../../../contracts/item.ts';
import type { BatchRecord, BatchRepository } from '../../../ports/repositories.ts';
import type { BatchRow, Database } from '../schema.ts';

export class KyselyBatchRepository implements BatchRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(input: { accountId: string; name: string }): Promise<BatchRecord> {
    const row = await this.#db
      .insertInto('batches')
      .values({ id: randomUUID(), account_id: input.accountId, name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    return mapBatchRow(row);
  }

  async get(id: string): Promise<BatchRecord | null> {
    const row = await this.#db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? mapBatchRow(row) : null;
  }

  async submit(id: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('batches')
      .set({ status: 'processing', submitted_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async markCompleted(id: string): Promise<void> {
    await this.#db
      .updateTable('batches')
      .set({ status: 'completed', completed_at: sql<Date>`coalesce(completed_at, now())` })
      .where('id', '=', id)
      .execute();
  }

  async reopen(id: string): Promise<boolean> {
    const updated = await this.#db
      .updateTable('batches')
      .set({ status: 'processing', completed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'completed')
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  /** Oldest first. */
  async listByStatus(status: BatchStatus): Promise<BatchRecord[]> {
    const rows = await this.#db
      .selectFrom('batches')
      .selectAll()
      .where('status', '=', status)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(mapBatchRow);
  }
}

export function mapBatchRow(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    status: row.status,
    submittedAt: row.submitted_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}
