import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * publish_claims: which publish job is putting an item on eBay with a group of its batch, so two
 * jobs never publish one item at once. A claim lapses when its lease ends or its leader's publish
 * run is no longer the attempt that took it (the leader died and was started again). An outcome
 * left on a claim (failed, or to be retried alone) waits for the item's own job to read it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publish_claims')
    .addColumn('item_id', 'uuid', (col) => col.primaryKey().references('items.id').onDelete('cascade'))
    .addColumn('batch_id', 'uuid', (col) => col.notNull().references('batches.id').onDelete('cascade'))
    .addColumn('token', 'text', (col) => col.notNull())
    .addColumn('leader_item_id', 'uuid', (col) => col.notNull())
    .addColumn('leader_attempt', 'integer', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('failed', 'retry')`))
    .addColumn('message', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('publish_claims_token').on('publish_claims').column('token').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('publish_claims').execute();
}
