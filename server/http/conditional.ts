import type { FastifyReply } from 'fastify';

/** True when an If-None-Match header lists this ETag (or '*'), strong or weak. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** True when Accept-Encoding allows gzip (listed, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Answers 304 Not Modified with no body at all: a 304 may not carry one, and `send(null)` would
 * serialise "null" with a content-length that makes some clients wait for it.
 */
export function notModified(reply: FastifyReply): FastifyReply {
  return reply.code(304).send();
}
