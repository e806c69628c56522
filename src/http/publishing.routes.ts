import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PermanentError } from '../contracts/errors.ts';
import { ApproveBatchRequest } from '../contracts/publishing.ts';
import type { PublishingService } from '../services/publishing.service.ts';

export interface PublishingRouteServices {
  publishing: PublishingService;
}

const ItemParams = z.object({ itemId: z.uuid() });
const BatchParams = z.object({ batchId: z.uuid() });

/** Who approved; the API has no sign-in yet, so every request acts as "api". */
const ACTOR = 'api';

/**
 * Approval for publishing: one item, or several or all items of a batch. Approved items go to the
 * publish stage (202: they are published in the background); their listing ID and URL appear in
 * the batch's items once live. Items that cannot be published are named with the reason.
 */
export function registerPublishingRoutes(app: FastifyInstance, services: PublishingRouteServices): Promise<void> {
  app.post('/api/items/:itemId/approve', async (request, reply) => {
    const { itemId } = parseInput(ItemParams, request.params);
    return reply.status(202).send(await services.publishing.approveItem(itemId, ACTOR));
  });

  app.post('/api/batches/:batchId/approve', async (request, reply) => {
    const { batchId } = parseInput(BatchParams, request.params);
    const body = parseInput(ApproveBatchRequest, request.body ?? {});
    const result = await services.publishing.approveBatch(batchId, body, ACTOR);
    return reply.status(result.approved.length > 0 ? 202 : 200).send(result);
  });

  app.get('/api/items/:itemId/publication', async (request) => {
    const { itemId } = parseInput(ItemParams, request.params);
    return { publication: await services.publishing.getPublication(itemId) };
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
