import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing requests sent by a browser from another site. The session cookie is
 * SameSite=Lax already; this is the second lock (a browser always sends Origin on such writes).
 */
export function registerOriginCheck(app: FastifyInstance, publicUrl: string): void {
  const allowed = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) {
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError(403, 'foreign_origin', 'error.foreignOrigin');
      return;
    }
    const host = request.headers.host;
    const sameHost = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
    if (origin !== allowed && !sameHost) throw new AppError(403, 'foreign_origin', 'error.foreignOrigin');
  });
}
