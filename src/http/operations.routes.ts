import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BatchStatusDto } from '../contracts/batch.ts';
import { PermanentError } from '../contracts/errors.ts';
import { StageName, type PipelineEvent } from '../contracts/stages.ts';
import type { DeadLetterService } from '../services/dead-letter.service.ts';

/** What the operations routes need; the container hands them over. */
export interface OperationsServices {
  deadLetters: DeadLetterService;
  /** Prometheus exposition; null when metrics are turned off. */
  metrics: { contentType: string; render(): Promise<string> } | null;
  /** Stage progress of every worker (in-process or over Redis). */
  progress: { subscribe(listener: (event: PipelineEvent) => void): () => void };
  batches: { getStatus(batchId: string): Promise<BatchStatusDto> };
}

export interface OperationsRouteOptions {
  /** A comment line this often keeps proxies from closing a quiet event stream. */
  heartbeatMs?: number;
  /** Progress snapshots follow stage events at most this often. */
  snapshotEveryMs?: number;
}

const LetterParams = z.object({ id: z.uuid() });
const BatchParams = z.object({ batchId: z.uuid() });
const LetterQuery = z.object({ batchId: z.uuid().optional(), stage: StageName.optional() });
const RetryAllBody = z.object({ batchId: z.uuid().optional() });

/**
 * Operations: Prometheus metrics, the dead-letter list (inspect, retry, discard) and each batch's
 * progress as server-sent events (`stage` for every stage event, `status` for progress snapshots).
 */
export function registerOperationsRoutes(
  app: FastifyInstance,
  services: OperationsServices,
  options: OperationsRouteOptions = {},
): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const snapshotEveryMs = options.snapshotEveryMs ?? 500;
  // Open event streams never go idle: the server ends them itself when it shuts down.
  const openStreams = new Set<{ end(): void }>();
  app.addHook('preClose', (done) => {
    for (const stream of openStreams) stream.end();
    done();
  });

  app.get('/metrics', async (_request, reply) => {
    if (!services.metrics) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Metrics are turned off (METRICS_ENABLED=false).' } });
    return reply.header('content-type', services.metrics.contentType).send(await services.metrics.render());
  });

  app.get('/api/dead-letters', async (request) => {
    const query = parse(LetterQuery, request.query ?? {});
    const filter = {
      ...(query.batchId === undefined ? {} : { batchId: query.batchId }),
      ...(query.stage === undefined ? {} : { stage: query.stage }),
    };
    return { deadLetters: await services.deadLetters.list(filter) };
  });

  app.get('/api/dead-letters/:id', async (request) => {
    const { id } = parse(LetterParams, request.params);
    return services.deadLetters.get(id);
  });

  app.post('/api/dead-letters/retry-all', async (request, reply) => {
    const body = parse(RetryAllBody, request.body ?? {});
    const result = await services.deadLetters.retryAll(body.batchId === undefined ? {} : { batchId: body.batchId }, 'api');
    return reply.status(202).send(result);
  });

  app.post('/api/dead-letters/:id/retry', async (request, reply) => {
    const { id } = parse(LetterParams, request.params);
    return reply.status(202).send(await services.deadLetters.retry(id, 'api'));
  });

  app.delete('/api/dead-letters/:id', async (request, reply) => {
    const { id } = parse(LetterParams, request.params);
    await services.deadLetters.discard(id, 'api');
    return reply.status(204).send();
  });

  app.get('/api/batches/:batchId/events', async (request, reply) => {
    const { batchId } = parse(BatchParams, request.params);
    await services.batches.getStatus(batchId);

    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 3000\n\n');
    openStreams.add(stream);
    let open = true;
    const send = (event: 'stage' | 'status', data: unknown): void => {
      if (open) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const sendSnapshot = async (): Promise<void> => {
      try {
        send('status', await services.batches.getStatus(batchId));
      } catch (error) {
        request.log.warn({ err: error, batchId }, 'progress snapshot failed');
      }
    };

    let snapshotTimer: NodeJS.Timeout | null = null;
    const unsubscribe = services.progress.subscribe((event) => {
      if (event.batchId !== batchId) return;
      send('stage', event);
      snapshotTimer ??= setTimeout(() => {
        snapshotTimer = null;
        void sendSnapshot();
      }, snapshotEveryMs);
    });
    const heartbeat = setInterval(() => {
      if (open) stream.write(': keep-alive\n\n');
    }, heartbeatMs);
    stream.once('close', () => {
      open = false;
      openStreams.delete(stream);
      unsubscribe();
      clearInterval(heartbeat);
      if (snapshotTimer) clearTimeout(snapshotTimer);
    });
    // Subscribed first, then the snapshot: nothing that happens in between is missed.
    await sendSnapshot();
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new PermanentError('VALIDATION_FAILED', `The request is not valid: ${detail}`);
  }
  return result.data;
}
