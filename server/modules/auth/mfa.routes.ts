import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { ErrorResponse, MeSchema } from '../../../contract/schemas/auth.js';
import { MfaCodeBody, MfaConfirmedSchema, MfaEnrolmentSchema, MfaStatusSchema } from '../../../contract/schemas/mfa.js';
import { actorOf, setSessionCookie } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { describeMe } from './accounts.service.js';
import { ThrottledError, todayAtSchool } from './auth.service.js';
import {
  CHALLENGE_MS_FOR_COOKIE,
  confirmEnrolment,
  MFA_COOKIE,
  mfaStatus,
  mfaSubject,
  startEnrolment,
  stepUp,
  verifySignIn,
} from './mfa.service.js';

/** The challenge cookie of a sign-in waiting for its second factor (only the MFA routes read it). */
export function setMfaCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(MFA_COOKIE, token, {
    path: '/api/auth/mfa',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: CHALLENGE_MS_FOR_COOKIE / 1000,
  });
}

/** A wrong-code delay (429) tells when to retry, as the password's does. */
async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  return work.catch((e: unknown) => {
    if (e instanceof ThrottledError) reply.header('retry-after', String(e.retryAfterSeconds));
    throw e;
  });
}

function clearMfaCookie(reply: FastifyReply): void {
  reply.clearCookie(MFA_COOKIE, { path: '/api/auth/mfa' });
}

// Enrolment, confirmation and the code step of a sign-in are public: a sign-in waiting for its
// second factor has no session yet, only the challenge cookie; the service answers 401 without one.
export function mfaRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const subjectOf = (request: {
      actor: import('../../access/actor.js').Actor | null;
      sessionId: string | null;
      cookies: Record<string, string | undefined>;
      ip: string;
    }) =>
      mfaSubject(deps, { actor: request.actor, sessionId: request.sessionId, challengeToken: request.cookies[MFA_COOKIE], ip: request.ip });

    app.get(
      '/api/auth/mfa',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Whether the account has a second factor, must have one, and how many recovery codes are left',
          response: { 200: MfaStatusSchema },
        },
      },
      async (request) => mfaStatus(deps, actorOf(request)),
    );

    app.post(
      '/api/auth/mfa/enrol',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Start TOTP enrolment: a new secret as a QR code and as text (signed in, or a sign-in sent to enrolment)',
          response: { 200: MfaEnrolmentSchema, 401: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request) => startEnrolment(deps, await subjectOf(request)),
    );

    app.post(
      '/api/auth/mfa/enrol/confirm',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Confirm TOTP enrolment with a first code; answers ten single-use recovery codes, shown once',
          body: MfaCodeBody,
          response: { 200: MfaConfirmedSchema, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const result = await withRetryAfter(reply, confirmEnrolment(deps, await subjectOf(request), request.body.code));
        if (result.session) {
          setSessionCookie(reply, deps, result.session.token);
          clearMfaCookie(reply);
        }
        return { recoveryCodes: result.recoveryCodes };
      },
    );

    app.post(
      '/api/auth/mfa/verify',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Second step of a sign-in: a code from the app or a recovery code; sets the session cookie',
          body: MfaCodeBody,
          response: { 200: MeSchema, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const session = await withRetryAfter(reply, verifySignIn(deps, await subjectOf(request), request.body.code));
        setSessionCookie(reply, deps, session.token);
        clearMfaCookie(reply);
        const { loadActor } = await import('../../access/load-actor.js');
        const actor = await loadActor(deps.db, session.userId, request.ip, request.locale, todayAtSchool(deps));
        return describeMe(deps, actor);
      },
    );

    app.post(
      '/api/auth/mfa/step-up',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'A fresh second factor for this session (asked before staff password resets and role grants)',
          body: MfaCodeBody,
          response: { 204: Type.Null(), 400: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        await withRetryAfter(reply, stepUp(deps, actorOf(request), request.sessionId as string, request.body.code));
        return reply.status(204).send(null);
      },
    );
  };
}
