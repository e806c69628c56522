import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateBatchRequest, type UploadedPhotoResult } from '../contracts/batch.ts';
import { EasyFlipError, PermanentError } from '../contracts/errors.ts';
import type { BatchService } from '../services/batch.service.ts';
import type { ExportService } from '../services/export.service.ts';
import type { HealthService } from '../services/health.service.ts';
import type { PhotoService } from '../services/photo.service.ts';
import { toErrorResponse } from './error-mapping.ts';
import { registerOperationsRoutes, type OperationsServices } from './operations.routes.ts';
import { registerAdminQueueBoard, type AdminQueueBoard } from './admin-queues.routes.ts';
import { registerRequestTracing, type RequestTracing } from './request-tracing.ts';
import { registerListingRoutes } from './listing.routes.ts';
import { registerRegroupingRoutes } from './regrouping.routes.ts';
import type { RegroupingService } from '../services/regrouping.service.ts';
import { registerEbayAccountRoutes } from './ebay-account.routes.ts';
import { registerPublishingRoutes } from './publishing.routes.ts';
import type { PublishingService } from '../services/publishing.service.ts';
import type { EbayAccountService } from '../services/ebay-account.service.ts';
import type { ListingService } from '../services/listing.service.ts';

export interface HttpServices {
  batches: BatchService;
  exports: ExportService;
  photos: PhotoService;
  health: HealthService;
  listings: ListingService;
  /** Moving photos between items, splitting, merging, marking the SKU photo; left out, not served. */
  regrouping?: RegroupingService;
  /** Connecting the seller's eBay account and choosing listing defaults; left out, not served. */
  ebayAccount?: EbayAccountService;
  /** Approving items for publishing on eBay; left out, not served. */
  publishing?: PublishingService;
}

export interface HttpOptions {
  logger: FastifyBaseLogger | false;
  /** Multipart safety net per file; the photo store applies the real limit with a clear error. */
  maxUploadBytes: number;
  maxFilesPerRequest: number;
  /** Metrics, dead letters and progress events; left out, those routes are not served. */
  operations?: OperationsServices;
  /** A span per request, parent of the stage jobs it causes; left out, nothing is traced. */
  tracing?: RequestTracing | null;
  /** The queue board for admins (scaled mode with ADMIN_TOKEN); left out, not mounted. */
  adminQueues?: AdminQueueBoard | null;
}

const BatchParams = z.object({ batchId: z.uuid() });
/** `include=needs_attention` exports listings whose pre-flight check found errors too, as drafts to finish in Seller Hub. */
const CsvExportQuery = z.object({ include: z.literal('needs_attention').optional() });
const PhotoParams = z.object({ photoId: z.uuid(), variant: z.enum(['thumbnail', 'ai', 'ebay']) });

/** The HTTP API: batches, streamed photo uploads, progress, items, the CSV export, health. */
export async function buildHttpApp(services: HttpServices, options: HttpOptions): Promise<FastifyInstance> {
  const app = options.logger === false ? Fastify({ logger: false }) : Fastify({ loggerInstance: options.logger });
  if (options.tracing) registerRequestTracing(app, options.tracing);

  await app.register(multipart, {
    limits: { fileSize: options.maxUploadBytes * 2 + 1024, files: options.maxFilesPerRequest, fields: 10 },
    throwFileSizeLimit: false,
  });

  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof EasyFlipError)) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status < 500) {
        return reply.status(status).send({ error: { code: 'VALIDATION_FAILED', message: (error as Error).message } });
      }
      request.log.error({ err: error }, 'request failed');
    }
    const { status, body } = toErrorResponse(error);
    return reply.status(status).send(body);
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const health = await services.health.checkReady();
    return reply.status(health.ready ? 200 : 503).send(health);
  });

  app.post('/api/batches', async (request, reply) => {
    const body = parse(CreateBatchRequest, request.body ?? {});
    const batch = await services.batches.createBatch({ name: body.name, actor: 'api' });
    return reply.status(201).send(batch);
  });

  app.get('/api/batches/:batchId', async (request) => {
    const { batchId } = parse(BatchParams, request.params);
    return services.batches.getStatus(batchId);
  });

  app.post('/api/batches/:batchId/photos', async (request, reply) => {
    const { batchId } = parse(BatchParams, request.params);
    if (!request.isMultipart()) {
      throw new PermanentError('VALIDATION_FAILED', 'Send the photos as multipart/form-data, one file field per photo.');
    }
    await services.batches.requireBatch(batchId);
    const results: UploadedPhotoResult[] = [];
    for await (const part of request.files()) {
      try {
        const { photo, duplicate } = await services.batches.addPhoto(batchId, {
          fileName: part.filename,
          content: part.file,
        });
        results.push({ fileName: part.filename, status: 'accepted', duplicate, photo });
      } catch (error) {
        part.file.resume();
        if (!(error instanceof EasyFlipError) || error.retryable) throw error;
        results.push({ fileName: part.filename, status: 'refused', error: { code: error.code, message: error.message } });
      }
    }
    return reply.status(results.some((result) => result.status === 'accepted') ? 201 : 422).send({ photos: results });
  });

  app.post('/api/batches/:batchId/submit', async (request, reply) => {
    const { batchId } = parse(BatchParams, request.params);
    return reply.status(202).send(await services.batches.submit(batchId, 'api'));
  });

  app.get('/api/batches/:batchId/items', async (request) => {
    const { batchId } = parse(BatchParams, request.params);
    return services.batches.listItems(batchId);
  });

  app.get('/api/batches/:batchId/export.csv', async (request, reply) => {
    const { batchId } = parse(BatchParams, request.params);
    await services.batches.requireBatch(batchId);
    const { include } = parse(CsvExportQuery, request.query);
    const { csv, heldBack } = await services.exports.exportSellerHubCsv(batchId, { includeNeedsAttention: include === 'needs_attention' });
    return reply
      // Positions of the items left out because their pre-flight check found errors (GET .../items says why).
      .header('x-held-back-items', heldBack.map((item) => item.position).join(','))
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="easyflip-${batchId}.csv"`)
      .send(csv);
  });

  await app.register(registerListingRoutes, services);
  if (services.regrouping) await app.register(registerRegroupingRoutes, { regrouping: services.regrouping });
  if (services.ebayAccount) await app.register(registerEbayAccountRoutes, { ebayAccount: services.ebayAccount });
  if (services.publishing) await app.register(registerPublishingRoutes, { publishing: services.publishing });

  app.get('/api/photos/:photoId/:variant', async (request, reply) => {
    const raw = request.params as { photoId?: string; variant?: string };
    const { photoId, variant } = parse(PhotoParams, { photoId: raw.photoId, variant: raw.variant?.replace(/\.jpg$/, '') });
    const stream = await services.photos.openDerivative(photoId, variant);
    return reply.header('content-type', 'image/jpeg').header('cache-control', 'public, max-age=31536000, immutable').send(stream);
  });

  if (options.operations) registerOperationsRoutes(app, options.operations);
  if (options.adminQueues) await registerAdminQueueBoard(app, options.adminQueues);

  return app;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new PermanentError('VALIDATION_FAILED', `The request is not valid: ${detail}`);
  }
  return result.data;
}
