import type { StageName } from '../contracts/stages.ts';

/** How one run of a stage ended: done, handed back to the queue for a retry, dead-lettered, or skipped as already settled. */
export type StageRunOutcome = 'succeeded' | 'retried' | 'dead' | 'skipped';

/** What the pipeline wrapper reports about every stage run; the stages themselves report nothing. */
export interface StageMetrics {
  recordStageRun(run: { stage: StageName; outcome: StageRunOutcome; durationMs: number }): void;
}
