import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PermanentError } from '../contracts/errors.ts';
import { ListingOverrideRequest, ListingPatchRequest, ListingRecomposeRequest } from '../contracts/listing.ts';
import type { ListingService } from '../services/listing.service.ts';

export interface ListingRouteServices {
  listings: ListingService;
}

const ItemParams = z.object({ itemId: z.uuid() });
const BatchParams = z.object({ batchId: z.uuid() });

/** Who made a change; the API has no sign-in yet, so every request acts as "api". */
const ACTOR = 'api';

/**
 * The listing API: read an item's listing with its pre-flight result, edit any field (a new
 * version each time), list the versions, compose again, accept the remaining errors, and export
 * a batch's listings as JSON. Errors reach the app's error handler as EasyFlip errors.
 */
export function registerListingRoutes(app: FastifyInstance, services: ListingRouteServices): Promise<void> {
  app.get('/api/items/:itemId/listing', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    return services.listings.getListing(itemId);
  });

  app.patch('/api/items/:itemId/listing', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    const patch = parseInput(ListingPatchRequest, request.body ?? {});
    return services.listings.editListing(itemId, patch, ACTOR);
  });

  app.get('/api/items/:itemId/listing/versions', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    return { versions: await services.listings.listVersions(itemId) };
  });

  app.post('/api/items/:itemId/listing/recompose', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    const { discardEdits } = parseInput(ListingRecomposeRequest, request.body ?? {});
    return services.listings.recompose(itemId, { discardEdits }, ACTOR);
  });

  app.post('/api/items/:itemId/listing/override', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    const { reason } = parseInput(ListingOverrideRequest, request.body ?? {});
    return services.listings.overridePreflight(itemId, reason, ACTOR);
  });

  app.get('/api/batches/:batchId/export.json', async (request, reply) => {
    const { batchId } = parseInput(BatchParams, request.params);
    const exported = await services.listings.exportBatchJson(batchId);
    return reply.header('content-disposition', `attachment; filename="easyflip-${batchId}.json"`).send(exported);
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
