import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * photos.readings: what was read from each photo (OCR text and lines, tag crops, a scale display, a
 * vision verdict), so that no photo is read twice. analyses.measurements: garment measurements with
 * their evidence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('photos')
    .addColumn('readings', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .alterTable('analyses')
    .addColumn('measurements', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analyses').dropColumn('measurements').execute();
  await db.schema.alterTable('photos').dropColumn('readings').execute();
}
