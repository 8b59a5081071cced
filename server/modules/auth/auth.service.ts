import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from '../../../contract/i18n/index.js';
import type { Actor } from '../../access/actor.js';
import { loadActor } from '../../access/load-actor.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { endCalendarFeedsOf } from '../diary/diary-feed.service.js';
import { schoolToday } from '../school/school.service.js';
import { TEMPORARY_PASSWORD_HOURS } from './accounts.service.js';
import * as repo from './auth.repository.js';
import * as mfaRepo from './mfa.repository.js';
import { decoyPasswordHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import { recordSignInEvent } from './sign-in-audit.js';

/** Password hashing, for test factories and the demo generator that create accounts directly. */
export { hashPassword, setPasswordHashCost, verifyPassword } from './password.js';

const THROTTLE_WINDOW_MS = 15 * 60_000;
const LOCKOUT_MS = 15 * 60_000;
// last_seen_at is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 60_000;

/** The school's today for loadActor, so a leaver's grants stop counting on their leaving date. */
export function todayAtSchool(deps: Deps) {
  return (schoolId: string) => schoolToday(deps, schoolId);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function tooManyAttempts(lockedUntil: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));
  return new AppError(429, 'too_many_attempts', 'error.tooManyAttempts', { minutes });
}

/** Throws 429 while a throttle key is locked (login and registration-code attempts share the mechanism). */
export async function checkNotLocked(db: Db, key: string, now: Date): Promise<void> {
  const row = await repo.getThrottle(db, key);
  if (row?.locked_until && Date.parse(row.locked_until) > now.getTime()) throw tooManyAttempts(row.locked_until, now);
}

/** Counts one failed attempt under a throttle key; locks the key after `max` failures in the window. */
export async function countFailure(db: Db, key: string, max: number, now: Date): Promise<void> {
  const row = await repo.getThrottle(db, key);
  const windowOpen = row && now.getTime() - Date.parse(row.window_started_at) < THROTTLE_WINDOW_MS;
  const failures = windowOpen ? row.failures + 1 : 1;
  await repo.saveThrottle(db, {
    key,
    failures,
    window_started_at: windowOpen ? row.window_started_at : now.toISOString(),
    locked_until: failures >= max ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null,
  });
}

export interface LoginResult {
  token: string;
  userId: string;
  expiresAt: string;
}

// Login throttling (decision 007). Three keys, each counted atomically before the password is
// checked: a login at an address, a login from anywhere, an address for any login. From the
// threshold-th failure on, each further attempt waits 1 s, 2 s, 4 s … up to LOCK_CAP_MS.
const PAIR_THRESHOLD = 5;
const LOGIN_THRESHOLD = 10;
const ADDRESS_THRESHOLD = 30;
const LOCK_CAP_MS = 15 * 60_000;
/** A key with no attempt for this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60_000;
/** An address where the account signed in within this time is one of its usual places. */
const USUAL_ADDRESS_DAYS = 120;

function lockSchedule(threshold: number, now: Date): { lockAfter: Array<string | null>; lockCap: string } {
  const lockAfter: Array<string | null> = [];
  for (let n = 0; ; n++) {
    if (n < threshold) lockAfter.push(null);
    else {
      const delay = 1_000 * 2 ** (n - threshold);
      if (delay >= LOCK_CAP_MS) break;
      lockAfter.push(new Date(now.getTime() + delay).toISOString());
    }
  }
  return { lockAfter, lockCap: new Date(now.getTime() + LOCK_CAP_MS).toISOString() };
}

/** A 429 that knows when to retry; the route sends it as Retry-After. */
export class ThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'too_many_attempts',
      retryAfterSeconds < 60 ? 'error.tooManyAttemptsSeconds' : 'error.tooManyAttempts',
      retryAfterSeconds < 60 ? { seconds: retryAfterSeconds } : { minutes: Math.ceil(retryAfterSeconds / 60) },
    );
  }
}

function throttled(lockedUntil: string, now: Date): ThrottledError {
  return new ThrottledError(Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000)));
}

export interface Gate {
  key: string;
  threshold: number;
}

/** Admits one attempt under every gate, or none: a lock on one gate takes back the others. */
export async function admit(db: Db, gates: Gate[], now: Date): Promise<void> {
  const token = randomBytes(12).toString('base64url');
  const admitted: Gate[] = [];
  for (const gate of gates) {
    const result = await repo.admitAttempt(db, {
      key: gate.key,
      ...lockSchedule(gate.threshold, now),
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - FORGET_AFTER_MS).toISOString(),
      token,
    });
    if (!result.admitted) {
      for (const done of admitted) await repo.refundAttempt(db, done.key, done.threshold);
      throw throttled(result.lockedUntil ?? now.toISOString(), now);
    }
    admitted.push(gate);
  }
}

/**
 * Signs a user in. An unknown login and a wrong password get the same answer and take the same
 * time. Every attempt is admitted and counted as a failure in one statement per throttle key
 * before the password is checked; a right password takes the count back (decision 007, R7.2).
 */
export async function login(
  deps: Deps,
  input: { login: string; password: string; ip: string },
): Promise<LoginResult | PendingSecondFactor> {
  const now = deps.clock.now();
  const login = input.login.toLowerCase();
  const user = await repo.findUserByLogin(deps.db, input.login);
  const usual =
    user !== undefined &&
    (await repo.isKnownAddress(deps.db, user.id, input.ip, new Date(now.getTime() - USUAL_ADDRESS_DAYS * 86_400_000).toISOString()));
  const pair: Gate = { key: `pair:${login}|${input.ip}`, threshold: PAIR_THRESHOLD };
  // The owner's usual address answers only for its own failures there; others' do not lock it.
  const shared: Gate[] = usual
    ? []
    : [
        { key: `login:${login}`, threshold: LOGIN_THRESHOLD },
        { key: `ip:${input.ip}`, threshold: ADDRESS_THRESHOLD },
      ];
  await admit(deps.db, [pair, ...shared], now);
  const hash = user?.password_hash ?? (await decoyPasswordHash());
  const ok = (await verifyPassword(input.password, hash)) && user !== undefined && user.password_hash !== null;
  // Said only to whoever knows the password, so it tells an outsider nothing about the login.
  if (ok && user.disabled_at) throw new AppError(403, 'account_disabled', 'error.accountDisabled');
  // An administrator's temporary password stops signing in after TEMPORARY_PASSWORD_HOURS (issue 12.11).
  if (ok && user.password_temporary_until !== null && user.password_temporary_until <= now.toISOString()) {
    throw new AppError(403, 'temporary_password_expired', 'error.temporaryPasswordExpired', { hours: TEMPORARY_PASSWORD_HOURS });
  }
  if (!ok || !user) {
    if (user) {
      await recordSignInEvent(deps.db, anonymousActor(input.ip, user.id), now, user.id, {
        action: AuditAction.loginFailed,
        entity: 'user',
        entityId: user.id,
      });
    }
    throw new AppError(401, 'bad_credentials', 'error.badCredentials');
  }
  await repo.clearThrottle(deps.db, pair.key);
  for (const gate of shared) await repo.refundAttempt(deps.db, gate.key, gate.threshold);
  await repo.rememberAddress(deps.db, user.id, input.ip, now.toISOString());
  // A hash made at an older, cheaper cost is made again at today's, now that the password is known.
  if (user.password_hash && needsRehash(user.password_hash)) {
    await repo.replacePasswordHash(deps.db, user.id, user.password_hash, await hashPassword(input.password));
  }
  const stage = await secondFactorStage(deps, user);
  if (stage !== 'none') {
    // The password was right; the session waits for the second factor (mfa.service.ts).
    const challengeToken = randomBytes(32).toString('base64url');
    await mfaRepo.saveChallenge(deps.db, {
      id: hashToken(challengeToken),
      user_id: user.id,
      stage,
      ip: input.ip,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CHALLENGE_MS).toISOString(),
    });
    return { mfa: stage, challengeToken };
  }
  const session = await createSession(deps, user.id, input.ip);
  await recordSignInEvent(deps.db, anonymousActor(input.ip, user.id), now, user.id, {
    action: AuditAction.login,
    entity: 'user',
    entityId: user.id,
  });
  return session;
}

/** A sign-in whose password was right and which waits for a code, or for the second factor's enrolment. */
export interface PendingSecondFactor {
  mfa: 'verify' | 'enrol';
  /** Goes in the otmetka_mfa cookie; the database keeps its hash. */
  challengeToken: string;
}

/** How long a sign-in waits for its second factor. */
export const CHALLENGE_MS = 10 * 60_000;

/**
 * An enrolled account always gives a code; operators, school admins and directors who have not
 * enrolled are sent to enrolment (MFA_REQUIRED; the demo school's accounts are exempt so the
 * demo stays open to anyone with its published password).
 */
async function secondFactorStage(deps: Deps, user: { id: string; is_demo: number }): Promise<'none' | 'verify' | 'enrol'> {
  if (await mfaRepo.hasConfirmedTotp(deps.db, user.id)) return 'verify';
  if (deps.config.mfaRequired && user.is_demo === 0 && (await mfaRepo.holdsRequiredRole(deps.db, user.id))) return 'enrol';
  return 'none';
}

function anonymousActor(ip: string, userId: string | null): Actor {
  return { kind: 'user', userId, ip, locale: 'ru', grants: [], operatorSchoolIds: [] };
}

/** Opens a session; the cookie carries the random token, the database only its hash. */
export async function createSession(deps: Deps, userId: string, ip: string, mfaAt: string | null = null): Promise<LoginResult> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000).toISOString();
  await deps.db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip,
      mfa_at: mfaAt,
    })
    .execute();
  return { token, userId, expiresAt };
}

export interface ResolvedSession {
  sessionId: string;
  actor: Actor;
  /** Signed in with a temporary password: only changing it is allowed (the auth gate refuses the rest). */
  passwordChangeRequired: boolean;
}

/** Finds the live session of a cookie token: not idle too long, not past its absolute expiry. */
export async function resolveSession(deps: Deps, token: string, ip: string, fallbackLocale: Locale): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const row = await repo.findSession(deps.db, id);
  if (!row || row.disabled_at) return null;
  const now = deps.clock.now().getTime();
  const idleLimit = Date.parse(row.last_seen_at) + deps.config.sessionIdleMinutes * 60_000;
  if (now >= idleLimit || now >= Date.parse(row.expires_at)) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  const locale = row.locale === 'en' || row.locale === 'ru' ? row.locale : fallbackLocale;
  const actor = await loadActor(deps.db, row.user_id, ip, locale, todayAtSchool(deps));
  return { sessionId: id, actor: { ...actor, mfaAt: row.mfa_at }, passwordChangeRequired: row.password_temporary_until !== null };
}

export async function logout(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId: null,
    action: AuditAction.logout,
    entity: 'user',
    entityId: actor.userId,
  });
}

/** Changes the own password; every other session of the user ends, a fresh one is returned. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<LoginResult> {
  if (!actor.userId) throw unauthenticated();
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError(400, 'wrong_password', 'error.wrongPassword');
  }
  const problem = passwordProblem(input.newPassword, user.login);
  if (problem === 'weak') throw new AppError(400, 'weak_password', 'error.weakPassword');
  if (problem === 'common') throw new AppError(400, 'common_password', 'error.commonPassword');
  const hash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now.toISOString(), password_temporary_until: null })
      .where('id', '=', user.id)
      .execute();
    for (const schoolId of await mfaRepo.schoolsOfUser(trx, user.id)) {
      await recordChange(trx, {
        kind: ChangeKind.account,
        action: 'update',
        schoolId,
        entityId: user.id,
        actorId: user.id,
        at: now.toISOString(),
      });
    }
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await endCalendarFeedsOf(trx, user.id, user.id, now);
    await recordAudit(trx, actor, now, { schoolId: null, action: AuditAction.passwordChange, entity: 'user', entityId: user.id });
  });
  return createSession(deps, user.id, actor.ip);
}

export async function setLocale(deps: Deps, actor: Actor, locale: Locale): Promise<void> {
  if (!actor.userId) throw unauthenticated();
  await deps.db.updateTable('users').set({ locale }).where('id', '=', actor.userId).execute();
}
