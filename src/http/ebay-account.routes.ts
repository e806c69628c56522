import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ChooseEbayDefaultsRequest, CreateInventoryLocationRequest } from '../contracts/ebay-account.ts';
import { PermanentError } from '../contracts/errors.ts';
import type { EbayAccountService } from '../services/ebay-account.service.ts';

export interface EbayAccountRouteServices {
  ebayAccount: EbayAccountService;
}

const ConnectQuery = z.object({ mode: z.enum(['redirect', 'json']).default('redirect') });
const CallbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
});

/** The callback's query holds eBay's one-time code: request logs show the path only. */
const pathOnlyRequestLog = {
  req: (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0], reqId: request.id }),
};

/**
 * The seller's eBay account: connect (eBay's consent page and its callback), the connection's
 * status, disconnecting, the business policies and inventory locations eBay has, creating a
 * location, and choosing the defaults every listing uses.
 */
export function registerEbayAccountRoutes(app: FastifyInstance, services: EbayAccountRouteServices): Promise<void> {
  const { ebayAccount } = services;

  app.get('/api/ebay/connect', async (request, reply) => {
    const { mode } = parseInput(ConnectQuery, request.query ?? {});
    const started = await ebayAccount.startConnection();
    if (mode === 'json') return started;
    return reply.redirect(started.consentUrl, 302);
  });

  app.get('/api/ebay/callback', { logSerializers: pathOnlyRequestLog }, async (request) => {
    const query = parseInput(CallbackQuery, request.query ?? {});
    return ebayAccount.completeConnection({ code: query.code, state: query.state, error: query.error });
  });

  app.get('/api/ebay/connection', () => ebayAccount.getConnection());

  app.delete('/api/ebay/connection', () => ebayAccount.disconnect());

  app.get('/api/ebay/policies', () => ebayAccount.listPolicies());

  app.get('/api/ebay/locations', async () => ({ locations: await ebayAccount.listLocations() }));

  app.post('/api/ebay/locations', async (request, reply) => {
    const location = await ebayAccount.createLocation(parseInput(CreateInventoryLocationRequest, request.body ?? {}));
    return reply.status(201).send(location);
  });

  app.put('/api/ebay/defaults', async (request) => ebayAccount.chooseDefaults(parseInput(ChooseEbayDefaultsRequest, request.body ?? {})));

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
