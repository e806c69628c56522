import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * listing_versions: every version of an item's listing, composed or edited by the seller, with
 * the fields the seller owns and the pre-flight result. taxonomy_cache: eBay Taxonomy answers
 * (category suggestions, item aspects) kept until they expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_versions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('item_id', 'uuid', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version > 0`))
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('compose', 'recompose', 'seller', 'override')`))
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('draft', 'jsonb', (col) => col.notNull())
    .addColumn('edited_fields', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('preflight', 'jsonb', (col) => col.notNull())
    .addColumn('composition', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('listing_versions_item_id_version_key', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('taxonomy_cache')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'jsonb', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('taxonomy_cache_expires_at').on('taxonomy_cache').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('taxonomy_cache').execute();
  await db.schema.dropTable('listing_versions').execute();
}
