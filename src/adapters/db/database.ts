import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { DatabaseConnection, Dialect } from 'kysely';
import pg from 'pg';
import { staticMigrationProvider } from './migrations/migration-provider.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data directory: a path, or 'memory://' for a throwaway database. */
  pgliteDataDir?: string;
  /** Schema for every table (search_path of every connection); created when missing. */
  schema?: string;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const schemaNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const schema = options.schema;
  if (schema !== undefined && !schemaNamePattern.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use letters, digits and underscores`);
  }
  const setSearchPath = async (connection: DatabaseConnection): Promise<void> => {
    if (schema !== undefined) {
      await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
    }
  };

  const kind = options.databaseUrl ? 'postgres' : 'pglite';
  const dialect: Dialect = options.databaseUrl
    ? createPostgresDialect(options.databaseUrl, setSearchPath)
    : new PGliteDialect({
        pglite: () => createPGlite(options.pgliteDataDir ?? 'memory://'),
        onCreateConnection: setSearchPath,
      });
  const db = new Kysely<Database>({ dialect });

  try {
    if (schema !== undefined) {
      await createSchemaIfMissing(db, schema);
    } else {
      await sql`select 1`.execute(db);
    }
  } catch (error) {
    await db.destroy();
    throw new Error(`Could not open the ${kind} database: ${describeError(error)}`, { cause: error });
  }

  return { db, kind, close: () => db.destroy() };
}

/** Applies every pending migration; returns the names applied (none when already up to date). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // The migration tables go in the current schema, named explicitly: without a schema the
  // migrator would take another schema's migration table on a shared server for its own.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema;
  if (!migrationTableSchema) {
    throw new Error('Database migration failed: the connection has no current schema');
  }
  const migrator = new Migrator({ db, provider: staticMigrationProvider, migrationTableSchema });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${where}: ${describeError(error)}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

function createPostgresDialect(
  connectionString: string,
  onCreateConnection: (connection: DatabaseConnection) => Promise<void>,
): Dialect {
  // bigint columns (photo bytes, counts) come back as numbers, as they do from PGlite. The
  // override is this pool's own: pg's global parsers stay untouched.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  const pool = new pg.Pool({ connectionString, types });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool, onCreateConnection });
}

function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  }
  return parsed;
}

/**
 * PostgreSQL's default 128 MB of shared buffers lives in the WebAssembly heap of the embedded
 * database, which never shrinks: 16 MB serves one seller's batches (the files stay in the
 * operating system's cache) and keeps the process some 130 MB smaller.
 */
const EMBEDDED_POSTGRES_SETTINGS = ['shared_buffers = 16MB'];

async function createPGlite(dataDir: string): Promise<PGlite> {
  if (!dataDir.includes('://')) {
    await mkdir(dataDir, { recursive: true });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialiseInThrowawayProcess(dataDir);
  }
  return PGlite.create(dataDir, { postgresqlconf: EMBEDDED_POSTGRES_SETTINGS });
}

/** initdb in a process of its own, so that its memory leaves with it (see the script). */
async function initialiseInThrowawayProcess(dataDir: string): Promise<void> {
  const script = fileURLToPath(new URL('./pglite-initdb.child.js', import.meta.url));
  try {
    await promisify(execFile)(process.execPath, [script, dataDir, JSON.stringify(EMBEDDED_POSTGRES_SETTINGS)], {
      timeout: 300_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Creating the embedded database in ${dataDir} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

async function createSchemaIfMissing(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (error) {
    // Two processes creating the same schema at once: one of them loses the race on the catalog.
    const { rows } = await sql<{ found: boolean }>`
      select exists (select 1 from pg_namespace where nspname = ${schema}) as found`.execute(db);
    if (!rows[0]?.found) throw error;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
