import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../../contracts/errors.ts';
import type { PhotoReadings } from '../../../contracts/readings.ts';
import type { PhotoReadingRepository } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';

/** Readings live in photos.readings, one jsonb object keyed by kind. */
export class KyselyPhotoReadingRepository implements PhotoReadingRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async save(photoId: string, readings: PhotoReadings): Promise<void> {
    // jsonb || jsonb replaces the top-level keys given and keeps the others, in one statement.
    const updated = await this.#db
      .updateTable('photos')
      .set({ readings: sql<string>`readings || ${JSON.stringify(readings)}::jsonb` })
      .where('id', '=', photoId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('Photo', photoId);
  }

  async listForPhotos(photoIds: string[]): Promise<Map<string, PhotoReadings>> {
    if (photoIds.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('photos')
      .select(['id', 'readings'])
      .where('id', '=', sql<string>`any(${photoIds}::uuid[])`)
      .execute();
    return new Map(rows.filter((row) => Object.keys(row.readings).length > 0).map((row) => [row.id, row.readings]));
  }
}
