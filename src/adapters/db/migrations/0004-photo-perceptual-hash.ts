import type { Kysely } from 'kysely';

/**
 * photos.perceptual_hash: the 64-bit pHash of each ingested photo (16 hex digits), compared within
 * the batch. photos.near_duplicate_of: the earliest photo of the batch this one looks almost
 * exactly like, which the seller sees as a flag.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('photos')
    .addColumn('perceptual_hash', 'text')
    .addColumn('near_duplicate_of', 'uuid', (col) => col.references('photos.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('photos').dropColumn('near_duplicate_of').dropColumn('perceptual_hash').execute();
}
