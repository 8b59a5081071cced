import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { SESSION_COOKIE } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { resolveSession } from './auth.service.js';

/**
 * Signed-in actors of the two hottest reads (a diary week, a journal page), kept for a few seconds
 * per node so that paging through weeks or periods does not resolve the session and roles on every
 * request (docs/decisions/004-diary-caching.md). Safe because each of those reads still checks, in
 * its one freshness query, that the session row exists (logout, password change and disabling
 * delete it: effective at once on every node). Role grants and revocations reach a cached actor
 * within SESSION_CACHE_MS. Only routes whose service makes that check may use it.
 */
export const SESSION_CACHE_MS = 5_000;

interface Entry {
  actor: Actor;
  sessionId: string;
}

const caches = new WeakMap<Db, LRUCache<string, Entry>>();
const MAX_ENTRIES = 50_000;

function cacheOf(db: Db): LRUCache<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: SESSION_CACHE_MS });
    caches.set(db, cache);
  }
  return cache;
}

/** The actor of the request's session, from this node's short cache or through the auth service. */
export async function cachedSessionActor(deps: Deps, request: FastifyRequest): Promise<{ actor: Actor; sessionId: string } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  // Keyed by the cookie token itself (this node's memory only), so a hit needs no hashing.
  const cache = cacheOf(deps.db);
  const hit = cache.get(token);
  if (hit) return { actor: { ...hit.actor, ip: request.ip, locale: request.locale }, sessionId: hit.sessionId };
  // The auth service checks expiry and idle time and touches the session as usual.
  const resolved = await resolveSession(deps, token, request.ip, request.locale);
  // A temporary password's session is left to the auth gate, which refuses it (issue 12.11).
  if (!resolved || resolved.passwordChangeRequired) {
    cache.delete(token);
    return null;
  }
  cache.set(token, { actor: resolved.actor, sessionId: resolved.sessionId });
  return { actor: { ...resolved.actor, locale: request.locale }, sessionId: resolved.sessionId };
}
