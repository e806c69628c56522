import type { TraceCarrier } from '../contracts/stages.ts';

export type SpanAttributes = Record<string, string | number | boolean>;

/** A span under way: work run through `activate` becomes its child, and jobs it enqueues carry it. */
export interface TraceSpan {
  activate<T>(work: () => T): T;
  setAttributes(attributes: SpanAttributes): void;
  /** Ends the span; an error marks it failed. */
  end(error?: unknown): void;
}

export interface SpanStart {
  attributes?: SpanAttributes;
  /** The context a job carried from the request or stage that caused it; absent, the span active now is the parent. */
  parent?: TraceCarrier | null;
  kind?: 'internal' | 'server' | 'consumer';
}

/**
 * Traces of the work behind one upload, across processes: the HTTP request, then every stage's
 * job, each a child of the one that caused it. Only wired when an exporter is configured.
 */
export interface Tracing {
  startSpan(name: string, options?: SpanStart): TraceSpan;
  /** Runs `work` in a new span, ended when it settles (failed if it throws). */
  inSpan<T>(name: string, options: SpanStart, work: (span: TraceSpan) => Promise<T>): Promise<T>;
  /** The active span's context as W3C trace context, to put in a job; null when no span is active. */
  currentContext(): TraceCarrier | null;
}
