import type { Kysely } from 'kysely';
import type { Repositories } from '../../../ports/repositories.ts';
import type { Database } from '../schema.ts';
import { KyselyAccountRepository } from './account.repository.ts';
import { KyselyAnalysisRepository } from './analysis.repository.ts';
import { KyselyAuditLog } from './audit-log.repository.ts';
import { KyselyBatchRepository } from './batch.repository.ts';
import { KyselyDeadLetterRepository } from './dead-letter.repository.ts';
import { KyselyEbayConnectionRepository } from './ebay-connection.repository.ts';
import { KyselyMarketplaceImageRepository, KyselyPublicationRepository } from './ebay-publication.repository.ts';
import { KyselyItemRepository } from './item.repository.ts';
import { KyselyListingRepository } from './listing.repository.ts';
import { KyselyListingVersionRepository } from './listing-version.repository.ts';
import { KyselyPhotoReadingRepository } from './photo-reading.repository.ts';
import { KyselyPhotoRepository } from './photo.repository.ts';
import { KyselyPriceEstimateRepository } from './price-estimate.repository.ts';
import { KyselyStageRunRepository } from './stage-run.repository.ts';
import { KyselyTaxonomyCache } from './taxonomy-cache.repository.ts';
import { KyselyAiSpendRepository, KyselyVisionAnswerCache } from './ai-spend.repository.ts';
import { KyselyPublishClaimRepository } from './publish-claim.repository.ts';

/** Every repository port over one Kysely database (PostgreSQL or PGlite). */
export function createKyselyRepositories(db: Kysely<Database>): Repositories {
  return {
    accounts: new KyselyAccountRepository(db),
    batches: new KyselyBatchRepository(db),
    photos: new KyselyPhotoRepository(db),
    items: new KyselyItemRepository(db),
    analyses: new KyselyAnalysisRepository(db),
    listings: new KyselyListingRepository(db),
    prices: new KyselyPriceEstimateRepository(db),
    stageRuns: new KyselyStageRunRepository(db),
    deadLetters: new KyselyDeadLetterRepository(db),
    audit: new KyselyAuditLog(db),
    photoReadings: new KyselyPhotoReadingRepository(db),
    listingVersions: new KyselyListingVersionRepository(db),
    taxonomyCache: new KyselyTaxonomyCache(db),
    ebayPublications: new KyselyPublicationRepository(db),
    ebayImages: new KyselyMarketplaceImageRepository(db),
    ebayConnections: new KyselyEbayConnectionRepository(db),
    aiSpend: new KyselyAiSpendRepository(db),
    visionCache: new KyselyVisionAnswerCache(db),
    publishClaims: new KyselyPublishClaimRepository(db),
  };
}
