import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';
import * as listingVersions from './0002-listing-versions-and-taxonomy-cache.ts';
import * as photoReadings from './0003-photo-readings-and-measurements.ts';
import * as perceptualHash from './0004-photo-perceptual-hash.ts';
import * as ebayConnection from './0005-ebay-connection.ts';
import * as ebayPublications from './0006-ebay-publications.ts';
import * as analysisCostAndCache from './0007-analysis-cost-and-cache.ts';
import * as publishClaims from './0008-publish-claims.ts';

/**
 * Every migration, listed by hand: a folder scan would depend on how the code is loaded
 * (tsx, vitest, a bundle), a static list works under all of them. Names sort in run order.
 */
const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-listing-versions-and-taxonomy-cache': listingVersions,
  '0003-photo-readings-and-measurements': photoReadings,
  '0004-photo-perceptual-hash': perceptualHash,
  '0005-ebay-connection': ebayConnection,
  '0006-ebay-publications': ebayPublications,
  '0007-analysis-cost-and-cache': analysisCostAndCache,
  '0008-publish-claims': publishClaims,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
