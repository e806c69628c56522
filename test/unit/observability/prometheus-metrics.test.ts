import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../../src/observability/prometheus-metrics.ts';

/** The value of the sample of `metric` that carries every one of the `labels` (written `name="value"`). */
function sampleOf(text: string, metric: string, labels: string): number | undefined {
  const wanted = labels.split(',');
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${metric}{`) && wanted.every((label) => candidate.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('the Prometheus metrics', () => {
  it('counts stage runs by outcome and times every run but the skipped ones', async () => {
    const metrics = new PrometheusMetrics({}, { processMetrics: false });
    metrics.recordStageRun({ stage: 'analyse', outcome: 'succeeded', durationMs: 1500 });
    metrics.recordStageRun({ stage: 'analyse', outcome: 'succeeded', durationMs: 300 });
    metrics.recordStageRun({ stage: 'analyse', outcome: 'retried', durationMs: 40 });
    metrics.recordStageRun({ stage: 'ingest', outcome: 'skipped', durationMs: 0 });
    const text = await metrics.render();

    expect(sampleOf(text, 'easyflip_stage_runs_total', 'stage="analyse",outcome="succeeded"')).toBe(2);
    expect(sampleOf(text, 'easyflip_stage_runs_total', 'stage="analyse",outcome="retried"')).toBe(1);
    expect(sampleOf(text, 'easyflip_stage_runs_total', 'stage="ingest",outcome="skipped"')).toBe(1);
    expect(sampleOf(text, 'easyflip_stage_duration_seconds_count', 'stage="analyse",outcome="succeeded"')).toBe(2);
    expect(sampleOf(text, 'easyflip_stage_duration_seconds_sum', 'stage="analyse",outcome="succeeded"')).toBeCloseTo(1.8);
    expect(sampleOf(text, 'easyflip_stage_duration_seconds_bucket', 'le="0.5",stage="analyse",outcome="succeeded"')).toBe(1);
    expect(sampleOf(text, 'easyflip_stage_duration_seconds_count', 'stage="ingest"')).toBeUndefined();
  });

  it('reads queue depth and dead letters afresh at every scrape', async () => {
    let waiting = 4;
    const metrics = new PrometheusMetrics(
      {
        queueDepth: () => Promise.resolve([{ queue: 'ai-analysis', waiting, delayed: 2, active: 5 }]),
        deadLetters: () => Promise.resolve({ publish: 3 }),
      },
      { processMetrics: false },
    );
    const first = await metrics.render();
    expect(sampleOf(first, 'easyflip_queue_jobs', 'queue="ai-analysis",state="waiting"')).toBe(4);
    expect(sampleOf(first, 'easyflip_queue_jobs', 'queue="ai-analysis",state="delayed"')).toBe(2);
    expect(sampleOf(first, 'easyflip_queue_jobs', 'queue="ai-analysis",state="active"')).toBe(5);
    expect(sampleOf(first, 'easyflip_dead_letters', 'stage="publish"')).toBe(3);

    waiting = 0;
    const second = await metrics.render();
    expect(sampleOf(second, 'easyflip_queue_jobs', 'queue="ai-analysis",state="waiting"')).toBe(0);
  });

  it('exposes Node process metrics under the easyflip prefix when asked', async () => {
    const metrics = new PrometheusMetrics();
    expect(metrics.contentType).toContain('text/plain');
    expect(await metrics.render()).toContain('easyflip_process_cpu_user_seconds_total');
  });
});
