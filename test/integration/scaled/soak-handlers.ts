import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/adapters/db/schema.ts';
import { RateLimitedError, TransientError } from '../../../src/contracts/errors.ts';
import type { StageHandlers } from '../../../src/pipeline/stage-handlers.ts';
import { createSyntheticHandlers } from '../../support/synthetic-pipeline.ts';

export const SOAK_PHOTOS_PER_ITEM = 2;

/**
 * The soak's side effects, one row per application (no unique key, so a double shows), and the
 * reruns that found their effect already applied (a job taken over from a killed worker).
 */
export async function createEffectLedger(db: Kysely<Database>): Promise<void> {
  await sql`create table if not exists soak_effects (stage text not null, subject_id text not null, pid integer not null, at timestamptz not null default now())`.execute(db);
  await sql`create table if not exists soak_resumed (stage text not null, subject_id text not null, pid integer not null)`.execute(db);
}

/** One call to the flaky provider, its failures turned into errors the way the real adapters do. */
async function callProvider(url: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new TransientError('TIMEOUT', `The provider did not answer within ${timeoutMs} ms.`, { cause: error });
    }
    throw new TransientError('PROVIDER_UNAVAILABLE', 'The provider could not be reached.', { cause: error });
  }
  await response.arrayBuffer();
  if (response.ok) return;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    throw new RateLimitedError('The provider answered HTTP 429.', seconds * 1000);
  }
  throw new TransientError('PROVIDER_UNAVAILABLE', `The provider answered HTTP ${response.status}.`);
}

/**
 * Stages for the soak: segmentation groups the photos two to an item; every other stage calls the
 * flaky provider, then applies its side effect unless the ledger already has it, as the real
 * stages skip a step a killed attempt finished. Two runs of one job at the same time would both
 * apply it: the ledger shows that as a double.
 */
export function createSoakHandlers(db: Kysely<Database>, provider: { url: string; timeoutMs: number }): StageHandlers {
  return createSyntheticHandlers({
    photosPerItem: SOAK_PHOTOS_PER_ITEM,
    work: async (stage, subjectId) => {
      await callProvider(`${provider.url}/${stage}/${subjectId}`, provider.timeoutMs);
      const applied = await sql<{ found: number }>`
        select 1 as found from soak_effects where stage = ${stage} and subject_id = ${subjectId} limit 1`.execute(db);
      if (applied.rows.length > 0) {
        await sql`insert into soak_resumed (stage, subject_id, pid) values (${stage}, ${subjectId}, ${process.pid})`.execute(db);
        return;
      }
      await sql`insert into soak_effects (stage, subject_id, pid) values (${stage}, ${subjectId}, ${process.pid})`.execute(db);
    },
  });
}
