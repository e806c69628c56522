import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TraceCarrier } from '../contracts/stages.ts';
import type { SpanAttributes, SpanStart, TraceSpan, Tracing } from '../ports/tracing.ts';

const KINDS = { internal: SpanKind.INTERNAL, server: SpanKind.SERVER, consumer: SpanKind.CONSUMER } as const;
const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;

/**
 * Tracing on the OpenTelemetry SDK. The active span lives in this instance's own async context
 * (nothing global is registered), so several instances, such as tests' in-memory ones, never meet.
 */
export class OpenTelemetryTracing implements Tracing {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly active = new AsyncLocalStorage<Context>();

  constructor(options: { serviceName: string; spanProcessors: SpanProcessor[] }) {
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
      spanProcessors: options.spanProcessors,
    });
    this.tracer = this.provider.getTracer('easyflip');
  }

  startSpan(name: string, options: SpanStart = {}): TraceSpan {
    const parent = options.parent ? contextOf(options.parent) : (this.active.getStore() ?? ROOT_CONTEXT);
    const span = this.tracer.startSpan(name, { kind: KINDS[options.kind ?? 'internal'], ...(options.attributes ? { attributes: options.attributes } : {}) }, parent);
    const spanContext = trace.setSpan(parent, span);
    return {
      activate: (work) => this.active.run(spanContext, work),
      setAttributes: (attributes: SpanAttributes) => span.setAttributes(attributes),
      end: (error?: unknown) => endSpan(span, error),
    };
  }

  async inSpan<T>(name: string, options: SpanStart, work: (span: TraceSpan) => Promise<T>): Promise<T> {
    const span = this.startSpan(name, options);
    try {
      const result = await span.activate(() => work(span));
      span.end();
      return result;
    } catch (error) {
      span.end(error);
      throw error;
    }
  }

  currentContext(): TraceCarrier | null {
    const current = this.active.getStore();
    const spanContext = current ? trace.getSpanContext(current) : undefined;
    if (!spanContext || !trace.isSpanContextValid(spanContext)) return null;
    const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
    return { traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}` };
  }

  /** Sends what is still buffered and stops the exporters. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** The parent context a carried traceparent names; an unreadable one starts a new trace. */
function contextOf(carrier: TraceCarrier): Context {
  const match = TRACEPARENT.exec(carrier.traceparent);
  if (!match) return ROOT_CONTEXT;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  const spanContext: SpanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
  return trace.isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const failure = error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'non-error thrown');
    span.recordException(failure);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  }
  span.end();
}

/**
 * Tracing as configured: spans exported by OTLP over HTTP when an endpoint is set, otherwise none
 * at all (no SDK started, nothing measured).
 */
export function createConfiguredTracing(settings: { otlpEndpoint: string | null; serviceName: string }): OpenTelemetryTracing | null {
  if (!settings.otlpEndpoint) return null;
  // OTEL_EXPORTER_OTLP_ENDPOINT names the collector's base; the traces path goes after it.
  const url = `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
  return new OpenTelemetryTracing({
    serviceName: settings.serviceName,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
}
