import { EasyFlipError, PermanentError } from '../contracts/errors.ts';
import type { ErrorCode } from '../contracts/errors.ts';
import type { StageJob, StageRunStatus } from '../contracts/stages.ts';
import type { Logger } from '../ports/logger.ts';
import type { PipelineEvents } from '../ports/pipeline-events.ts';
import type { StageMetrics } from '../ports/stage-metrics.ts';
import type { JobContext, StageQueue } from '../ports/stage-queue.ts';
import type { Tracing } from '../ports/tracing.ts';
import { stageCatalog, subjectOf } from './catalog.ts';
import type { Orchestrator } from './orchestrator.ts';
import type { StageHandlers } from './stage-handlers.ts';
import type { StagePorts } from './stages/stage-ports.ts';

export interface RunStageDependencies {
  ports: StagePorts;
  handlers: StageHandlers;
  orchestrator: Orchestrator;
  queue: StageQueue;
  events: PipelineEvents;
  logger: Logger;
  /** Duration and outcome of every run; absent, nothing is measured. */
  metrics?: StageMetrics;
  /** A span per run, child of the job's cause; absent, nothing is traced. */
  tracing?: Tracing;
}

/**
 * The one wrapper around every stage: validates the payload, skips work the database says is
 * done, records the run, logs and measures, and turns an error into a retry or a dead letter.
 * Returns when the job is settled; throws only to ask the queue for another try.
 */
export function createStageJobHandler(deps: RunStageDependencies): (job: StageJob, context: JobContext) => Promise<void> {
  const { stageRuns, deadLetters } = deps.ports.repositories;

  return function runStage(job: StageJob, context: JobContext): Promise<void> {
    const tracing = deps.tracing;
    if (!tracing) return runJob(job, context);
    const attributes = {
      'easyflip.stage': job.stage,
      'easyflip.batch_id': job.payload.batchId,
      'easyflip.subject_id': subjectOf(job),
      'easyflip.attempt': context.attempt,
    };
    return tracing.inSpan(`stage ${job.stage}`, { kind: 'consumer', parent: job.trace ?? null, attributes }, () => runJob(job, context));
  };

  async function runJob(job: StageJob, context: JobContext): Promise<void> {
    const definition = stageCatalog[job.stage];
    const parsed = definition.payload.safeParse(job.payload);
    if (!parsed.success) {
      deps.logger.error({ stage: job.stage, payload: job.payload, issues: parsed.error.issues }, 'invalid stage payload dropped');
      return;
    }
    const subjectId = subjectOf(job);
    const log = deps.logger.child({
      batchId: job.payload.batchId,
      itemId: 'itemId' in job.payload ? job.payload.itemId : undefined,
      photoId: 'photoId' in job.payload ? job.payload.photoId : undefined,
      stage: job.stage,
    });

    const existing = await stageRuns.get(job.stage, subjectId);
    if (!existing || existing.status === 'succeeded' || existing.status === 'dead') {
      log.debug({ status: existing?.status ?? 'absent' }, 'stage already settled, skipped');
      deps.metrics?.recordStageRun({ stage: job.stage, outcome: 'skipped', durationMs: 0 });
      return;
    }
    const run = await stageRuns.start(job.stage, subjectId);
    const attempt = run.attempts;
    publish(job, subjectId, 'running', attempt);
    const startedAt = performance.now();

    try {
      const outcome = await deps.handlers[job.stage](parsed.data as never, deps.ports);
      await stageRuns.succeed(job.stage, subjectId);
      deps.metrics?.recordStageRun({ stage: job.stage, outcome: 'succeeded', durationMs: elapsed(startedAt) });
      log.info({ attempt, durationMs: elapsed(startedAt), outcome }, 'stage succeeded');
      publish(job, subjectId, 'succeeded', attempt);
      await enqueueFollowUps(() => deps.orchestrator.succeeded(job), log);
    } catch (error) {
      const reason = describe(error);
      const lastAttempt = attempt >= definition.attempts || context.attempt >= context.maxAttempts;
      if (isRetryable(error) && !lastAttempt) {
        await stageRuns.fail(job.stage, subjectId, reason);
        deps.metrics?.recordStageRun({ stage: job.stage, outcome: 'retried', durationMs: elapsed(startedAt) });
        log.warn({ attempt, durationMs: elapsed(startedAt), err: error }, 'stage failed, will retry');
        publish(job, subjectId, 'failed', attempt, reason);
        throw error;
      }
      await stageRuns.kill(job.stage, subjectId, reason);
      await deadLetters.add({
        stageRunId: run.id,
        stage: job.stage,
        batchId: job.payload.batchId,
        subjectId,
        payload: job.payload,
        errorCode: codeOf(error),
        reason,
      });
      deps.metrics?.recordStageRun({ stage: job.stage, outcome: 'dead', durationMs: elapsed(startedAt) });
      log.error({ attempt, durationMs: elapsed(startedAt), err: error }, 'stage dead-lettered');
      publish(job, subjectId, 'dead', attempt, reason);
      await enqueueAll(await deps.orchestrator.died(job, reason));
    }
  }

  /**
   * Next jobs carry this run's span, so their spans are its children. They go out together (a
   * segmentation starts every item's analysis at once): the calls start in order, so a queue that
   * takes jobs as they come still runs them in order.
   */
  async function enqueueAll(jobs: StageJob[]): Promise<void> {
    const trace = deps.tracing?.currentContext() ?? null;
    await Promise.all(jobs.map((next) => deps.queue.enqueue(trace ? { ...next, trace } : next)));
  }

  /**
   * The stages after a success. A queue that cannot take them (Redis away) must not turn the
   * recorded success into a retry that would do the stage's work twice: their runs are in the
   * database, and the reconciler enqueues them.
   */
  async function enqueueFollowUps(nextJobs: () => Promise<StageJob[]>, log: Logger): Promise<void> {
    try {
      await enqueueAll(await nextJobs());
    } catch (error) {
      log.warn({ err: error }, 'next stages not enqueued; the reconciler will enqueue them');
    }
  }

  function publish(job: StageJob, subjectId: string, status: StageRunStatus, attempt: number, error?: string): void {
    deps.events.publish({
      batchId: job.payload.batchId,
      stage: job.stage,
      subjectId,
      status,
      attempt,
      ...(error === undefined ? {} : { error }),
      at: new Date().toISOString(),
    });
  }
}

/** Permanent errors never retry; our transient ones do; unknown errors (bugs, I/O) get the retries too. */
function isRetryable(error: unknown): boolean {
  if (error instanceof EasyFlipError) return error.retryable;
  return true;
}

function codeOf(error: unknown): ErrorCode {
  return error instanceof EasyFlipError ? error.code : 'INTERNAL';
}

function describe(error: unknown): string {
  if (error instanceof PermanentError) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function elapsed(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
