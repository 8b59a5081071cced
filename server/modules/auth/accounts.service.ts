import { type Permission, ROLE_PERMISSIONS } from '../../../contract/permissions.js';
import type { EffectiveRole, Role } from '../../../contract/roles.js';
import type { Actor } from '../../access/actor.js';
import { effectiveRoles, visibleSchoolIds } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { endCalendarFeedsOf } from '../diary/diary-feed.service.js';
import { findUserById, findUserByLogin } from './auth.repository.js';
import { hashPassword, passwordProblem } from './password.js';

/** How long an administrator's temporary password signs in (issue 12.11). */
export const TEMPORARY_PASSWORD_HOURS = 72;

export interface NewAccount {
  login: string;
  password: string | null;
  displayName: string;
  isDemo?: boolean;
  locale?: string;
}

/** Creates a user account; the caller has already decided the actor may. Runs in the caller's transaction. */
export async function createAccount(db: Db, now: Date, account: NewAccount): Promise<string> {
  const login = account.login.trim().toLowerCase();
  if (await findUserByLogin(db, login)) throw new AppError(409, 'login_taken', 'error.loginTaken');
  const problem = account.password === null ? null : passwordProblem(account.password, login);
  if (problem === 'weak') throw new AppError(400, 'weak_password', 'error.weakPassword');
  if (problem === 'common') throw new AppError(400, 'common_password', 'error.commonPassword');
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      login,
      password_hash: account.password === null ? null : await hashPassword(account.password),
      display_name: account.displayName,
      locale: account.locale ?? 'ru',
      is_demo: account.isDemo ? 1 : 0,
      disabled_at: null,
      password_changed_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function grantRole(
  db: Db,
  now: Date,
  grant: { userId: string; role: Role; schoolId: string | null; operatorId?: string | null },
): Promise<void> {
  const existing = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', grant.userId)
    .where('role', '=', grant.role)
    .where((eb) => (grant.schoolId ? eb('school_id', '=', grant.schoolId) : eb('school_id', 'is', null)))
    .executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('role_assignments')
    .values({
      id: newId(),
      user_id: grant.userId,
      role: grant.role,
      school_id: grant.schoolId,
      operator_id: grant.operatorId ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

export interface MySchool {
  id: string;
  name: string;
  shortName: string;
  timezone: string;
  roles: EffectiveRole[];
  permissions: Permission[];
  /** The user's staff record in this school, if they work there (for "my timetable", "my journals"). */
  staffId: string | null;
  /** Classes this user leads as class teacher (классный руководитель). */
  leadsClasses: Array<{ id: string; name: string }>;
}

export interface Me {
  id: string;
  login: string;
  displayName: string;
  locale: string;
  passwordChangeRequired: boolean;
  schools: MySchool[];
}

/** The signed-in user with, per school, their roles and what they may do (the UI hides the rest). */
export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  if (!actor.userId) throw unauthenticated();
  const user = await findUserById(deps.db, actor.userId);
  if (!user) throw unauthenticated();
  const ids = visibleSchoolIds(actor);
  const schools =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('schools')
          .select(['id', 'name', 'short_name', 'timezone'])
          .where('id', 'in', ids)
          .orderBy('name')
          .execute();
  const result: MySchool[] = [];
  // Read-only look at the people and school tables: who this account is in each school.
  const staffRows =
    ids.length === 0
      ? []
      : await deps.db
          .selectFrom('staff')
          .select(['id', 'school_id'])
          .where('user_id', '=', user.id)
          .where('school_id', 'in', ids)
          .where('left_on', 'is', null)
          .execute();
  const staffIds = staffRows.map((r) => r.id);
  const led =
    staffIds.length === 0
      ? []
      : await deps.db
          .selectFrom('classes as k')
          .innerJoin('academic_years as y', 'y.id', 'k.year_id')
          .select(['k.id', 'k.name', 'k.school_id', 'k.grade_level'])
          .where('k.class_teacher_id', 'in', staffIds)
          .orderBy('y.starts_on', 'desc')
          .orderBy('k.grade_level')
          .orderBy('k.name')
          .execute();
  for (const s of schools) {
    const roles = await effectiveRoles(deps.db, actor, s.id);
    const permissions = [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))];
    result.push({
      id: s.id,
      name: s.name,
      shortName: s.short_name,
      timezone: s.timezone,
      roles,
      permissions,
      staffId: staffRows.find((r) => r.school_id === s.id)?.id ?? null,
      leadsClasses: led.filter((k) => k.school_id === s.id).map((k) => ({ id: k.id, name: k.name })),
    });
  }
  return {
    id: user.id,
    login: user.login,
    displayName: user.display_name,
    locale: user.locale,
    passwordChangeRequired: user.password_temporary_until !== null,
    schools: result,
  };
}

/** Removes one school role from an account; the caller has already decided the actor may. Runs in the caller's transaction. */
export async function revokeRole(db: Db, grant: { userId: string; role: Role; schoolId: string }): Promise<void> {
  await db
    .deleteFrom('role_assignments')
    .where('user_id', '=', grant.userId)
    .where('role', '=', grant.role)
    .where('school_id', '=', grant.schoolId)
    .execute();
}

/** Ends every session of an account (a leaver, a disabled account). Runs in the caller's transaction. */
export async function endSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/**
 * Disables an account (ending its sessions) or enables it again; answers whether anything changed.
 * The caller has already decided the actor may. Runs in the caller's transaction.
 */
export async function setAccountDisabled(db: Db, now: Date, userId: string, disabled: boolean, by: string | null): Promise<boolean> {
  const user = await db.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirst();
  if (!user || (user.disabled_at !== null) === disabled) return false;
  await db
    .updateTable('users')
    .set(disabled ? { disabled_at: now.toISOString(), disabled_by: by } : { disabled_at: null, disabled_by: null })
    .where('id', '=', userId)
    .execute();
  if (disabled) await endSessions(db, userId);
  return true;
}

/**
 * Sets a password chosen by an administrator (a temporary one to hand over) and ends every session
 * and calendar feed of the account (decision 008). The caller has already decided the actor may.
 * Runs in the caller's transaction.
 */
export async function setPasswordByAdministrator(db: Db, now: Date, userId: string, password: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      password_changed_at: now.toISOString(),
      // Temporary: the owner must change it at the first sign-in, and it stops signing in after 72 h.
      password_temporary_until: new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3_600_000).toISOString(),
    })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await endCalendarFeedsOf(db, userId, null, now);
}
