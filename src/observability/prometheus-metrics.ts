import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StageName } from '../contracts/stages.ts';
import type { BreakerState, ExternalCallMetrics, ExternalCallOutcome } from '../ports/external-call-metrics.ts';
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
/** Outside calls take from a cached millisecond to a vision model's half minute. */
const CALL_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half_open'];

/**
 * The process's Prometheus metrics: stage durations and outcomes as they happen, calls to outside
 * services and their breakers, queue depth and dead letters read when scraped, and Node's own
 * (event loop, memory, GC).
 */
export class PrometheusMetrics implements StageMetrics, ExternalCallMetrics {
  readonly registry = new Registry();
  private readonly stageSeconds: Histogram<'stage' | 'outcome'>;
  private readonly stageRuns: Counter<'stage' | 'outcome'>;
  private readonly callSeconds: Histogram<'service' | 'operation' | 'outcome'>;
  private readonly callErrors: Counter<'service' | 'operation' | 'outcome'>;
  private readonly breakerState: Gauge<'service' | 'state'>;

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

    this.callSeconds = new Histogram({
      name: 'easyflip_external_call_duration_seconds',
      help: 'Time a call to an outside service took (eBay, vision models, OCR), by service, operation and outcome.',
      labelNames: ['service', 'operation', 'outcome'],
      buckets: CALL_SECONDS_BUCKETS,
      registers: [this.registry],
    });
    this.callErrors = new Counter({
      name: 'easyflip_external_call_errors_total',
      help: 'Calls to outside services that failed, by outcome: error, timeout, rate_limited or rejected (breaker open).',
      labelNames: ['service', 'operation', 'outcome'],
      registers: [this.registry],
    });
    this.breakerState = new Gauge({
      name: 'easyflip_circuit_breaker_state',
      help: 'State of the circuit breaker in front of each outside service: 1 for its current state, 0 for the others.',
      labelNames: ['service', 'state'],
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

  recordCall(call: { service: string; operation: string; outcome: ExternalCallOutcome; durationMs: number }): void {
    const labels = { service: call.service, operation: call.operation, outcome: call.outcome };
    this.callSeconds.observe(labels, call.durationMs / 1000);
    if (call.outcome !== 'ok') this.callErrors.inc(labels);
  }

  recordBreakerState(breaker: { service: string; state: BreakerState }): void {
    for (const state of BREAKER_STATES) this.breakerState.set({ service: breaker.service, state }, state === breaker.state ? 1 : 0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text a Prometheus scrape reads. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
