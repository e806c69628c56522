import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../../src/adapters/db/database.ts';
import type { OpenDatabaseOptions, OpenedDatabase } from '../../../src/adapters/db/database.ts';
import { staticMigrationProvider } from '../../../src/adapters/db/migrations/migration-provider.ts';
import { postgresUrl } from '../../support/postgres.ts';

const expectedTables = [
  'accounts',
  'ai_spend',
  'analyses',
  'audit_log',
  'batches',
  'dead_letters',
  'ebay_connections',
  'ebay_images',
  'ebay_oauth_states',
  'ebay_publications',
  'items',
  'listing_versions',
  'listings',
  'photos',
  'price_estimates',
  'publish_claims',
  'stage_runs',
  'taxonomy_cache',
  'users',
  'vision_cache',
];

/** Every migration, in run order. */
const allMigrations = Object.keys(await staticMigrationProvider.getMigrations()).sort();

interface EngineOptions {
  name: 'pglite' | 'postgres';
  /** Options for a database of its own, and the schema to drop afterwards, if any. */
  options(): { open: OpenDatabaseOptions; schema?: string };
}

const engines: EngineOptions[] = [{ name: 'pglite', options: () => ({ open: { pgliteDataDir: 'memory://' } }) }];
if (postgresUrl) {
  const databaseUrl = postgresUrl;
  engines.push({
    name: 'postgres',
    options: () => {
      const schema = `t_${randomBytes(8).toString('hex')}`;
      return { open: { databaseUrl, schema }, schema };
    },
  });
}

async function listTables(database: OpenedDatabase): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name`.execute(database.db);
  return rows.map((row) => row.table_name);
}

describe.each(engines)('migrations on $name', (engine) => {
  let opened: { database: OpenedDatabase; schema?: string } | undefined;

  async function open(): Promise<OpenedDatabase> {
    const { open: options, schema } = engine.options();
    const database = await openDatabase(options);
    opened = { database, schema };
    return database;
  }

  afterEach(async () => {
    if (!opened) return;
    const { database, schema } = opened;
    opened = undefined;
    if (schema) await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
  });

  it('applies the initial schema once, nothing the second time, and can go down and up again', async () => {
    const database = await open();
    expect(database.kind).toBe(engine.name);
    expect(await migrateToLatest(database.db)).toEqual(allMigrations);
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await listTables(database)).toEqual(expectedTables);

    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    const migrator = new Migrator({
      db: database.db,
      provider: staticMigrationProvider,
      migrationTableSchema: rows[0]!.schema,
    });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await listTables(database)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual(allMigrations);
    expect(await listTables(database)).toEqual(expectedTables);
  });
});

describe.skipIf(!postgresUrl)('migrations in separate schemas of one PostgreSQL database', () => {
  it('keeps each schema’s migration history to itself', async () => {
    const schemas = [0, 1].map(() => `t_${randomBytes(8).toString('hex')}`);
    const databases = await Promise.all(schemas.map((schema) => openDatabase({ databaseUrl: postgresUrl!, schema })));
    try {
      expect(await migrateToLatest(databases[0]!.db)).toEqual(allMigrations);
      expect(await migrateToLatest(databases[1]!.db)).toEqual(allMigrations);
    } finally {
      for (const [index, database] of databases.entries()) {
        await database.db.schema.dropSchema(schemas[index]!).ifExists().cascade().execute();
        await database.close();
      }
    }
  });
});

describe('PGlite on disk', () => {
  it('keeps the data and the migration history across a reopen', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'easyflip-pglite-')), 'data');
    try {
      const first = await openDatabase({ pgliteDataDir: dataDir });
      await migrateToLatest(first.db);
      await first.db.insertInto('accounts').values({ name: 'Kept' }).execute();
      await first.close();

      const second = await openDatabase({ pgliteDataDir: dataDir });
      try {
        expect(await migrateToLatest(second.db)).toEqual([]);
        const accounts = await second.db.selectFrom('accounts').select('name').execute();
        expect(accounts).toEqual([{ name: 'Kept' }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});

describe('opening a database', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ pgliteDataDir: 'memory://', schema: 'x"; drop table y; --' })).rejects.toThrow(
      /Invalid schema name/,
    );
  });

  it('puts the tables in the requested schema on PGlite too', async () => {
    const database = await openDatabase({ pgliteDataDir: 'memory://', schema: 'easyflip' });
    try {
      await migrateToLatest(database.db);
      const { rows } = await sql<{ schema: string }>`
        select table_schema as schema from information_schema.tables where table_name = 'photos'`.execute(database.db);
      expect(rows).toEqual([{ schema: 'easyflip' }]);
    } finally {
      await database.close();
    }
  });
});
