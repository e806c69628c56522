import type { StageJob } from '../contracts/stages.ts';
import type { Logger } from '../ports/logger.ts';
import type { Repositories, StageRunRecord } from '../ports/repositories.ts';
import type { StageQueue } from '../ports/stage-queue.ts';
import { jobIdOf } from './catalog.ts';
import { jobOfRun, type Orchestrator } from './orchestrator.ts';

export interface ReconcilerDependencies {
  repositories: Repositories;
  orchestrator: Orchestrator;
  queue: StageQueue;
  logger: Logger;
}

export interface ReconcileOptions {
  /**
   * A run marked running whose job is gone is put back only once it started this long ago: with
   * workers in other processes, one may still be on it (a flushed Redis forgets the job, not the
   * worker). 0 when this process owns every job, as in the embedded mode.
   */
  runningGraceMs?: number;
  now?: () => number;
}

/**
 * The database is the truth; the queue only carries work. Every unfinished stage run whose job is
 * gone goes back on the queue, and every batch still processing is walked for next steps that a
 * crash may have kept from being created. A job the queue still holds (waiting, delayed for a retry,
 * running in some worker) is left alone, so running this at any time adds nothing twice.
 */
export async function reconcileUnfinishedWork(
  deps: ReconcilerDependencies,
  options: ReconcileOptions = {},
): Promise<{ requeued: number }> {
  const graceMs = options.runningGraceMs ?? 0;
  const now = options.now?.() ?? Date.now();
  const unfinished = await deps.repositories.stageRuns.listUnfinished();
  const candidates = new Map<string, { job: StageJob; run: StageRunRecord | null }>();
  for (const run of unfinished) {
    const job = jobOfRun(run);
    candidates.set(jobIdOf(job), { job, run });
  }
  for (const batch of await deps.repositories.batches.listByStatus('processing')) {
    for (const job of await deps.orchestrator.reconcileBatch(batch.id)) {
      const id = jobIdOf(job);
      if (!candidates.has(id)) candidates.set(id, { job, run: null });
    }
  }

  let requeued = 0;
  for (const { job, run } of candidates.values()) {
    if (run?.status === 'running' && graceMs > 0 && now - (run.startedAt?.getTime() ?? 0) < graceMs) continue;
    if (deps.queue.isQueued && (await deps.queue.isQueued(job))) continue;
    await deps.queue.enqueue(job);
    requeued += 1;
  }
  if (requeued > 0) deps.logger.info({ requeued }, 'reconciler re-enqueued unfinished work');
  return { requeued };
}

export interface PeriodicReconciler {
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

/** Runs the reconciler every `intervalMs`, one round at a time; a failed round is logged and the next one tries again. */
export function startPeriodicReconciler(
  deps: ReconcilerDependencies,
  options: ReconcileOptions & { intervalMs: number },
): PeriodicReconciler {
  let round: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (round) return;
    round = reconcileUnfinishedWork(deps, options)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error({ err: error }, 'reconciler round failed'))
      .finally(() => {
        round = null;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await round;
    },
  };
}
