import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { AuditAction } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as authRepo from './auth.repository.js';
import { findUserById } from './auth.repository.js';
import { admit, CHALLENGE_MS, createSession, hashToken, type LoginResult } from './auth.service.js';
import * as repo from './mfa.repository.js';
import { recordSignInEvent } from './sign-in-audit.js';

// Issue 12 item 3: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step either side) through the
// `otpauth` library, ten single-use recovery codes kept as hashes, and a step-up that is fresh
// for ten minutes. Decision 010.

export const MFA_COOKIE = 'otmetka_mfa';
export const CHALLENGE_MS_FOR_COOKIE = CHALLENGE_MS;
const ISSUER = 'Otmetka';
const PERIOD_S = 30;
const STEP_UP_MS = 10 * 60_000;
/** Wrong codes for an account before each further one waits 1 s, 2 s, 4 s … (as the password's). */
const CODE_THRESHOLD = 5;
const RECOVERY_CODES = 10;
// No 0/o, 1/l/i: read off paper and typed by hand.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Who enters a code: a signed-in session, or a sign-in waiting in its challenge. */
export type MfaSubject =
  | { via: 'session'; userId: string; sessionId: string; actor: Actor }
  | { via: 'challenge'; userId: string; challengeId: string; stage: 'verify' | 'enrol'; ip: string };

/** Finds the subject of an MFA request: the challenge cookie wins over a session. */
export async function mfaSubject(
  deps: Deps,
  request: { actor: Actor | null; sessionId: string | null; challengeToken: string | undefined; ip: string },
): Promise<MfaSubject> {
  if (request.challengeToken) {
    const row = await repo.findChallenge(deps.db, hashToken(request.challengeToken));
    if (row && Date.parse(row.expires_at) > deps.clock.now().getTime()) {
      return { via: 'challenge', userId: row.user_id, challengeId: row.id, stage: row.stage, ip: request.ip };
    }
    if (!request.actor) throw new AppError(401, 'mfa_challenge_expired', 'error.mfa.challengeExpired');
  }
  if (request.actor?.userId && request.sessionId) {
    return { via: 'session', userId: request.actor.userId, sessionId: request.sessionId, actor: request.actor };
  }
  throw unauthenticated();
}

function subjectActor(subject: MfaSubject): Actor {
  if (subject.via === 'session') return subject.actor;
  return { kind: 'user', userId: subject.userId, ip: subject.ip, locale: 'ru', grants: [], operatorSchoolIds: [] };
}

// --- the stored secret --------------------------------------------------------------------

function keyOf(deps: Deps): Buffer | null {
  return deps.config.mfaKey ? createHash('sha256').update(deps.config.mfaKey).digest() : null;
}

function sealSecret(deps: Deps, base32: string): string {
  const key = keyOf(deps);
  if (!key) return `plain:${base32}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
}

function openSecret(deps: Deps, stored: string): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const key = keyOf(deps);
  if (!key) throw new Error('A TOTP secret is sealed but MFA_KEY is not set');
  const [iv, tag, sealed] = stored.slice('v1:'.length).split('.') as [string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

function totpOf(base32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: PERIOD_S });
}

// --- recovery codes -----------------------------------------------------------------------

function normaliseRecovery(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function hashRecovery(code: string): string {
  return createHash('sha256')
    .update(`otmetka-recovery:${normaliseRecovery(code)}`)
    .digest('base64url');
}

function newRecoveryCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

// --- recording ----------------------------------------------------------------------------

/** An account's second factor changed: recorded in every school the account holds roles in. */
async function recordAccountChange(trx: Db, userId: string, actorId: string | null, now: Date): Promise<void> {
  for (const schoolId of await repo.schoolsOfUser(trx, userId)) {
    await recordChange(trx, { kind: ChangeKind.account, action: 'update', schoolId, entityId: userId, actorId, at: now.toISOString() });
  }
}

async function record(trx: Db, subject: MfaSubject, now: Date, event: string, details: Record<string, unknown> = {}): Promise<void> {
  await recordAccountChange(trx, subject.userId, subject.userId, now);
  await recordSignInEvent(trx, subjectActor(subject), now, subject.userId, {
    action: AuditAction.update,
    entity: 'mfa',
    entityId: subject.userId,
    details: { event, ...details },
  });
}

// --- checking a code ----------------------------------------------------------------------

const wrongCode = () => new AppError(400, 'wrong_code', 'error.mfa.wrongCode');

/**
 * Checks a TOTP code (never the same 30-second step twice) or a recovery code (once), inside the
 * caller's transaction. Every attempt is admitted by the account's code throttle first.
 */
async function checkCode(deps: Deps, trx: Db, userId: string, code: string, now: Date): Promise<'totp' | 'recovery'> {
  const totpRow = await repo.findTotp(trx, userId);
  if (!totpRow?.confirmed_at) throw new AppError(400, 'mfa_not_enrolled', 'error.mfa.notEnrolled');
  const trimmed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(trimmed)) {
    const delta = totpOf(openSecret(deps, totpRow.secret), userId).validate({ token: trimmed, timestamp: now.getTime(), window: 1 });
    if (delta === null) throw wrongCode();
    const step = Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
    if (!(await repo.claimStep(trx, userId, step))) throw wrongCode();
    return 'totp';
  }
  if (normaliseRecovery(trimmed).length === 10 && (await repo.spendRecoveryCode(trx, userId, hashRecovery(trimmed), now.toISOString()))) {
    return 'recovery';
  }
  throw wrongCode();
}

/** Runs a code check under the throttle: a right code clears the count, a wrong one keeps it. */
async function withCodeThrottle<T>(deps: Deps, userId: string, now: Date, work: () => Promise<T>): Promise<T> {
  const key = `mfa:${userId}`;
  await admit(deps.db, [{ key, threshold: CODE_THRESHOLD }], now);
  const result = await work();
  await authRepo.clearThrottle(deps.db, key);
  return result;
}

// --- the services -------------------------------------------------------------------------

export interface MfaStatus {
  enrolled: boolean;
  /** Whether this account must have a second factor (its roles and MFA_REQUIRED). */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStatus(deps: Deps, actor: Actor): Promise<MfaStatus> {
  if (!actor.userId) throw unauthenticated();
  const user = await findUserById(deps.db, actor.userId);
  const enrolled = await repo.hasConfirmedTotp(deps.db, actor.userId);
  return {
    enrolled,
    required: deps.config.mfaRequired && user?.is_demo === 0 && (await repo.holdsRequiredRole(deps.db, actor.userId)),
    recoveryCodesLeft: enrolled ? await repo.unusedRecoveryCodes(deps.db, actor.userId) : 0,
  };
}

export interface EnrolmentStart {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * Starts enrolment: a new secret, shown now as a QR code and as text, and never again. An account
 * that has a second factor keeps it (no silent replacement by whoever holds a session).
 */
export async function startEnrolment(deps: Deps, subject: MfaSubject): Promise<EnrolmentStart> {
  if (subject.via === 'challenge' && subject.stage !== 'enrol')
    throw new AppError(409, 'mfa_already_enrolled', 'error.mfa.alreadyEnrolled');
  if (await repo.hasConfirmedTotp(deps.db, subject.userId)) throw new AppError(409, 'mfa_already_enrolled', 'error.mfa.alreadyEnrolled');
  const user = await findUserById(deps.db, subject.userId);
  if (!user) throw unauthenticated();
  const now = deps.clock.now();
  const secret = new Secret({ size: 20 }).base32;
  await deps.db.transaction().execute(async (trx) => {
    await repo.savePendingTotp(trx, subject.userId, sealSecret(deps, secret), now.toISOString());
    await record(trx, subject, now, 'enrol_start');
  });
  const otpauthUri = totpOf(secret, user.login).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrSvg };
}

/**
 * Confirms enrolment with a first code from the app; answers the recovery codes (shown once).
 * A sign-in waiting for enrolment gets its session here.
 */
export async function confirmEnrolment(
  deps: Deps,
  subject: MfaSubject,
  code: string,
): Promise<{ recoveryCodes: string[]; session: LoginResult | null }> {
  const now = deps.clock.now();
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await withCodeThrottle(deps, subject.userId, now, () =>
    deps.db.transaction().execute(async (trx) => {
      const row = await repo.findTotp(trx, subject.userId);
      if (!row) throw new AppError(400, 'mfa_not_started', 'error.mfa.notStarted');
      if (row.confirmed_at) throw new AppError(409, 'mfa_already_enrolled', 'error.mfa.alreadyEnrolled');
      const trimmed = code.replace(/\s/g, '');
      const delta = /^\d{6}$/.test(trimmed)
        ? totpOf(openSecret(deps, row.secret), subject.userId).validate({ token: trimmed, timestamp: now.getTime(), window: 1 })
        : null;
      if (delta === null) throw wrongCode();
      await repo.confirmTotp(trx, subject.userId, now.toISOString(), Math.floor(now.getTime() / 1000 / PERIOD_S) + delta);
      await repo.replaceRecoveryCodes(trx, subject.userId, codes.map(hashRecovery), now.toISOString());
      if (subject.via === 'challenge') await repo.deleteChallenge(trx, subject.challengeId);
      else await repo.markSessionVerified(trx, subject.sessionId, now.toISOString());
      await record(trx, subject, now, 'enrol_confirm');
    }),
  );
  const session = subject.via === 'challenge' ? await openSession(deps, subject, now, 'totp') : null;
  return { recoveryCodes: codes, session };
}

async function openSession(deps: Deps, subject: MfaSubject & { via: 'challenge' }, now: Date, factor: string): Promise<LoginResult> {
  const session = await createSession(deps, subject.userId, subject.ip, now.toISOString());
  await recordSignInEvent(deps.db, subjectActor(subject), now, subject.userId, {
    action: AuditAction.login,
    entity: 'user',
    entityId: subject.userId,
    details: { secondFactor: factor },
  });
  return session;
}

/** The second step of a sign-in: a code from the app or a recovery code opens the session. */
export async function verifySignIn(deps: Deps, subject: MfaSubject, code: string): Promise<LoginResult> {
  if (subject.via !== 'challenge') throw new AppError(409, 'mfa_no_sign_in', 'error.mfa.challengeExpired');
  if (subject.stage === 'enrol') throw new AppError(403, 'mfa_enrolment_required', 'error.mfa.enrolmentRequired');
  const now = deps.clock.now();
  const factor = await withCodeThrottle(deps, subject.userId, now, () =>
    deps.db.transaction().execute(async (trx) => {
      const factor = await checkCode(deps, trx, subject.userId, code, now);
      await repo.deleteChallenge(trx, subject.challengeId);
      await record(trx, subject, now, factor === 'recovery' ? 'recovery_code_used' : 'verified');
      return factor;
    }),
  ).catch(async (error: unknown) => {
    // A wrong second factor after a right password is a failed sign-in the school sees (issue 12.9).
    if (error instanceof AppError && error.code === 'wrong_code') {
      await recordSignInEvent(deps.db, subjectActor(subject), now, subject.userId, {
        action: AuditAction.loginFailed,
        entity: 'user',
        entityId: subject.userId,
        details: { secondFactor: true },
      });
    }
    throw error;
  });
  return openSession(deps, subject, now, factor);
}

/** A fresh second factor for the current session (step-up before a password reset or a role grant). */
export async function stepUp(deps: Deps, actor: Actor, sessionId: string, code: string): Promise<void> {
  if (!actor.userId) throw unauthenticated();
  const userId = actor.userId;
  const now = deps.clock.now();
  await withCodeThrottle(deps, userId, now, () =>
    deps.db.transaction().execute(async (trx) => {
      const factor = await checkCode(deps, trx, userId, code, now);
      await repo.markSessionVerified(trx, sessionId, now.toISOString());
      await record(trx, { via: 'session', userId, sessionId, actor }, now, 'step_up', { factor });
    }),
  );
}

/**
 * Asked by the services of sensitive account actions (staff password resets, role grants): an
 * actor with a second factor must have checked it within the last ten minutes, else 403
 * step_up_required. An actor without one is not asked (MFA_REQUIRED keeps operators, admins and
 * directors from having a session without one).
 */
export async function requireFreshSecondFactor(deps: Deps, actor: Actor): Promise<void> {
  if (actor.kind === 'system' || !actor.userId) return;
  if (!(await repo.hasConfirmedTotp(deps.db, actor.userId))) return;
  const at = actor.mfaAt ? Date.parse(actor.mfaAt) : Number.NaN;
  if (Number.isNaN(at) || deps.clock.now().getTime() - at > STEP_UP_MS) {
    throw new AppError(403, 'step_up_required', 'error.mfa.stepUpRequired');
  }
}
