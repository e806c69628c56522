import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * ai_spend: one row per paid model call (tokens in and out, image tokens, dollars), booked to its batch
 * and item, so spend per item and per batch is known; a call outlives a regrouping that deletes its
 * item. vision_cache: each validated model answer under the hash of what was asked (model, prompt
 * version, images), so unchanged photos are never paid for twice. analyses gain the conflicts between
 * the tags' text and the model, the claims no photo backs, the analysis's cost and its prompt version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ai_spend')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('batch_id', 'uuid', (col) => col.references('batches.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (col) => col.references('items.id').onDelete('set null'))
    .addColumn('photo_id', 'uuid', (col) => col.references('photos.id').onDelete('set null'))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('model', 'text', (col) => col.notNull())
    .addColumn('operation', 'text', (col) => col.notNull().check(sql`operation in ('item-analysis', 'sku-photo')`))
    .addColumn('prompt_version', 'text', (col) => col.notNull())
    .addColumn('input_tokens', 'integer', (col) => col.notNull().check(sql`input_tokens >= 0`))
    .addColumn('cached_input_tokens', 'integer', (col) => col.notNull().defaultTo(0).check(sql`cached_input_tokens >= 0`))
    .addColumn('output_tokens', 'integer', (col) => col.notNull().check(sql`output_tokens >= 0`))
    .addColumn('image_tokens', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('cost_usd', 'double precision', (col) => col.notNull().check(sql`cost_usd >= 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ai_spend_batch_id').on('ai_spend').column('batch_id').execute();
  await db.schema.createIndex('ai_spend_item_id').on('ai_spend').column('item_id').execute();

  await db.schema
    .createTable('vision_cache')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('operation', 'text', (col) => col.notNull())
    .addColumn('answer', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('analyses')
    .addColumn('conflicts', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('unverified', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('cost', 'jsonb')
    .addColumn('prompt_version', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analyses').dropColumn('prompt_version').dropColumn('cost').dropColumn('unverified').dropColumn('conflicts').execute();
  await db.schema.dropTable('vision_cache').execute();
  await db.schema.dropTable('ai_spend').execute();
}
