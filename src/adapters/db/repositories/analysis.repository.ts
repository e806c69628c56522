import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Analysis } from '../../../contracts/item.ts';
import type { AnalysisRecord, AnalysisRepository } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyAnalysisRepository implements AnalysisRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Keeps the latest analysis of the item: a re-analysis replaces the previous one. */
  async save(itemId: string, analysis: Analysis): Promise<void> {
    const columns = {
      provider: analysis.provider,
      attributes: JSON.stringify(analysis.attributes),
      ocr: JSON.stringify(analysis.ocr),
      degraded: analysis.degraded,
      measurements: JSON.stringify(analysis.measurements ?? []),
      conflicts: JSON.stringify(analysis.conflicts ?? []),
      unverified: JSON.stringify(analysis.unverified ?? []),
      cost: analysis.cost ? JSON.stringify(analysis.cost) : null,
      prompt_version: analysis.promptVersion ?? null,
    };
    await this.#db
      .insertInto('analyses')
      .values({ id: randomUUID(), item_id: itemId, ...columns })
      .onConflict((conflict) => conflict.column('item_id').doUpdateSet({ ...columns, created_at: sql<Date>`now()` }))
      .execute();
  }

  async get(itemId: string): Promise<AnalysisRecord | null> {
    const row = await this.#db.selectFrom('analyses').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    if (!row) return null;
    return {
      itemId: row.item_id,
      provider: row.provider,
      attributes: row.attributes,
      ocr: row.ocr,
      degraded: row.degraded,
      measurements: row.measurements,
      conflicts: row.conflicts,
      unverified: row.unverified,
      cost: row.cost,
      promptVersion: row.prompt_version,
      createdAt: row.created_at,
    };
  }
}
