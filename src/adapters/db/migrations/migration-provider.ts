import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';

/**
 * Every migration, listed by hand: a folder scan would depend on how the code is loaded
 * (tsx, vitest, a bundle), a static list works under all of them. Names sort in run order.
 */
const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
