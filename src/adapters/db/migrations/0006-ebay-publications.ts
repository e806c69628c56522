import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * ebay_publications: one row per item being put on eBay, each step of publishing recorded as it
 * is done (inventory item written, offer created, listing live), so a retry after a crash picks up
 * the offer it already made instead of making a second one. A SKU belongs to one item per eBay
 * environment and marketplace. ebay_images: the eBay Picture Service URL of each photo, by the
 * hash of the bytes uploaded, so a photo is uploaded once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ebay_publications')
    .addColumn('item_id', 'uuid', (col) => col.primaryKey().references('items.id').onDelete('cascade'))
    .addColumn('environment', 'text', (col) => col.notNull().check(sql`environment in ('production', 'sandbox')`))
    .addColumn('marketplace_id', 'text', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().defaultTo('claimed').check(sql`state in ('claimed', 'inventory_item_put', 'offer_created', 'published')`),
    )
    .addColumn('offer_id', 'text')
    .addColumn('listing_id', 'text')
    .addColumn('listing_url', 'text')
    .addColumn('last_error', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('ebay_publications_sku_key', ['environment', 'marketplace_id', 'sku'])
    .addCheckConstraint('ebay_publications_published_has_listing', sql`state <> 'published' or (listing_id is not null and offer_id is not null)`)
    .execute();

  await db.schema
    .createTable('ebay_images')
    .addColumn('environment', 'text', (col) => col.notNull().check(sql`environment in ('production', 'sandbox')`))
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('image_id', 'text')
    .addColumn('image_url', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ebay_images_pkey', ['environment', 'content_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ebay_images').execute();
  await db.schema.dropTable('ebay_publications').execute();
}
