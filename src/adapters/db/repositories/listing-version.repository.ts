import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { PermanentError, TransientError } from '../../../contracts/errors.ts';
import type { ListingVersionRecord, ListingVersionRepository, NewListingVersion } from '../../../ports/listing-taxonomy.ts';
import type { Database, ListingVersionsTable } from '../schema.ts';

/** Two writers racing for the same next version: one wins, the other reads again and retries. */
const MAX_APPEND_ATTEMPTS = 5;

export class KyselyListingVersionRepository implements ListingVersionRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async append(version: NewListingVersion, options: { expectedVersion?: number } = {}): Promise<ListingVersionRecord> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      const latest = await this.#readLatestNumber(version.itemId);
      if (options.expectedVersion !== undefined && latest !== options.expectedVersion) {
        throw new PermanentError(
          'CONFLICT',
          `The listing was changed since version ${options.expectedVersion} (it is at version ${latest} now): reload it and make the edit again.`,
        );
      }
      const row = await this.#db
        .insertInto('listing_versions')
        .values({
          id: randomUUID(),
          item_id: version.itemId,
          version: latest + 1,
          source: version.source,
          actor: version.actor,
          note: version.note,
          draft: JSON.stringify(version.draft),
          edited_fields: JSON.stringify(version.editedFields),
          preflight: JSON.stringify(version.preflight),
          composition: version.composition === null ? null : JSON.stringify(version.composition),
        })
        .onConflict((conflict) => conflict.columns(['item_id', 'version']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return mapVersionRow(row);
    }
    throw new TransientError('CONFLICT', 'The listing is being changed by another request at the same time: try again.');
  }

  async latest(itemId: string): Promise<ListingVersionRecord | null> {
    const row = await this.#db
      .selectFrom('listing_versions')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? mapVersionRow(row) : null;
  }

  async get(itemId: string, version: number): Promise<ListingVersionRecord | null> {
    const row = await this.#db
      .selectFrom('listing_versions')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? mapVersionRow(row) : null;
  }

  async list(itemId: string): Promise<ListingVersionRecord[]> {
    const rows = await this.#db.selectFrom('listing_versions').selectAll().where('item_id', '=', itemId).orderBy('version', 'asc').execute();
    return rows.map(mapVersionRow);
  }

  async #readLatestNumber(itemId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('listing_versions')
      .select((eb) => eb.fn.max<number | null>('version').as('latest'))
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row?.latest ?? 0;
  }
}

function mapVersionRow(row: Selectable<ListingVersionsTable>): ListingVersionRecord {
  return {
    itemId: row.item_id,
    version: row.version,
    source: row.source,
    actor: row.actor,
    note: row.note,
    draft: row.draft,
    editedFields: row.edited_fields,
    preflight: row.preflight,
    composition: row.composition,
    createdAt: row.created_at,
  };
}
