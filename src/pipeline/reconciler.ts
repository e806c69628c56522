import type { StageJob } from '../contracts/stages.ts';
import type { Logger } from '../ports/logger.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { StageQueue } from '../ports/stage-queue.ts';
import { jobOfRun, type Orchestrator } from './orchestrator.ts';

/**
 * The database is the truth; the queue only carries work. At start, every unfinished stage run
 * goes back on the queue, and every batch still processing is walked for next steps that a
 * crash may have kept from being created.
 */
export async function reconcileUnfinishedWork(deps: {
  repositories: Repositories;
  orchestrator: Orchestrator;
  queue: StageQueue;
  logger: Logger;
}): Promise<{ requeued: number }> {
  const unfinished = await deps.repositories.stageRuns.listUnfinished();
  const jobs: StageJob[] = unfinished.map(jobOfRun);
  for (const batch of await deps.repositories.batches.listByStatus('processing')) {
    jobs.push(...(await deps.orchestrator.reconcileBatch(batch.id)));
  }
  for (const job of jobs) await deps.queue.enqueue(job);
  if (jobs.length > 0) deps.logger.info({ requeued: jobs.length }, 'reconciler re-enqueued unfinished work');
  return { requeued: jobs.length };
}
