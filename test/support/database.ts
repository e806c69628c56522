import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/adapters/db/database.ts';
import { PGliteDialect } from '../../src/adapters/db/pglite-dialect.ts';
import { createKyselyRepositories } from '../../src/adapters/db/repositories/kysely-repositories.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import type { Repositories } from '../../src/ports/repositories.ts';
import { postgresUrl } from './postgres.ts';
import { repoRoot } from './shared-data.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  repositories: Repositories;
  close(): Promise<void>;
}

export interface DatabaseEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database of its own. */
  open(): Promise<TestDatabase>;
}

let migratedTemplate: Promise<Blob> | undefined;

/**
 * A migrated PGlite data directory: each database a test opens loads it instead of running
 * initdb and the migrations again. It is kept in the temp folder between test processes, under
 * a name that changes with the PGlite version and the migrations' source.
 */
function loadMigratedTemplate(): Promise<Blob> {
  migratedTemplate ??= readOrCreateTemplate();
  return migratedTemplate;
}

async function readOrCreateTemplate(): Promise<Blob> {
  const file = path.join(tmpdir(), `easyflip-pglite-template-${await computeTemplateKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const template = await dumpMigratedDatabase();
  // Written aside then renamed: a concurrent test process reads a whole file or none.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, Buffer.from(await template.arrayBuffer()));
  await rename(partial, file);
  return template;
}

async function computeTemplateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(await readFile(path.join(path.dirname(pgliteEntry), '..', 'package.json')));
  const migrationsDir = path.join(repoRoot, 'src/adapters/db/migrations');
  for (const name of (await readdir(migrationsDir)).sort()) {
    hash.update(name).update(await readFile(path.join(migrationsDir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function dumpMigratedDatabase(): Promise<Blob> {
  const pglite = await PGlite.create('memory://');
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  try {
    await migrateToLatest(db);
    return await pglite.dumpDataDir('none');
  } finally {
    await db.destroy();
  }
}

const pgliteEngine: DatabaseEngine = {
  name: 'pglite',
  async open() {
    const template = await loadMigratedTemplate();
    const db = new Kysely<Database>({
      dialect: new PGliteDialect({ pglite: () => PGlite.create('memory://', { loadDataDir: template }) }),
    });
    return { db, repositories: createKyselyRepositories(db), close: () => db.destroy() };
  },
};

function createPostgresEngine(databaseUrl: string): DatabaseEngine {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(8).toString('hex')}`;
      const { db, close } = await openDatabase({ databaseUrl, schema });
      try {
        await migrateToLatest(db);
      } catch (error) {
        await dropSchema(db, schema);
        await close();
        throw error;
      }
      return {
        db,
        repositories: createKyselyRepositories(db),
        async close() {
          await dropSchema(db, schema);
          await close();
        },
      };
    },
  };
}

async function dropSchema(db: Kysely<Database>, schema: string): Promise<void> {
  await db.schema.dropSchema(schema).ifExists().cascade().execute();
}

if (!postgresUrl) {
  console.warn('DATABASE_URL is unset: database tests run on PGlite only, the PostgreSQL runs are skipped.');
}

/**
 * The engines every repository test runs on:
 * `describe.each(databaseEngines)('... on $name', (engine) => { ... })`.
 * PostgreSQL is there only when DATABASE_URL is set; each open gets a schema of its own.
 */
export const databaseEngines: DatabaseEngine[] = postgresUrl
  ? [pgliteEngine, createPostgresEngine(postgresUrl)]
  : [pgliteEngine];
