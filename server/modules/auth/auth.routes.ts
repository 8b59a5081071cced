import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LOCALES } from '../../../contract/i18n/index.js';
import { LOGIN_LIMITS } from '../../../contract/limits.js';
import { ErrorResponse, MeSchema } from '../../../contract/schemas/auth.js';
import { MfaPendingSchema } from '../../../contract/schemas/mfa.js';
import { actorOf, clearSessionCookie, LOCALE_COOKIE, setSessionCookie } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { describeMe } from './accounts.service.js';
import { changePassword, login, logout, setLocale, ThrottledError, todayAtSchool } from './auth.service.js';
import { setMfaCookie } from './mfa.routes.js';

export function authRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        // No per-address request limit: only failures count, in the login throttle (decision 007),
        // so a whole class signing in behind one school address is not turned away.
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with login and password; sets the session cookie',
          body: Type.Object(
            {
              login: Type.String({ minLength: 1, maxLength: LOGIN_LIMITS.login }),
              password: Type.String({ minLength: 1, maxLength: LOGIN_LIMITS.password }),
            },
            { additionalProperties: false },
          ),
          // 202: the password was right and a second factor is needed (mfa.routes.ts).
          response: { 200: MeSchema, 202: MfaPendingSchema, 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const result = await login(deps, { ...request.body, ip: request.ip }).catch((e: unknown) => {
          if (e instanceof ThrottledError) reply.header('retry-after', String(e.retryAfterSeconds));
          throw e;
        });
        if ('mfa' in result) {
          setMfaCookie(reply, deps, result.challengeToken);
          return reply.status(202).send({ mfa: result.mfa });
        }
        setSessionCookie(reply, deps, result.token);
        const { loadActor } = await import('../../access/load-actor.js');
        const actor = await loadActor(deps.db, result.userId, request.ip, request.locale, todayAtSchool(deps));
        return describeMe(deps, actor);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        await logout(deps, actorOf(request), request.sessionId as string);
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'The signed-in user, schools, roles and permissions', response: { 200: MeSchema } },
      },
      async (request) => describeMe(deps, actorOf(request)),
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Change own password; all other sessions end',
          body: Type.Object(
            { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const result = await changePassword(deps, actorOf(request), request.body);
        setSessionCookie(reply, deps, result.token);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/auth/locale',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Choose the interface language (remembered for the account when signed in)',
          body: Type.Object({ locale: Type.Union(LOCALES.map((l) => Type.Literal(l))) }, { additionalProperties: false }),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        if (request.actor) await setLocale(deps, request.actor, request.body.locale);
        reply.setCookie(LOCALE_COOKIE, request.body.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
        return reply.status(204).send(null);
      },
    );
  };
}
