import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../../contracts/errors.ts';
import type { ErrorCode } from '../../../contracts/errors.ts';
import type { IngestedPhoto, PhotoHashRecord, PhotoRecord, PhotoRepository } from '../../../ports/repositories.ts';
import type { Database, PhotoRow } from '../schema.ts';

export class KyselyPhotoRepository implements PhotoRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  addReceived(input: {
    batchId: string;
    originalName: string;
    sha256: string;
    bytes: number;
    originalKey: string;
  }): Promise<{ photo: PhotoRecord; created: boolean }> {
    return this.#db.transaction().execute(async (trx) => {
      // Locking the batch row serialises uploads to one batch, so the next sequence number
      // and the duplicate check both see every earlier upload. NO KEY UPDATE still lets other
      // tables insert rows that reference the batch meanwhile.
      const batch = await trx
        .selectFrom('batches')
        .select('id')
        .where('id', '=', input.batchId)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (!batch) throw new NotFoundError('Batch', input.batchId);

      const existing = await trx
        .selectFrom('photos')
        .selectAll()
        .where('batch_id', '=', input.batchId)
        .where('sha256', '=', input.sha256)
        .executeTakeFirst();
      if (existing) return { photo: mapPhotoRow(existing), created: false };

      const { last } = await trx
        .selectFrom('photos')
        .select((eb) => eb.fn.coalesce(eb.fn.max('sequence'), eb.lit(0)).as('last'))
        .where('batch_id', '=', input.batchId)
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('photos')
        .values({
          id: randomUUID(),
          batch_id: input.batchId,
          sequence: last + 1,
          original_name: input.originalName,
          sha256: input.sha256,
          bytes: input.bytes,
          original_key: input.originalKey,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { photo: mapPhotoRow(row), created: true };
    });
  }

  async get(id: string): Promise<PhotoRecord | null> {
    const row = await this.#db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? mapPhotoRow(row) : null;
  }

  async listByBatch(batchId: string): Promise<PhotoRecord[]> {
    const rows = await this.#db
      .selectFrom('photos')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('sequence')
      .execute();
    return rows.map(mapPhotoRow);
  }

  async countByBatch(batchId: string): Promise<number> {
    const { count } = await this.#db
      .selectFrom('photos')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    return count;
  }

  async markIngested(id: string, result: IngestedPhoto): Promise<void> {
    const updated = await this.#db
      .updateTable('photos')
      .set({
        status: 'ingested',
        error_code: null,
        error_message: null,
        mime_type: result.mimeType,
        width: result.width,
        height: result.height,
        captured_at: result.capturedAt,
        thumbnail_key: result.thumbnailKey,
        ai_key: result.aiKey,
        ebay_key: result.ebayKey,
        quality: JSON.stringify(result.quality),
        barcodes: JSON.stringify(result.barcodes),
        ...(result.perceptualHash === undefined ? {} : { perceptual_hash: result.perceptualHash }),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('Photo', id);
  }

  async markRejected(id: string, error: { code: ErrorCode; message: string }): Promise<void> {
    const updated = await this.#db
      .updateTable('photos')
      .set({ status: 'rejected', error_code: error.code, error_message: error.message })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('Photo', id);
  }

  async listPerceptualHashes(batchId: string): Promise<PhotoHashRecord[]> {
    const rows = await this.#db
      .selectFrom('photos')
      .select(['id', 'sequence', 'perceptual_hash', 'near_duplicate_of'])
      .where('batch_id', '=', batchId)
      .where('status', '=', 'ingested')
      .where('perceptual_hash', 'is not', null)
      .orderBy('sequence')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      sequence: row.sequence,
      perceptualHash: row.perceptual_hash ?? '',
      nearDuplicateOf: row.near_duplicate_of,
    }));
  }

  async markNearDuplicate(photoId: string, ofPhotoId: string): Promise<void> {
    // One statement, so two photos finishing at once cannot undo each other: the row lock makes
    // the second re-check the condition against the first one's write.
    await this.#db
      .updateTable('photos as p')
      .set({ near_duplicate_of: ofPhotoId })
      .where('p.id', '=', photoId)
      .where('p.id', '<>', ofPhotoId)
      .where((eb) =>
        eb.or([
          eb('p.near_duplicate_of', 'is', null),
          eb(
            eb.selectFrom('photos as current').select('current.sequence').whereRef('current.id', '=', 'p.near_duplicate_of'),
            '>',
            eb.selectFrom('photos as candidate').select('candidate.sequence').where('candidate.id', '=', ofPhotoId),
          ),
        ]),
      )
      .execute();
  }
}

export function mapPhotoRow(row: PhotoRow): PhotoRecord {
  return {
    id: row.id,
    batchId: row.batch_id,
    sequence: row.sequence,
    originalName: row.original_name,
    sha256: row.sha256,
    bytes: row.bytes,
    originalKey: row.original_key,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    capturedAt: row.captured_at,
    thumbnailKey: row.thumbnail_key,
    aiKey: row.ai_key,
    ebayKey: row.ebay_key,
    quality: row.quality && row.near_duplicate_of ? { ...row.quality, nearDuplicateOf: row.near_duplicate_of } : row.quality,
    barcodes: row.barcodes,
    perceptualHash: row.perceptual_hash,
    nearDuplicateOf: row.near_duplicate_of,
    itemId: row.item_id,
    role: row.role,
    createdAt: row.created_at,
  };
}
