import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StageName } from '../contracts/stages.ts';
import type { StageMetrics, StageRunOutcome } from '../ports/stage-metrics.ts';
import type { QueueDepth } from '../ports/stage-queue.ts';

export interface MetricsSources {
  /** Jobs per queue and state, read at every scrape. */
  queueDepth?: () => Promise<QueueDepth[]>;
  /** Dead letters per stage, read at every scrape. */
  deadLetters?: () => Promise<Partial<Record<StageName, number>>>;
}

/** Stage runs take from milliseconds (a skipped run) to minutes (a slow vision model). */
const STAGE_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The process's Prometheus metrics: stage durations and outcomes as they happen, queue depth and
 * dead letters read when scraped, and Node's own (event loop, memory, GC).
 */
export class PrometheusMetrics implements StageMetrics {
  readonly registry = new Registry();
  private readonly stageSeconds: Histogram<'stage' | 'outcome'>;
  private readonly stageRuns: Counter<'stage' | 'outcome'>;

  constructor(sources: MetricsSources = {}, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service: 'easyflip' });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'easyflip_' });

    this.stageSeconds = new Histogram({
      name: 'easyflip_stage_duration_seconds',
      help: 'Time one stage run took, by stage and outcome (skipped runs are not timed).',
      labelNames: ['stage', 'outcome'],
      buckets: STAGE_SECONDS_BUCKETS,
      registers: [this.registry],
    });
    this.stageRuns = new Counter({
      name: 'easyflip_stage_runs_total',
      help: 'Stage runs by stage and outcome: succeeded, retried, dead (dead-lettered) or skipped (already settled).',
      labelNames: ['stage', 'outcome'],
      registers: [this.registry],
    });

    const { queueDepth, deadLetters } = sources;
    if (queueDepth) {
      new Gauge({
        name: 'easyflip_queue_jobs',
        help: 'Jobs on each queue by state: waiting, delayed (backing off before a retry) or active.',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const depth of await queueDepth()) {
            this.set({ queue: depth.queue, state: 'waiting' }, depth.waiting);
            this.set({ queue: depth.queue, state: 'delayed' }, depth.delayed);
            this.set({ queue: depth.queue, state: 'active' }, depth.active);
          }
        },
      });
    }
    if (deadLetters) {
      new Gauge({
        name: 'easyflip_dead_letters',
        help: 'Dead letters waiting for an operator, by stage.',
        labelNames: ['stage'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const [stage, count] of Object.entries(await deadLetters())) this.set({ stage }, count);
        },
      });
    }
  }

  recordStageRun(run: { stage: StageName; outcome: StageRunOutcome; durationMs: number }): void {
    this.stageRuns.inc({ stage: run.stage, outcome: run.outcome });
    if (run.outcome !== 'skipped') this.stageSeconds.observe({ stage: run.stage, outcome: run.outcome }, run.durationMs / 1000);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text a Prometheus scrape reads. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
