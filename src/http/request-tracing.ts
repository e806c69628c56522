import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A span under way, as the HTTP layer uses it (the container hands over the tracing port). */
interface RequestSpan {
  activate<T>(work: () => T): T;
  setAttributes(attributes: Record<string, string | number | boolean>): void;
  end(error?: unknown): void;
}

export interface RequestTracing {
  startSpan(
    name: string,
    options: { kind: 'server'; attributes: Record<string, string | number | boolean>; parent: { traceparent: string } | null },
  ): RequestSpan;
}

/** Scrapes, probes and event streams would only bury the requests worth reading. */
const UNTRACED = new Set(['/metrics', '/healthz', '/readyz', '/api/batches/:batchId/events']);

/**
 * One server span per API request, continuing the caller's trace when it sends a W3C `traceparent`
 * header. The rest of the request runs inside it, so the stage jobs it enqueues (an upload's
 * ingests) carry it and their spans join the same trace.
 */
export function registerRequestTracing(app: FastifyInstance, tracing: RequestTracing): void {
  const spans = new WeakMap<FastifyRequest, RequestSpan>();
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || UNTRACED.has(route)) {
      done();
      return;
    }
    const span = tracing.startSpan(`${request.method} ${route}`, {
      kind: 'server',
      attributes: { 'http.request.method': request.method, 'http.route': route },
      parent: typeof request.headers.traceparent === 'string' ? { traceparent: request.headers.traceparent } : null,
    });
    spans.set(request, span);
    // Everything after this hook (body parsing, the handler) runs in the span's context.
    span.activate(() => done());
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttributes({ 'http.response.status_code': reply.statusCode });
      span.end(reply.statusCode >= 500 ? new Error(`HTTP ${reply.statusCode}`) : undefined);
    }
    done();
  });
}
