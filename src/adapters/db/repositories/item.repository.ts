import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { NotFoundError, PermanentError } from '../../../contracts/errors.ts';
import type { ItemStatus } from '../../../contracts/item.ts';
import type { PhotoRole } from '../../../contracts/photo.ts';
import type { ItemRecord, ItemRegrouping, ItemRepository, NewItem, PhotoRecord } from '../../../ports/repositories.ts';
import type { Database, ItemRow } from '../schema.ts';
import { mapPhotoRow } from './photo.repository.ts';

interface Assignment {
  photoId: string;
  itemId: string | null;
  role: PhotoRole;
  position: number | null;
}

/** Rows per UPDATE ... FROM (VALUES ...): 4 parameters each, far under Postgres' 65535. */
const assignmentChunkSize = 1000;

export class KyselyItemRepository implements ItemRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  replaceForBatch(batchId: string, items: NewItem[], orphanPhotoIds: string[]): Promise<ItemRecord[]> {
    return this.#db.transaction().execute(async (trx) => {
      // One regrouping of a batch at a time: a concurrent one would collide on item positions.
      const batch = await trx
        .selectFrom('batches')
        .select('id')
        .where('id', '=', batchId)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (!batch) throw new NotFoundError('Batch', batchId);

      // Analyses, listings, prices and the items' stage runs go with the items (ON DELETE CASCADE).
      await trx.deleteFrom('items').where('batch_id', '=', batchId).execute();
      await trx
        .updateTable('photos')
        .set({ item_id: null, role: 'unassigned', position_in_item: null })
        .where('batch_id', '=', batchId)
        .execute();
      if (items.length === 0 && orphanPhotoIds.length === 0) return [];
      assertDistinctPositions(items);

      const rows =
        items.length === 0
          ? []
          : await trx
              .insertInto('items')
              .values(
                items.map((item) => ({
                  id: randomUUID(),
                  batch_id: batchId,
                  position: item.position,
                  sku: item.sku,
                  sku_photo_id: item.skuPhotoId,
                  weight: item.weight === null ? null : JSON.stringify(item.weight),
                  product_code: item.productCode,
                  flags: JSON.stringify(item.flags),
                })),
              )
              .returningAll()
              .execute();
      const idByPosition = new Map(rows.map((row) => [row.position, row.id]));

      const assignments = planAssignments(items, orphanPhotoIds, idByPosition);
      await assertPhotosBelongToBatch(trx, batchId, assignments);
      for (let start = 0; start < assignments.length; start += assignmentChunkSize) {
        await applyAssignments(trx, batchId, assignments.slice(start, start + assignmentChunkSize));
      }

      return rows.map(mapItemRow).sort((a, b) => a.position - b.position);
    });
  }

  async get(id: string): Promise<ItemRecord | null> {
    const row = await this.#db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? mapItemRow(row) : null;
  }

  async listByBatch(batchId: string): Promise<ItemRecord[]> {
    const rows = await this.#db
      .selectFrom('items')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('position')
      .execute();
    return rows.map(mapItemRow);
  }

  async listPhotos(itemId: string): Promise<PhotoRecord[]> {
    const rows = await this.#db
      .selectFrom('photos')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('position_in_item')
      .orderBy('sequence')
      .execute();
    return rows.map(mapPhotoRow);
  }

  applyRegrouping(batchId: string, regrouping: ItemRegrouping): Promise<{ createdItemIds: string[] }> {
    return this.#db.transaction().execute((trx) => applyRegroupingInTransaction(trx, batchId, regrouping));
  }

  async setStatus(id: string, status: ItemStatus, reason?: string | null): Promise<void> {
    const updated = await this.#db
      .updateTable('items')
      .set({ status, status_reason: reason ?? null, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('Item', id);
  }
}

/** Added to every position first, so that renumbering never collides with the unique (batch, position). */
const positionShift = 1_000_000;

async function applyRegroupingInTransaction(
  trx: Transaction<Database>,
  batchId: string,
  regrouping: ItemRegrouping,
): Promise<{ createdItemIds: string[] }> {
  const batch = await trx.selectFrom('batches').select('id').where('id', '=', batchId).forNoKeyUpdate().executeTakeFirst();
  if (!batch) throw new NotFoundError('Batch', batchId);
  const existing = await trx.selectFrom('items').select('id').where('batch_id', '=', batchId).execute();
  const known = new Set(existing.map((row) => row.id));
  for (const itemId of [...regrouping.deletedItemIds, ...regrouping.items.flatMap((item) => (item.id === null ? [] : [item.id]))]) {
    if (!known.has(itemId)) throw new NotFoundError('Item', itemId);
  }
  assertDistinctPositions(regrouping.items);

  if (regrouping.deletedItemIds.length > 0) {
    await trx.deleteFrom('items').where('batch_id', '=', batchId).where('id', 'in', regrouping.deletedItemIds).execute();
  }
  await trx
    .updateTable('items')
    .set((eb) => ({ position: eb('position', '+', positionShift) }))
    .where('batch_id', '=', batchId)
    .execute();

  const touched = new Set(regrouping.touchedItemIds);
  const createdItemIds: string[] = [];
  const assignments: Assignment[] = [];
  for (const item of regrouping.items) {
    const fields = {
      position: item.position,
      sku: item.sku,
      sku_photo_id: item.skuPhotoId,
      weight: item.weight === null ? null : JSON.stringify(item.weight),
      product_code: item.productCode,
      flags: JSON.stringify(item.flags),
    };
    let itemId = item.id;
    if (itemId === null) {
      itemId = randomUUID();
      await trx.insertInto('items').values({ id: itemId, batch_id: batchId, ...fields }).execute();
      createdItemIds.push(itemId);
    } else if (touched.has(itemId)) {
      await trx
        .updateTable('items')
        .set({ ...fields, updated_at: sql<Date>`now()` })
        .where('id', '=', itemId)
        .execute();
    } else {
      await trx.updateTable('items').set({ position: item.position }).where('id', '=', itemId).execute();
    }
    if (item.id === null || touched.has(itemId)) {
      const photoIds = item.skuPhotoId !== null && !item.photoIds.includes(item.skuPhotoId) ? [item.skuPhotoId, ...item.photoIds] : item.photoIds;
      photoIds.forEach((photoId, index) =>
        assignments.push({ photoId, itemId, role: photoId === item.skuPhotoId ? 'sku' : 'item', position: index + 1 }),
      );
    }
  }
  for (const photoId of regrouping.orphanPhotoIds) assignments.push({ photoId, itemId: null, role: 'orphan', position: null });
  const seen = new Set<string>();
  for (const { photoId } of assignments) {
    if (seen.has(photoId)) throw new PermanentError('VALIDATION_FAILED', `Photo ${photoId} is assigned more than once`);
    seen.add(photoId);
  }
  await assertPhotosBelongToBatch(trx, batchId, assignments);
  for (let start = 0; start < assignments.length; start += assignmentChunkSize) {
    await applyAssignments(trx, batchId, assignments.slice(start, start + assignmentChunkSize));
  }
  return { createdItemIds };
}

function assertDistinctPositions(items: ReadonlyArray<{ position: number }>): void {
  const positions = new Set<number>();
  for (const { position } of items) {
    if (positions.has(position)) {
      throw new PermanentError('VALIDATION_FAILED', `Item position ${position} is used more than once`);
    }
    positions.add(position);
  }
}

function planAssignments(
  items: NewItem[],
  orphanPhotoIds: string[],
  idByPosition: Map<number, string>,
): Assignment[] {
  const assignments: Assignment[] = [];
  const seen = new Set<string>();
  const add = (assignment: Assignment): void => {
    if (seen.has(assignment.photoId)) {
      throw new PermanentError('VALIDATION_FAILED', `Photo ${assignment.photoId} is assigned more than once`);
    }
    seen.add(assignment.photoId);
    assignments.push(assignment);
  };

  for (const item of items) {
    const itemId = idByPosition.get(item.position);
    if (itemId === undefined) throw new Error(`No item was inserted at position ${item.position}`);
    const photoIds =
      item.skuPhotoId !== null && !item.photoIds.includes(item.skuPhotoId)
        ? [item.skuPhotoId, ...item.photoIds]
        : item.photoIds;
    photoIds.forEach((photoId, index) =>
      add({ photoId, itemId, role: photoId === item.skuPhotoId ? 'sku' : 'item', position: index + 1 }),
    );
  }
  for (const photoId of orphanPhotoIds) {
    add({ photoId, itemId: null, role: 'orphan', position: null });
  }
  return assignments;
}

async function assertPhotosBelongToBatch(
  trx: Transaction<Database>,
  batchId: string,
  assignments: Assignment[],
): Promise<void> {
  if (assignments.length === 0) return;
  const photoIds = assignments.map((assignment) => assignment.photoId);
  const found = await trx
    .selectFrom('photos')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('id', '=', sql<string>`any(${photoIds}::uuid[])`)
    .execute();
  if (found.length !== photoIds.length) {
    const known = new Set(found.map((row) => row.id));
    const strangers = photoIds.filter((photoId) => !known.has(photoId));
    throw new PermanentError('VALIDATION_FAILED', `Photos not in batch ${batchId}: ${strangers.join(', ')}`);
  }
}

async function applyAssignments(
  trx: Transaction<Database>,
  batchId: string,
  assignments: Assignment[],
): Promise<void> {
  if (assignments.length === 0) return;
  const values = sql.join(
    assignments.map(
      (a) => sql`(${a.photoId}::uuid, ${a.itemId}::uuid, ${a.role}::photo_role, ${a.position}::integer)`,
    ),
  );
  await sql`
    update photos
    set item_id = assigned.item_id, role = assigned.role, position_in_item = assigned.position
    from (values ${values}) as assigned (photo_id, item_id, role, position)
    where photos.id = assigned.photo_id and photos.batch_id = ${batchId}`.execute(trx);
}

export function mapItemRow(row: ItemRow): ItemRecord {
  return {
    id: row.id,
    batchId: row.batch_id,
    position: row.position,
    sku: row.sku,
    skuPhotoId: row.sku_photo_id,
    weight: row.weight,
    productCode: row.product_code,
    flags: row.flags,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
  };
}
