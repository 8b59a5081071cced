import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from '../../contract/i18n/index.js';
import type { Deps } from '../lib/deps.js';
import { AppError, unauthenticated } from '../lib/errors.js';
import { resolveSession } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'otmetka_session';
export const LOCALE_COOKIE = 'otmetka_lang';

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: deps.config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Every /api route must say whether it is public; a route that does not is refused at start-up,
 * so no route can be added without a decision. Non-public routes get the actor from the session.
 */
export function registerAuthGate(app: FastifyInstance, deps: Deps): void {
  app.decorate('apiRoutes', [] as string[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push(`${method} ${route.url}`);
    const access = route.config?.access;
    if (access !== 'public' && access !== 'authenticated') {
      throw new Error(`Route ${route.method} ${route.url} has no access declaration (config.access)`);
    }
  });

  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (request) => {
    const cookieLocale = request.cookies[LOCALE_COOKIE];
    request.locale = isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage(request.headers['accept-language']);
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    const token = request.cookies[SESSION_COOKIE];
    if (access === undefined) return;
    // A route may have resolved the actor already (the diary's short session cache).
    if (token && !request.actor) {
      const resolved = await resolveSession(deps, token, request.ip, request.locale);
      if (resolved) {
        // A temporary password's session may do nothing but change it (issue 12.11).
        if (
          resolved.passwordChangeRequired &&
          access === 'authenticated' &&
          !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)
        ) {
          throw new AppError(403, 'password_change_required', 'error.passwordChangeRequired');
        }
        request.actor = { ...resolved.actor, locale: request.locale };
        request.sessionId = resolved.sessionId;
      }
    }
    if (access === 'authenticated' && !request.actor) throw unauthenticated();
  });
}

/** What a session signed in with a temporary password may still call. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout', 'PUT /api/auth/locale']);

/** The actor of an authenticated route (the gate has guaranteed one). */
export function actorOf(request: { actor: import('../access/actor.js').Actor | null }) {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
