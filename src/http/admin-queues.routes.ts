import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginCallback, FastifyRequest } from 'fastify';

/** The queue board (bull-board) and the credential admins give to see it. */
export interface AdminQueueBoard {
  basePath: string;
  plugin: FastifyPluginCallback;
  token: string;
}

/**
 * Mounts the queue board behind the admin credential: `Authorization: Bearer <token>` for scripts,
 * or HTTP Basic with the token as the password (any user name) for a browser, which asks for it.
 */
export async function registerAdminQueueBoard(app: FastifyInstance, board: AdminQueueBoard): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (presentsToken(request, board.token)) return;
      await reply
        .status(401)
        .header('www-authenticate', 'Basic realm="EasyFlip admin", charset="UTF-8"')
        .send({ error: { code: 'UNAUTHORIZED', message: 'The queue board is for admins: give the ADMIN_TOKEN as a bearer token or as the Basic password.' } });
    });
    await scope.register(board.plugin, { prefix: board.basePath });
  });
}

function presentsToken(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return sameSecret(value, token);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && sameSecret(decoded.slice(colon + 1), token);
  }
  return false;
}

/** Compares digests in constant time, so the answer's timing tells nothing of the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
