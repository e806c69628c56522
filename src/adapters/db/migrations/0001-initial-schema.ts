import { sql } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

// Enum values are written out here rather than read from the contracts: a migration is a
// snapshot, and a later value needs a later migration (ALTER TYPE ... ADD VALUE).
const enumTypes: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['batch_status', ['open', 'processing', 'completed']],
  ['photo_status', ['received', 'ingested', 'rejected']],
  ['photo_role', ['unassigned', 'sku', 'item', 'orphan']],
  ['item_status', ['processing', 'ready_for_review', 'published', 'failed']],
  ['stage_name', ['ingest', 'segment', 'analyse', 'compose', 'price', 'publish']],
  ['stage_run_status', ['pending', 'running', 'succeeded', 'failed', 'dead']],
  ['user_role', ['owner', 'admin', 'member']],
];

const tablesInCreationOrder = [
  'accounts',
  'users',
  'batches',
  'photos',
  'items',
  'analyses',
  'listings',
  'price_estimates',
  'stage_runs',
  'dead_letters',
  'audit_log',
] as const;

function addIdColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`));
}

/** Order of insertion: created_at ties within a millisecond on PGlite, this never does. */
function addInsertionOrder<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'insertion_order'> {
  return table.addColumn('insertion_order', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity().unique());
}

function addCreatedAt<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'created_at'> {
  return table.addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`));
}

function addUpdatedAt<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'updated_at'> {
  return table.addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, values] of enumTypes) {
    await db.schema.createType(name).asEnum(values).execute();
  }

  await addCreatedAt(
    addIdColumn(db.schema.createTable('accounts'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('is_default', 'boolean', (col) => col.notNull().defaultTo(false)),
  ).execute();
  await db.schema
    .createIndex('accounts_single_default')
    .on('accounts')
    .column('is_default')
    .unique()
    .where(sql<boolean>`is_default`)
    .execute();

  await addCreatedAt(
    addIdColumn(db.schema.createTable('users'))
      .addColumn('account_id', 'uuid', (col) => col.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('email', 'text', (col) => col.notNull().unique())
      .addColumn('display_name', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('role', sql`user_role`, (col) => col.notNull().defaultTo('member')),
  ).execute();
  await db.schema.createIndex('users_account_id').on('users').column('account_id').execute();

  await addCreatedAt(
    addIdColumn(db.schema.createTable('batches'))
      .addColumn('account_id', 'uuid', (col) => col.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('status', sql`batch_status`, (col) => col.notNull().defaultTo('open'))
      .addColumn('submitted_at', 'timestamptz')
      .addColumn('completed_at', 'timestamptz'),
  ).execute();
  await db.schema.createIndex('batches_account_id_created_at').on('batches').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('batches_status_created_at').on('batches').columns(['status', 'created_at']).execute();

  // photos.item_id and items.sku_photo_id point at each other; the first of the two foreign
  // keys is added once both tables exist.
  await addCreatedAt(
    addIdColumn(db.schema.createTable('photos'))
      .addColumn('batch_id', 'uuid', (col) => col.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('sequence', 'integer', (col) => col.notNull().check(sql`sequence > 0`))
      .addColumn('original_name', 'text', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('bytes', 'bigint', (col) => col.notNull().check(sql`bytes >= 0`))
      .addColumn('original_key', 'text', (col) => col.notNull())
      .addColumn('status', sql`photo_status`, (col) => col.notNull().defaultTo('received'))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('mime_type', 'text')
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('captured_at', 'timestamptz')
      .addColumn('thumbnail_key', 'text')
      .addColumn('ai_key', 'text')
      .addColumn('ebay_key', 'text')
      .addColumn('quality', 'jsonb')
      .addColumn('barcodes', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('item_id', 'uuid')
      .addColumn('role', sql`photo_role`, (col) => col.notNull().defaultTo('unassigned'))
      .addColumn('position_in_item', 'integer')
      .addUniqueConstraint('photos_batch_id_sha256_key', ['batch_id', 'sha256'])
      .addUniqueConstraint('photos_batch_id_sequence_key', ['batch_id', 'sequence']),
  ).execute();

  await addUpdatedAt(
    addCreatedAt(
      addIdColumn(db.schema.createTable('items'))
        .addColumn('batch_id', 'uuid', (col) => col.notNull().references('batches.id').onDelete('cascade'))
        .addColumn('position', 'integer', (col) => col.notNull().check(sql`position > 0`))
        .addColumn('sku', 'text')
        .addColumn('sku_photo_id', 'uuid', (col) => col.references('photos.id').onDelete('set null'))
        .addColumn('weight', 'jsonb')
        .addColumn('product_code', 'text')
        .addColumn('flags', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('status', sql`item_status`, (col) => col.notNull().defaultTo('processing'))
        .addColumn('status_reason', 'text')
        .addUniqueConstraint('items_batch_id_position_key', ['batch_id', 'position']),
    ),
  ).execute();

  await db.schema.createIndex('items_sku_photo_id').on('items').column('sku_photo_id').execute();

  await db.schema
    .alterTable('photos')
    .addForeignKeyConstraint('photos_item_id_fkey', ['item_id'], 'items', ['id'], (fk) => fk.onDelete('set null'))
    .execute();
  await db.schema.createIndex('photos_item_id_position').on('photos').columns(['item_id', 'position_in_item']).execute();

  await addCreatedAt(
    addIdColumn(db.schema.createTable('analyses'))
      .addColumn('item_id', 'uuid', (col) => col.notNull().unique().references('items.id').onDelete('cascade'))
      .addColumn('provider', 'text', (col) => col.notNull())
      .addColumn('attributes', 'jsonb', (col) => col.notNull())
      .addColumn('ocr', 'jsonb', (col) => col.notNull())
      .addColumn('degraded', 'text'),
  ).execute();

  await addUpdatedAt(
    addCreatedAt(
      addIdColumn(db.schema.createTable('listings'))
        .addColumn('item_id', 'uuid', (col) => col.notNull().unique().references('items.id').onDelete('cascade'))
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('description_html', 'text', (col) => col.notNull())
        .addColumn('category_id', 'text', (col) => col.notNull())
        .addColumn('category_name', 'text', (col) => col.notNull())
        .addColumn('condition_id', 'integer', (col) => col.notNull())
        .addColumn('condition_description', 'text')
        .addColumn('aspects', 'jsonb', (col) => col.notNull())
        .addColumn('product_code', 'text'),
    ),
  ).execute();

  await addUpdatedAt(
    addCreatedAt(
      addIdColumn(db.schema.createTable('price_estimates'))
        .addColumn('item_id', 'uuid', (col) => col.notNull().unique().references('items.id').onDelete('cascade'))
        .addColumn('estimate', 'jsonb', (col) => col.notNull()),
    ),
  ).execute();

  await addUpdatedAt(
    addCreatedAt(
      addInsertionOrder(addIdColumn(db.schema.createTable('stage_runs')))
        .addColumn('stage', sql`stage_name`, (col) => col.notNull())
        .addColumn('subject_id', 'uuid', (col) => col.notNull())
        .addColumn('batch_id', 'uuid', (col) => col.notNull().references('batches.id').onDelete('cascade'))
        // Runs of a deleted item or photo (a regrouped batch) have nothing left to work on.
        .addColumn('item_id', 'uuid', (col) => col.references('items.id').onDelete('cascade'))
        .addColumn('photo_id', 'uuid', (col) => col.references('photos.id').onDelete('cascade'))
        .addColumn('status', sql`stage_run_status`, (col) => col.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('started_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addUniqueConstraint('stage_runs_stage_subject_id_key', ['stage', 'subject_id']),
    ),
  ).execute();
  await db.schema.createIndex('stage_runs_batch_id').on('stage_runs').columns(['batch_id', 'insertion_order']).execute();
  await db.schema.createIndex('stage_runs_item_id').on('stage_runs').column('item_id').execute();
  await db.schema.createIndex('stage_runs_photo_id').on('stage_runs').column('photo_id').execute();
  await db.schema
    .createIndex('stage_runs_unfinished')
    .on('stage_runs')
    .column('insertion_order')
    .where(sql<boolean>`status in ('pending', 'running', 'failed')`)
    .execute();

  await addCreatedAt(
    addInsertionOrder(addIdColumn(db.schema.createTable('dead_letters')))
      // A reset run (the seller retried) takes its dead letter with it.
      .addColumn('stage_run_id', 'uuid', (col) => col.notNull().references('stage_runs.id').onDelete('cascade'))
      .addColumn('stage', sql`stage_name`, (col) => col.notNull())
      .addColumn('batch_id', 'uuid', (col) => col.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('subject_id', 'uuid', (col) => col.notNull())
      .addColumn('payload', 'jsonb', (col) => col.notNull())
      .addColumn('error_code', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull()),
  ).execute();
  await db.schema
    .createIndex('dead_letters_batch_id')
    .on('dead_letters')
    .columns(['batch_id', 'insertion_order'])
    .execute();
  await db.schema.createIndex('dead_letters_stage_run_id').on('dead_letters').column('stage_run_id').execute();

  await addCreatedAt(
    addInsertionOrder(addIdColumn(db.schema.createTable('audit_log')))
      .addColumn('account_id', 'uuid', (col) => col.references('accounts.id').onDelete('set null'))
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('subject_type', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`)),
  ).execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_log_account_id_created_at').on('audit_log').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('photos').dropConstraint('photos_item_id_fkey').execute();
  for (const table of [...tablesInCreationOrder].reverse()) {
    await db.schema.dropTable(table).execute();
  }
  for (const [name] of [...enumTypes].reverse()) {
    await db.schema.dropType(name).execute();
  }
}
