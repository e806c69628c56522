import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/adapters/db/schema.ts';
import { RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import type { StageName } from '../../../src/contracts/stages.ts';
import type { StageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import type { NewItem } from '../../../src/ports/repositories.ts';

export const SOAK_PHOTOS_PER_ITEM = 2;

/** The table where every applied side effect is written down, one row per application. */
export async function createEffectLedger(db: Kysely<Database>): Promise<void> {
  await sql`create table if not exists soak_effects (stage text not null, subject_id text not null, pid integer not null, at timestamptz not null default now())`.execute(db);
}

/**
 * A provider that fails `failureShare` of its calls, the way real ones do: a 500, a timeout, or a
 * 429 with Retry-After; otherwise it answers after a few milliseconds.
 */
async function callFlakyProvider(failureShare: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  const draw = Math.random();
  if (draw >= failureShare) return;
  const kind = Math.floor((draw / failureShare) * 3);
  if (kind === 0) throw new TransientError('PROVIDER_UNAVAILABLE', 'The provider answered HTTP 500.');
  if (kind === 1) throw new TransientError('TIMEOUT', 'The provider did not answer in time.');
  throw new RateLimitedError('The provider answered HTTP 429.', 50);
}

/**
 * Stages for the soak: segmentation groups the photos two to an item; ingest, analysis,
 * composition and pricing each call a flaky provider, then apply their side effect, which the
 * ledger records.
 */
export function createSoakHandlers(db: Kysely<Database>, failureShare: number): StageHandlers {
  const applyEffect = async (stage: StageName, subjectId: string): Promise<void> => {
    await sql`insert into soak_effects (stage, subject_id, pid) values (${stage}, ${subjectId}, ${process.pid})`.execute(db);
  };
  return {
    ingest: async (payload) => {
      await callFlakyProvider(failureShare);
      await applyEffect('ingest', payload.photoId);
      return { stage: 'ingest' };
    },
    segment: async (payload, ports) => {
      const photos = await ports.repositories.photos.listByBatch(payload.batchId);
      const items: NewItem[] = [];
      for (let start = 0; start < photos.length; start += SOAK_PHOTOS_PER_ITEM) {
        const group = photos.slice(start, start + SOAK_PHOTOS_PER_ITEM);
        items.push({
          position: items.length + 1,
          sku: `SOAK-${items.length + 1}`,
          skuPhotoId: group[0]!.id,
          weight: null,
          productCode: null,
          flags: [],
          photoIds: group.map((photo) => photo.id),
        });
      }
      await ports.repositories.items.replaceForBatch(payload.batchId, items, []);
      await applyEffect('segment', payload.batchId);
      return { stage: 'segment' };
    },
    analyse: async (payload) => {
      await callFlakyProvider(failureShare);
      await applyEffect('analyse', payload.itemId);
      return { stage: 'analyse' };
    },
    compose: async (payload) => {
      await callFlakyProvider(failureShare);
      await applyEffect('compose', payload.itemId);
      return { stage: 'compose' };
    },
    price: async (payload) => {
      await callFlakyProvider(failureShare);
      await applyEffect('price', payload.itemId);
      return { stage: 'price' };
    },
    publish: async (payload) => {
      await callFlakyProvider(failureShare);
      await applyEffect('publish', payload.itemId);
      return { stage: 'publish' };
    },
  };
}
