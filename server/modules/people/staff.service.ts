import { randomInt } from 'node:crypto';
import type { Updateable } from 'kysely';
import { Permission } from '../../../contract/permissions.js';
import { type Role, STAFF_ROLES } from '../../../contract/roles.js';
import type { StaffCreate, StaffListQuery, StaffMember, StaffRoleValue, StaffUpdate } from '../../../contract/schemas/people.js';
import type { Actor } from '../../access/actor.js';
import {
  type AccountTarget,
  requireAccountAction,
  requireRoleChange,
  requireSchoolPermission,
  requireStaffCreate,
} from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { foldForSearch, searchTextOf } from '../../lib/search-text.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import {
  createAccount,
  endSessions,
  grantRole,
  revokeRole,
  setAccountDisabled,
  setPasswordByAdministrator,
} from '../auth/accounts.service.js';
import { requireFreshSecondFactor } from '../auth/mfa.service.js';
import { type ChangeAction, ChangeKind, recordChange } from '../changes/changes.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { findUser, grantsOfUser } from './lookups.repository.js';
import { changedColumns, schoolToday } from './people.common.js';
import { presentStaff } from './people.presenter.js';
import type { StaffTable } from './people.table.js';
import * as repo from './staff.repository.js';

const isStaffRole = (role: string): role is StaffRoleValue => (STAFF_ROLES as readonly string[]).includes(role);

/** Staff of a school (person.read); names and positions only, current staff unless includeLeft. Audited once per call. */
export async function listStaff(deps: Deps, actor: Actor, schoolId: string, q: StaffListQuery) {
  requireSchoolPermission(actor, schoolId, Permission.personRead);
  const { rows, total } = await repo.listStaff(deps.db, deps.dialect, {
    schoolId,
    q: q.q ? foldForSearch(q.q) : undefined,
    today: await schoolToday(deps, schoolId),
    includeLeft: q.includeLeft ?? false,
    limit: q.limit,
    offset: q.offset,
  });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'staff',
    details: { count: rows.length },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      position: r.position,
      leftOn: r.left_on,
      hasAccount: r.user_id !== null,
    })),
    total,
  };
}

async function loadStaff(db: Db, schoolId: string, id: string): Promise<StaffMember> {
  const row = await repo.findStaff(db, schoolId, id);
  if (!row) throw notFound();
  const user = row.user_id ? await findUser(db, row.user_id) : undefined;
  const roles = row.user_id ? (await repo.rolesInSchoolOfUser(db, row.user_id, schoolId)).filter(isStaffRole) : [];
  return presentStaff(row, user?.login ?? null, roles, user ? user.disabled_at !== null : false);
}

/** A staff member's full record with login and school roles (person.read). Audited as a read. */
export async function getStaff(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<StaffMember> {
  requireSchoolPermission(actor, schoolId, Permission.personRead);
  const staff = await loadStaff(deps.db, schoolId, id);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: 'staff', entityId: id });
  return staff;
}

function rowFields(input: StaffUpdate): Updateable<StaffTable> {
  const row: Updateable<StaffTable> = {};
  if (input.surname !== undefined) row.surname = input.surname.trim();
  if (input.name !== undefined) row.name = input.name.trim();
  if (input.patronymic !== undefined) row.patronymic = input.patronymic.trim();
  if (input.position !== undefined) row.position = input.position.trim();
  if (input.email !== undefined) row.email = input.email;
  if (input.phone !== undefined) row.phone = input.phone;
  if (input.leftOn !== undefined) row.left_on = input.leftOn;
  return row;
}

/**
 * Creates a staff member (person.manage); with `account`, also their sign-in account and school
 * roles (account.manage as well), all in one transaction.
 */
/** Staff names show in every diary and journal of the school (teachers, substitutes). */
async function recordStaffChange(trx: Db, actor: Actor, schoolId: string, action: ChangeAction, id: string, now: Date) {
  await recordChange(trx, {
    kind: ChangeKind.staff,
    action,
    schoolId,
    entityId: id,
    actorId: actor.userId,
    at: now.toISOString(),
    wholeSchool: true,
  });
}

export async function createStaff(deps: Deps, actor: Actor, schoolId: string, input: StaffCreate): Promise<StaffMember> {
  requireStaffCreate(actor, schoolId, input.account?.roles ?? null, await repo.schoolHasAdmin(deps.db, schoolId));
  const now = deps.clock.now();
  const id = newId();
  const { account, ...fields } = input;
  const row = rowFields(fields);
  await deps.db.transaction().execute(async (trx) => {
    await recordStaffChange(trx, actor, schoolId, 'create', id, now);
    let userId: string | null = null;
    if (account) {
      userId = await createAccount(trx, now, {
        login: account.login,
        password: account.password,
        displayName: [row.surname, row.name, row.patronymic].filter(Boolean).join(' '),
      });
      for (const role of account.roles) await grantRole(trx, now, { userId, role, schoolId });
    }
    await repo.insertStaff(trx, {
      ...row,
      id,
      school_id: schoolId,
      user_id: userId,
      surname: row.surname as string,
      name: row.name as string,
      patronymic: row.patronymic ?? '',
      position: row.position ?? '',
      search_text: searchTextOf(row.surname, row.name, row.patronymic),
      created_at: now.toISOString(),
      left_on: null,
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'staff',
      entityId: id,
      details: { fields: Object.keys(fields), ...(account ? { account: true, roles: account.roles } : {}) },
    });
  });
  return loadStaff(deps.db, schoolId, id);
}

/**
 * Changes some fields of a staff member, including leftOn (person.manage); the audit names the
 * changed fields. A leaving date of today or earlier ends the account's sessions in the same
 * transaction (from that date load-actor drops the leaver's staff grants).
 */
export async function updateStaff(deps: Deps, actor: Actor, schoolId: string, id: string, input: StaffUpdate): Promise<StaffMember> {
  requireSchoolPermission(actor, schoolId, Permission.personManage);
  const now = deps.clock.now();
  const today = await schoolToday(deps, schoolId);
  await deps.db.transaction().execute(async (trx) => {
    await recordStaffChange(trx, actor, schoolId, 'update', id, now);
    const current = await repo.findStaff(trx, schoolId, id);
    if (!current) throw notFound();
    const { patch, fields } = changedColumns(current, rowFields(input) as Partial<StaffTable>);
    if (fields.length === 0) return;
    const next = { ...current, ...patch };
    await repo.updateStaff(trx, schoolId, id, { ...patch, search_text: searchTextOf(next.surname, next.name, next.patronymic) });
    if (patch.left_on !== undefined && next.left_on !== null && next.left_on <= today && next.user_id) {
      await endSessions(trx, next.user_id);
    }
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'staff', entityId: id, details: { fields } });
  });
  return loadStaff(deps.db, schoolId, id);
}

/**
 * Sets the staff member's school roles among school_admin, director, deputy, secretary, teacher
 * (account.manage). Other roles of the account (parent, student, other schools) are untouched.
 */
export async function setStaffRoles(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  roles: StaffRoleValue[],
): Promise<StaffRoleValue[]> {
  requireSchoolPermission(actor, schoolId, Permission.accountManage);
  // A role grant needs a fresh second factor (issue 12 item 3): 403 step_up_required otherwise.
  await requireFreshSecondFactor(deps, actor);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const staff = await repo.findStaff(trx, schoolId, id);
    if (!staff) throw notFound();
    if (!staff.user_id) throw invalid('error.people.noAccount');
    const userId = staff.user_id;
    const current = (await repo.rolesInSchoolOfUser(trx, userId, schoolId)).filter(isStaffRole);
    const wanted = new Set(roles);
    const removed = current.filter((r) => !wanted.has(r));
    const added = roles.filter((r) => !current.includes(r));
    // Who may grant what (and nobody their own roles): decision 003, «Who grants what».
    requireRoleChange(actor, schoolId, { targetUserId: userId, added, removed, schoolHasAdmin: await repo.schoolHasAdmin(trx, schoolId) });
    for (const role of removed) await revokeRole(trx, { userId, role, schoolId });
    for (const role of added) await grantRole(trx, now, { userId, role, schoolId });
    if (removed.length + added.length > 0) {
      await recordChange(trx, {
        kind: ChangeKind.account,
        action: 'update',
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at: now.toISOString(),
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: AuditAction.update,
        entity: 'staff',
        entityId: id,
        details: { added, removed, ...byOperator(actor, schoolId) },
      });
    }
    return (await repo.rolesInSchoolOfUser(trx, userId, schoolId)).filter(isStaffRole);
  });
}

// No 0/O, 1/l/I: the password is read off a screen or a slip and typed by hand.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const TEMPORARY_LENGTH = 12;

function temporaryPassword(): string {
  let out = '';
  for (let i = 0; i < TEMPORARY_LENGTH; i++) out += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
  return out;
}

/**
 * Issues a one-time temporary password for a staff member's account (account.manage) and ends the
 * account's sessions. Refused for an account that also holds roles outside this school: an
 * administrator of one school must not take over an account used elsewhere.
 */
export async function resetStaffPassword(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
): Promise<{ login: string; temporaryPassword: string }> {
  requireSchoolPermission(actor, schoolId, Permission.accountManage);
  await requireFreshSecondFactor(deps, actor);
  const now = deps.clock.now();
  const password = temporaryPassword();
  const login = await deps.db.transaction().execute(async (trx) => {
    const staff = await repo.findStaff(trx, schoolId, id);
    if (!staff) throw notFound();
    if (!staff.user_id) throw invalid('error.people.noAccount');
    requireAccountAction(actor, schoolId, await accountTarget(trx, schoolId, staff.user_id));
    const user = await findUser(trx, staff.user_id);
    if (!user) throw invalid('error.people.noAccount');
    await setPasswordByAdministrator(trx, now, staff.user_id, password);
    await recordChange(trx, {
      kind: ChangeKind.account,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.passwordChange,
      entity: 'user',
      entityId: staff.user_id,
      details: { staffId: id, temporary: true, ...byOperator(actor, schoolId) },
    });
    return user.login;
  });
  return { login, temporaryPassword: password };
}

/** What the policy needs to know about an account before a password reset, disable or enable. */
async function accountTarget(db: Db, schoolId: string, userId: string): Promise<AccountTarget> {
  const grants = await grantsOfUser(db, userId);
  return {
    userId,
    rolesHere: grants.filter((g) => g.school_id === schoolId).map((g) => g.role as Role),
    rolesElsewhere: grants.some((g) => g.school_id !== schoolId),
  };
}

/** Marks an audit entry of an operator's account action, for the school's director (issue 12 item 1). */
function byOperator(actor: Actor, schoolId: string): { byOperator?: true } {
  return actor.kind === 'user' && actor.operatorSchoolIds.includes(schoolId) ? { byOperator: true } : {};
}

/**
 * Disables a staff member's account (it cannot sign in; its sessions end) or enables it again.
 * Who may: requireAccountAction (a school admin; a director's account only an operator; never
 * one's own). 400 for a staff member without an account.
 */
export async function setStaffAccountDisabled(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  disabled: boolean,
): Promise<StaffMember> {
  requireSchoolPermission(actor, schoolId, Permission.accountManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const staff = await repo.findStaff(trx, schoolId, id);
    if (!staff) throw notFound();
    if (!staff.user_id) throw invalid('error.people.noAccount');
    requireAccountAction(actor, schoolId, await accountTarget(trx, schoolId, staff.user_id));
    if (!(await setAccountDisabled(trx, now, staff.user_id, disabled, actor.userId))) return;
    await recordChange(trx, {
      kind: ChangeKind.account,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'user',
      entityId: staff.user_id,
      details: { staffId: id, disabled, ...byOperator(actor, schoolId) },
    });
  });
  return loadStaff(deps.db, schoolId, id);
}
