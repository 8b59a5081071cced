import { STAFF_ROLES } from '../../../contract/roles.js';
import type { Db } from '../../db/connect.js';

/** Roles that must have a second factor before they get a session (issue 12 item 3). */
export const MFA_REQUIRED_ROLES = ['operator', 'school_admin', 'director'] as const;

export function findTotp(db: Db, userId: string) {
  return db.selectFrom('mfa_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mfa_totp')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the account must have a second factor: it holds a role that always needs one, or any
 * staff role in a school whose rule asks it of every staff role (mfa_school_settings, decision 013).
 */
export async function holdsRequiredRole(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_assignments as r')
    .leftJoin('mfa_school_settings as m', 'm.school_id', 'r.school_id')
    .select('r.id')
    .where('r.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('r.role', 'in', [...MFA_REQUIRED_ROLES]),
        eb.and([eb('r.role', 'in', [...STAFF_ROLES]), eb('m.staff_mfa_required', '=', 1)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export function findSchoolMfaSetting(db: Db, schoolId: string) {
  return db.selectFrom('mfa_school_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

export async function saveSchoolMfaSetting(db: Db, schoolId: string, required: boolean, userId: string | null, now: string): Promise<void> {
  const values = { staff_mfa_required: required ? 1 : 0, updated_by: userId, updated_at: now };
  await db
    .insertInto('mfa_school_settings')
    .values({ school_id: schoolId, ...values })
    .onConflict((oc) => oc.column('school_id').doUpdateSet(values))
    .execute();
}

/**
 * Ends the sessions of the school's staff who have no second factor (the demo's accounts, which are
 * exempt, and `exceptUserId` keep theirs): their next sign-in goes through enrolment.
 */
export async function endStaffSessionsWithoutSecondFactor(db: Db, schoolId: string, exceptUserId: string | null): Promise<number> {
  let q = db
    .deleteFrom('sessions')
    .where('user_id', 'in', (eb) =>
      eb
        .selectFrom('role_assignments')
        .select('user_id')
        .where('school_id', '=', schoolId)
        .where('role', 'in', [...STAFF_ROLES]),
    )
    .where('user_id', 'not in', (eb) => eb.selectFrom('mfa_totp').select('user_id').where('confirmed_at', 'is not', null))
    .where('user_id', 'not in', (eb) => eb.selectFrom('users').select('id').where('is_demo', '=', 1));
  if (exceptUserId) q = q.where('user_id', '!=', exceptUserId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The schools an account holds roles in: its account changes are recorded there. */
export async function schoolsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('school_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('school_id', 'is not', null)
    .execute();
  return rows.map((r) => r.school_id as string);
}

export async function saveChallenge(
  db: Db,
  row: { id: string; user_id: string; stage: 'verify' | 'enrol'; ip: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.deleteFrom('mfa_challenges').where('user_id', '=', row.user_id).where('expires_at', '<', row.created_at).execute();
  await db.insertInto('mfa_challenges').values(row).execute();
}

export function findChallenge(db: Db, id: string) {
  return db.selectFrom('mfa_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteChallenge(db: Db, id: string): Promise<void> {
  await db.deleteFrom('mfa_challenges').where('id', '=', id).execute();
}

/** Starts (or restarts) an enrolment: an unconfirmed secret replaces any earlier unconfirmed one. */
export async function savePendingTotp(db: Db, userId: string, secret: string, now: string): Promise<void> {
  await db
    .insertInto('mfa_totp')
    .values({ user_id: userId, secret, created_at: now, confirmed_at: null, last_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, created_at: now, confirmed_at: null, last_step: null }))
    .execute();
}

export async function confirmTotp(db: Db, userId: string, now: string, step: number): Promise<void> {
  await db.updateTable('mfa_totp').set({ confirmed_at: now, last_step: step }).where('user_id', '=', userId).execute();
}

/** Records the step a code was accepted for, unless a code of that step or later was (no replay). */
export async function claimStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('mfa_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], now: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
    .execute();
}

/** Uses a recovery code once: true only for the one statement that marks it used. */
export async function spendRecoveryCode(db: Db, userId: string, hash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markSessionVerified(db: Db, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ mfa_at: now }).where('id', '=', sessionId).execute();
}
