import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AccountRepository } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

const defaultAccountName = 'Local seller';

export class KyselyAccountRepository implements AccountRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async ensureDefault(): Promise<{ id: string; name: string }> {
    // The partial unique index on is_default makes a concurrent second insert a no-op. Its
    // predicate is written literally: a bound parameter would not match the index's predicate.
    await this.#db
      .insertInto('accounts')
      .values({ id: randomUUID(), name: defaultAccountName, is_default: true })
      .onConflict((conflict) => conflict.column('is_default').where(sql<boolean>`is_default`).doNothing())
      .execute();
    return this.#db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('is_default', '=', true)
      .executeTakeFirstOrThrow();
  }
}
