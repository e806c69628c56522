import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PermanentError } from '../contracts/errors.ts';
import { MarkSkuPhotoRequest, MergeItemsRequest, MovePhotosRequest, SplitItemRequest } from '../contracts/regrouping.ts';
import type { RegroupingService } from '../services/regrouping.service.ts';

export interface RegroupingRouteServices {
  regrouping: RegroupingService;
}

const BatchParams = z.object({ batchId: z.uuid() });
const ItemParams = z.object({ batchId: z.uuid(), itemId: z.uuid() });

/** Who made a change; the API has no sign-in yet, so every request acts as "api". */
const ACTOR = 'api';

/**
 * The regrouping API: the seller's corrections to how a batch was split into items. Each answers
 * which items it touched, created and deleted; the touched and created ones are analysed again.
 */
export function registerRegroupingRoutes(app: FastifyInstance, services: RegroupingRouteServices): Promise<void> {
  app.post('/api/batches/:batchId/photos/move', async (request) => {
    const { batchId } = parseInput(BatchParams, request.params);
    return services.regrouping.movePhotos(batchId, parseInput(MovePhotosRequest, request.body ?? {}), ACTOR);
  });

  app.post('/api/batches/:batchId/items/:itemId/split', async (request) => {
    const { batchId, itemId } = parseInput(ItemParams, request.params);
    return services.regrouping.splitItem(batchId, itemId, parseInput(SplitItemRequest, request.body ?? {}), ACTOR);
  });

  app.post('/api/batches/:batchId/items/merge', async (request) => {
    const { batchId } = parseInput(BatchParams, request.params);
    return services.regrouping.mergeItems(batchId, parseInput(MergeItemsRequest, request.body ?? {}), ACTOR);
  });

  app.post('/api/batches/:batchId/sku-photo', async (request) => {
    const { batchId } = parseInput(BatchParams, request.params);
    return services.regrouping.markSkuPhoto(batchId, parseInput(MarkSkuPhotoRequest, request.body ?? {}), ACTOR);
  });

  return Promise.resolve();
}

function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new PermanentError('VALIDATION_FAILED', `The request is not valid: ${detail}`);
  }
  return result.data;
}
