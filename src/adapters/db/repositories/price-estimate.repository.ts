import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { PriceEstimate } from '../../../contracts/item.ts';
import type { PriceEstimateRecord, PriceEstimateRepository } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

export class KyselyPriceEstimateRepository implements PriceEstimateRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async save(itemId: string, estimate: PriceEstimate): Promise<void> {
    const json = JSON.stringify(estimate);
    await this.#db
      .insertInto('price_estimates')
      .values({ id: randomUUID(), item_id: itemId, estimate: json })
      .onConflict((conflict) =>
        conflict.column('item_id').doUpdateSet({ estimate: json, updated_at: sql<Date>`now()` }),
      )
      .execute();
  }

  async get(itemId: string): Promise<PriceEstimateRecord | null> {
    const row = await this.#db
      .selectFrom('price_estimates')
      .select(['item_id', 'estimate', 'updated_at'])
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row ? { itemId: row.item_id, estimate: row.estimate, updatedAt: row.updated_at } : null;
  }
}
