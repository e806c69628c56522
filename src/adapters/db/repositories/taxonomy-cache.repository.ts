import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { TaxonomyCache } from '../../../ports/listing-taxonomy.ts';
import type { Database } from '../schema.ts';

/** eBay Taxonomy answers kept in the database, so every worker and every restart shares them. */
export class KyselyTaxonomyCache implements TaxonomyCache {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async read(key: string): Promise<unknown> {
    const row = await this.#db
      .selectFrom('taxonomy_cache')
      .select('value')
      .where('key', '=', key)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row ? row.value : null;
  }

  async write(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const expiresAt = sql<Date>`now() + make_interval(secs => ${Math.max(0, ttlSeconds)})`;
    await this.#db
      .insertInto('taxonomy_cache')
      .values({ key, value: JSON.stringify(value), expires_at: expiresAt })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(value), expires_at: expiresAt, created_at: sql<Date>`now()` }))
      .execute();
  }

  async purgeExpired(): Promise<number> {
    const result = await this.#db.deleteFrom('taxonomy_cache').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
