import type { Updateable } from 'kysely';
import { Permission } from '../../../contract/permissions.js';
import { Role } from '../../../contract/roles.js';
import type { Kinship, Parent, ParentCreate, ParentListQuery, ParentUpdate } from '../../../contract/schemas/people.js';
import type { Actor } from '../../access/actor.js';
import { hasPermission, parentScope, requireSchoolPermission, rolesInSchool, studentScope } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { foldForSearch, searchTextOf } from '../../lib/search-text.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import {
  eraseWithheldParentColumns,
  eraseWithheldStudentColumns,
  maskParent,
  refuseWithheldInput,
  withheldParentColumns,
} from './consent-fields.js';
import * as repo from './parents.repository.js';
import { changedColumns, referenceNotFound, requirePermissionOverStudent, schoolToday } from './people.common.js';
import { presentParent } from './people.presenter.js';
import type { ParentsTable } from './people.table.js';
import { findStudent } from './students.repository.js';

/** Staff with person.read and parents (who see only themselves) may list parents; students may not. */
function requireParentReader(actor: Actor, schoolId: string): void {
  const roles = rolesInSchool(actor, schoolId);
  if (actor.kind !== 'system' && roles.length === 0) throw notFound();
  if (!hasPermission(actor, schoolId, Permission.personRead) && !roles.includes(Role.parent)) throw forbidden();
}

/** Parents the actor may see (policy parentScope, filtered in SQL); names only. Audited once per call. */
export async function listParents(deps: Deps, actor: Actor, schoolId: string, q: ParentListQuery) {
  requireParentReader(actor, schoolId);
  const today = await schoolToday(deps, schoolId);
  const scope = await parentScope(deps.db, actor, schoolId, today);
  const { rows, total } = await repo.listParents(deps.db, deps.dialect, {
    schoolId,
    q: q.q ? foldForSearch(q.q) : undefined,
    studentId: q.studentId,
    visible: scope.kind === 'all' ? { kind: 'all' } : { kind: 'some', ids: scope.parentIds },
    limit: q.limit,
    offset: q.offset,
  });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'parent',
    details: { count: rows.length },
  });
  return {
    items: rows.map((r) => ({ id: r.id, surname: r.surname, name: r.name, patronymic: r.patronymic, hasAccount: r.user_id !== null })),
    total,
  };
}

/** The parent's record with only the children the actor may see. */
async function loadParent(deps: Deps, actor: Actor, db: Db, schoolId: string, id: string): Promise<Parent> {
  const row = await repo.findParent(db, schoolId, id);
  if (!row) throw notFound();
  const scope = await studentScope(db, actor, schoolId, await schoolToday(deps, schoolId));
  const children = await repo.childrenOfParent(db, schoolId, id);
  const visible = scope.kind === 'all' ? children : children.filter((c) => scope.studentIds.includes(c.student_id));
  // R6.2: what none of the parent's valid consents allows is not shown (decision 013).
  return maskParent(presentParent(row, visible), await withheldParentColumns(db, schoolId, id, await schoolToday(deps, schoolId)));
}

async function requireParentVisible(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<void> {
  const scope = await parentScope(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  if (scope.kind === 'some' && !scope.parentIds.includes(id)) throw notFound();
}

/** A parent's full record; 404 for one the actor may not see. Audited as a read. */
export async function getParent(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Parent> {
  requireParentReader(actor, schoolId);
  await requireParentVisible(deps, actor, schoolId, id);
  const parent = await loadParent(deps, actor, deps.db, schoolId, id);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: 'parent', entityId: id });
  return parent;
}

function rowFields(input: ParentUpdate): Updateable<ParentsTable> {
  const row: Updateable<ParentsTable> = {};
  if (input.surname !== undefined) row.surname = input.surname.trim();
  if (input.name !== undefined) row.name = input.name.trim();
  if (input.patronymic !== undefined) row.patronymic = input.patronymic.trim();
  if (input.sex !== undefined) row.sex = input.sex;
  if (input.birthDate !== undefined) row.birth_date = input.birthDate;
  if (input.residenceAddress !== undefined) row.residence_address = input.residenceAddress;
  if (input.homePhone !== undefined) row.home_phone = input.homePhone;
  if (input.mobilePhone !== undefined) row.mobile_phone = input.mobilePhone;
  if (input.workplace !== undefined) row.workplace = input.workplace;
  if (input.position !== undefined) row.position = input.position;
  if (input.workPhone !== undefined) row.work_phone = input.workPhone;
  if (input.email !== undefined) row.email = input.email;
  if (input.schoolHelp !== undefined) row.school_help = input.schoolHelp;
  if (input.extraContact !== undefined) row.extra_contact = input.extraContact;
  return row;
}

/** Creates a parent record (person.manage). */
export async function createParent(deps: Deps, actor: Actor, schoolId: string, input: ParentCreate): Promise<Parent> {
  requireSchoolPermission(actor, schoolId, Permission.personManage);
  // A new record has no consent yet (a consent names its parent): only the name.
  refuseWithheldInput(actor, 'parent', input, await withheldParentColumns(deps.db, schoolId, null, ''));
  const now = deps.clock.now();
  const id = newId();
  const row = rowFields(input);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertParent(trx, {
      ...row,
      id,
      school_id: schoolId,
      user_id: null,
      surname: row.surname as string,
      name: row.name as string,
      patronymic: row.patronymic ?? '',
      search_text: searchTextOf(row.surname, row.name, row.patronymic),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordChange(trx, {
      kind: ChangeKind.parent,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'parent',
      entityId: id,
      details: { fields: Object.keys(input) },
    });
  });
  return loadParent(deps, actor, deps.db, schoolId, id);
}

/** Changes some fields of a parent (person.manage); the audit names the changed fields. */
export async function updateParent(deps: Deps, actor: Actor, schoolId: string, id: string, input: ParentUpdate): Promise<Parent> {
  if (actor.kind !== 'system' && rolesInSchool(actor, schoolId).length === 0) throw notFound();
  if (!hasPermission(actor, schoolId, Permission.personManage)) {
    await requireParentVisible(deps, actor, schoolId, id);
    throw forbidden();
  }
  const now = deps.clock.now();
  const today = await schoolToday(deps, schoolId);
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.findParent(trx, schoolId, id);
    if (!current) throw notFound();
    refuseWithheldInput(actor, 'parent', input, await withheldParentColumns(trx, schoolId, id, today));
    const { patch, fields } = changedColumns(current, rowFields(input) as Partial<ParentsTable>);
    if (fields.length === 0) return;
    const next = { ...current, ...patch };
    await repo.updateParent(trx, schoolId, id, {
      ...patch,
      search_text: searchTextOf(next.surname, next.name, next.patronymic),
      updated_at: now.toISOString(),
    });
    await recordChange(trx, {
      kind: ChangeKind.parent,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'parent', entityId: id, details: { fields } });
  });
  return loadParent(deps, actor, deps.db, schoolId, id);
}

/** Links a parent to a student with a kinship (person.manage). 409 if already linked. */
export async function linkParent(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  input: { parentId: string; kinship: Kinship },
): Promise<void> {
  await requirePermissionOverStudent(deps, actor, schoolId, studentId, Permission.personManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await findStudent(trx, schoolId, studentId))) throw notFound();
    if (!(await repo.findParent(trx, schoolId, input.parentId))) throw referenceNotFound(actor, 'people.ref.parent');
    if (await repo.findLink(trx, schoolId, studentId, input.parentId)) throw conflict('error.people.alreadyLinked');
    await repo.insertLink(trx, { school_id: schoolId, student_id: studentId, parent_id: input.parentId, kinship: input.kinship });
    await recordChange(trx, {
      kind: ChangeKind.parentLink,
      action: 'create',
      schoolId,
      entityId: studentId,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'student_parent',
      entityId: studentId,
      details: { parentId: input.parentId },
    });
  });
}

/** Removes a parent ↔ student link (person.manage); 404 if there is none. */
export async function unlinkParent(deps: Deps, actor: Actor, schoolId: string, studentId: string, parentId: string): Promise<void> {
  await requirePermissionOverStudent(deps, actor, schoolId, studentId, Permission.personManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findLink(trx, schoolId, studentId, parentId))) throw notFound();
    await repo.deleteLink(trx, schoolId, studentId, parentId);
    await recordChange(trx, {
      kind: ChangeKind.parentLink,
      action: 'delete',
      schoolId,
      entityId: studentId,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.delete,
      entity: 'student_parent',
      entityId: studentId,
      details: { parentId },
    });
  });
}

/**
 * After a consent is withdrawn, erases in the caller's transaction what no remaining valid consent
 * allows (the service module calls it after marking the consent withdrawn): the child's optional
 * fields and the signing parent's. Names, kinship and the school's own record of the child stay
 * (docs/decisions/consent-withdrawal.md). Answers the erased API field names, for the audit.
 */
export async function eraseUnconsentedPersonalData(
  trx: Db,
  now: Date,
  schoolId: string,
  who: { studentId: string | null; parentId: string | null },
  today: string,
): Promise<{ student: string[]; parent: string[] }> {
  return {
    student: who.studentId ? await eraseWithheldStudentColumns(trx, now, schoolId, who.studentId, today) : [],
    parent: who.parentId ? await eraseWithheldParentColumns(trx, now, schoolId, who.parentId, today) : [],
  };
}
