import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createConfiguredTracing, OpenTelemetryTracing } from '../../../src/observability/tracing.ts';

function tracingToMemory(): { tracing: OpenTelemetryTracing; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  return { tracing: new OpenTelemetryTracing({ serviceName: 'test', spanProcessors: [new SimpleSpanProcessor(exporter)] }), exporter };
}

describe('tracing on OpenTelemetry', () => {
  it('starts no SDK when no OTLP endpoint is configured', () => {
    expect(createConfiguredTracing({ otlpEndpoint: null, serviceName: 'easyflip' })).toBeNull();
  });

  it('has no context to carry outside a span, and the span’s own inside it', async () => {
    const { tracing, exporter } = tracingToMemory();
    expect(tracing.currentContext()).toBeNull();
    const carried = await tracing.inSpan('outer', {}, () => Promise.resolve(tracing.currentContext()));
    const [outer] = exporter.getFinishedSpans();
    expect(carried?.traceparent).toBe(`00-${outer!.spanContext().traceId}-${outer!.spanContext().spanId}-01`);
  });

  it('makes a span the child of a carried traceparent, in the same trace', async () => {
    const { tracing, exporter } = tracingToMemory();
    const parent = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await tracing.inSpan('job', { parent }, () => Promise.resolve());
    const [job] = exporter.getFinishedSpans();
    expect(job!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(job!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('starts a new trace when the carried context is unreadable', async () => {
    const { tracing, exporter } = tracingToMemory();
    await tracing.inSpan('job', { parent: { traceparent: 'not-a-traceparent' } }, () => Promise.resolve());
    const [job] = exporter.getFinishedSpans();
    expect(job!.parentSpanContext).toBeUndefined();
  });

  it('marks a span failed when its work throws, and passes the error on', async () => {
    const { tracing, exporter } = tracingToMemory();
    await expect(tracing.inSpan('job', {}, () => Promise.reject(new Error('provider down')))).rejects.toThrow('provider down');
    const [job] = exporter.getFinishedSpans();
    expect(job!.status).toMatchObject({ code: 2, message: 'provider down' });
    expect(job!.events.map((event) => event.name)).toContain('exception');
  });

  it('keeps concurrent spans apart', async () => {
    const { tracing } = tracingToMemory();
    const seen = await Promise.all(
      ['a', 'b'].map((name) =>
        tracing.inSpan(name, {}, async () => {
          const before = tracing.currentContext();
          await new Promise((resolve) => setTimeout(resolve, 5));
          return before?.traceparent === tracing.currentContext()?.traceparent;
        }),
      ),
    );
    expect(seen).toEqual([true, true]);
  });
});
