import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * ebay_connections: the seller's eBay account, one per account. The refresh token (and the
 * current access token, so every worker reuses it) are kept encrypted, each with the id of the
 * key that encrypted it; the chosen business policies and inventory location sit beside them.
 * ebay_oauth_states: the one-time states of consent flows under way, taken once by the callback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ebay_connections')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull().unique().references('accounts.id').onDelete('cascade'))
    .addColumn('environment', 'text', (col) => col.notNull().check(sql`environment in ('production', 'sandbox')`))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('connected').check(sql`status in ('connected', 'needs_reconnection')`))
    .addColumn('status_reason', 'text')
    .addColumn('scopes', 'jsonb', (col) => col.notNull())
    .addColumn('refresh_token_ciphertext', 'text', (col) => col.notNull())
    .addColumn('refresh_token_key_id', 'text', (col) => col.notNull())
    .addColumn('refresh_token_expires_at', 'timestamptz')
    .addColumn('access_token_ciphertext', 'text')
    .addColumn('access_token_key_id', 'text')
    .addColumn('access_token_expires_at', 'timestamptz')
    .addColumn('fulfillment_policy_id', 'text')
    .addColumn('payment_policy_id', 'text')
    .addColumn('return_policy_id', 'text')
    .addColumn('merchant_location_key', 'text')
    .addColumn('connected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'ebay_connections_access_token_whole',
      sql`(access_token_ciphertext is null) = (access_token_key_id is null) and (access_token_ciphertext is null) = (access_token_expires_at is null)`,
    )
    .execute();

  await db.schema
    .createTable('ebay_oauth_states')
    .addColumn('nonce', 'text', (col) => col.primaryKey())
    .addColumn('account_id', 'uuid', (col) => col.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ebay_oauth_states_expires_at').on('ebay_oauth_states').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ebay_oauth_states').execute();
  await db.schema.dropTable('ebay_connections').execute();
}
