import type { Locale } from '../../contract/i18n/index.js';
import type { Actor } from '../access/actor.js';

export type AccessDeclaration = 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    sessionId: string | null;
  }
  interface FastifyInstance {
    /** "METHOD /url" of every /api route, for the route × role matrix test. */
    apiRoutes: string[];
  }
  interface FastifyContextConfig {
    /**
     * Every /api route declares whether it needs a session. Object-level decisions are made by
     * the access policy inside the service; this only gates anonymous callers.
     */
    access?: AccessDeclaration;
  }
}
