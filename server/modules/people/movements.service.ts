import { Permission } from '../../../contract/permissions.js';
import type { Movement, MovementCreate, MovementRegisterQuery, RosterEntry } from '../../../contract/schemas/people.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission, requireStudentsVisible, studentScope } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import { addDays } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, fieldError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { findClass, findGroup } from './lookups.repository.js';
import * as repo from './movements.repository.js';
import { referenceNotFound, requirePermissionOverStudent, schoolToday } from './people.common.js';
import { presentMovement, presentRosterEntry } from './people.presenter.js';
import { findStudent, lockStudent } from './students.repository.js';

/** What a movement needs besides the entry itself: where it runs and who enters it. */
export interface MovementContext {
  db: Db;
  dialect: Dialect;
  actor: Actor;
  now: Date;
  schoolId: string;
}

const NEEDS_CLASS = new Set(['enrol', 'transfer']);
const NEEDS_GROUP = new Set(['group_join', 'group_leave']);

/**
 * Applies one movement inside the caller's transaction: checks the rules, appends the entry and
 * brings class/group memberships in line. A membership that ends because of a movement on day D
 * ends on D − 1 (the movement's date is the first day of the new state).
 */
export async function applyMovement(ctx: MovementContext, studentId: string, input: MovementCreate): Promise<string> {
  const { db, schoolId } = ctx;
  const student = await lockStudent(db, ctx.dialect, schoolId, studentId);
  if (!student) throw notFound();

  if (NEEDS_CLASS.has(input.kind) && !input.classId) throw fieldError('classId', 'validation.required');
  if (!NEEDS_CLASS.has(input.kind) && input.classId !== undefined) throw fieldError('classId', 'people.validation.notForKind');
  if (NEEDS_GROUP.has(input.kind) && !input.groupId) throw fieldError('groupId', 'validation.required');
  if (!NEEDS_GROUP.has(input.kind) && input.groupId !== undefined) throw fieldError('groupId', 'people.validation.notForKind');

  const last = await repo.lastMovementDate(db, schoolId, studentId);
  if (last !== null && input.onDate < last) throw invalid('error.movementBeforeLast', { date: last });

  const klass = input.classId ? await findClass(db, schoolId, input.classId) : undefined;
  if (input.classId && !klass) throw referenceNotFound(ctx.actor, 'people.ref.class');
  const group = input.groupId ? await findGroup(db, schoolId, input.groupId) : undefined;
  if (input.groupId && !group) throw referenceNotFound(ctx.actor, 'people.ref.group');

  const dayBefore = addDays(input.onDate, -1);
  const current = await repo.classMembershipOn(db, schoolId, studentId, input.onDate);
  const groups = await repo.groupMembershipsOn(db, schoolId, studentId, input.onDate);

  switch (input.kind) {
    case 'enrol': {
      if (current) throw invalid('error.alreadyEnrolled');
      await repo.openClassMembership(db, {
        id: newId(),
        school_id: schoolId,
        student_id: studentId,
        class_id: input.classId as string,
        starts_on: input.onDate,
      });
      break;
    }
    case 'transfer': {
      if (!current) throw invalid('error.notEnrolled');
      if (current.class_id === input.classId) throw invalid('error.people.sameClass');
      await repo.closeClassMembership(db, current.id, current.starts_on, dayBefore);
      // Groups inside the old class go with it; cross-class groups stay.
      for (const g of groups) {
        if (g.class_id === current.class_id) await repo.closeGroupMembership(db, g.id, g.starts_on, dayBefore);
      }
      await repo.openClassMembership(db, {
        id: newId(),
        school_id: schoolId,
        student_id: studentId,
        class_id: input.classId as string,
        starts_on: input.onDate,
      });
      break;
    }
    case 'leave': {
      if (!current) throw invalid('error.notEnrolled');
      await repo.closeClassMembership(db, current.id, current.starts_on, dayBefore);
      for (const g of groups) await repo.closeGroupMembership(db, g.id, g.starts_on, dayBefore);
      break;
    }
    case 'group_join': {
      if (!current) throw invalid('error.notEnrolled');
      if (group?.class_id && group.class_id !== current.class_id) throw invalid('error.notInGroupClass');
      if (groups.some((g) => g.group_id === input.groupId)) throw invalid('error.people.alreadyInGroup');
      await repo.openGroupMembership(db, {
        id: newId(),
        school_id: schoolId,
        student_id: studentId,
        group_id: input.groupId as string,
        starts_on: input.onDate,
      });
      break;
    }
    case 'group_leave': {
      const membership = groups.find((g) => g.group_id === input.groupId);
      if (!membership) throw invalid('error.people.notInGroup');
      await repo.closeGroupMembership(db, membership.id, membership.starts_on, dayBefore);
      break;
    }
  }

  const id = newId();
  await repo.insertMovement(db, {
    id,
    school_id: schoolId,
    student_id: studentId,
    kind: input.kind,
    on_date: input.onDate,
    class_id: input.classId ?? null,
    group_id: input.groupId ?? null,
    order_number: input.orderNumber,
    order_date: input.orderDate,
    reason: input.reason ?? '',
    created_by: ctx.actor.userId ?? 'system',
    created_at: ctx.now.toISOString(),
  });
  // The student's class and groups change: their weeks and the rosters of every class and group involved.
  await recordChange(db, {
    kind: ChangeKind.rosterMove,
    action: 'create',
    schoolId,
    entityId: id,
    actorId: ctx.actor.userId,
    at: ctx.now.toISOString(),
    students: [studentId],
    // A group move touches that group's roster; a class move the old and new class and the groups left behind.
    groups: NEEDS_GROUP.has(input.kind) ? [input.groupId] : [current?.class_id, input.classId, ...groups.map((g) => g.group_id)],
  });
  await recordAudit(db, ctx.actor, ctx.now, {
    schoolId,
    action: AuditAction.create,
    entity: 'student_movement',
    entityId: id,
    details: { studentId, kind: input.kind },
  });
  return id;
}

/** Records a movement of a student (school admin: movement.manage), R1.5. */
export async function recordMovement(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  input: MovementCreate,
): Promise<Movement> {
  await requirePermissionOverStudent(deps, actor, schoolId, studentId, Permission.movementManage);
  const now = deps.clock.now();
  const id = await deps.db
    .transaction()
    .execute((trx) => applyMovement({ db: trx, dialect: deps.dialect, actor, now, schoolId }, studentId, input));
  const row = await repo.findMovement(deps.db, schoolId, id);
  if (!row) throw new AppError(500, 'internal', 'error.internal');
  return presentMovement(row);
}

/** A student's movement history, oldest first; for whoever may see the student. */
export async function studentMovements(deps: Deps, actor: Actor, schoolId: string, studentId: string): Promise<Movement[]> {
  const today = await schoolToday(deps, schoolId);
  await requireStudentsVisible(deps.db, actor, schoolId, [studentId], today);
  if (!(await findStudent(deps.db, schoolId, studentId))) throw notFound();
  const rows = await repo.listMovements(deps.db, { schoolId, studentId });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'student_movement',
    entityId: studentId,
    details: { count: rows.length },
  });
  return rows.map(presentMovement);
}

/** The school's movement register («движение обучающихся») for staff who see the whole school. */
export async function movementRegister(deps: Deps, actor: Actor, schoolId: string, q: MovementRegisterQuery): Promise<Movement[]> {
  requireSchoolPermission(actor, schoolId, Permission.personRead);
  const today = await schoolToday(deps, schoolId);
  if ((await studentScope(deps.db, actor, schoolId, today)).kind !== 'all') throw forbidden();
  const rows = await repo.listMovements(deps.db, { schoolId, from: q.from, to: q.to, kind: q.kind });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'student_movement',
    details: { count: rows.length },
  });
  return rows.map(presentMovement);
}

export type RosterOf = { classId: string } | { groupId: string };

/**
 * Who is in a class or group on a date, sorted by surname, name. Trusted: no access check — for
 * other modules' services (journal, timetable, reports) that have already checked access.
 */
export async function rosterOn(deps: Deps, schoolId: string, of: RosterOf, date: string): Promise<RosterEntry[]> {
  const rows = await repo.roster(deps.db, { schoolId, onDate: date, ...of, onlyIds: null });
  return rows.map(presentRosterEntry);
}

/** The roster as an actor may see it: staff with person.read, filtered to the students they may see. */
export async function rosterForActor(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  of: RosterOf,
  onDate: string | undefined,
): Promise<{ onDate: string; items: RosterEntry[] }> {
  requireSchoolPermission(actor, schoolId, Permission.personRead);
  const today = await schoolToday(deps, schoolId);
  const date = onDate ?? today;
  const exists = 'classId' in of ? await findClass(deps.db, schoolId, of.classId) : await findGroup(deps.db, schoolId, of.groupId);
  if (!exists) throw notFound();
  const scope = await studentScope(deps.db, actor, schoolId, date);
  const rows = await repo.roster(deps.db, { schoolId, onDate: date, ...of, onlyIds: scope.kind === 'all' ? null : scope.studentIds });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'student',
    entityId: 'classId' in of ? of.classId : of.groupId,
    details: { count: rows.length, onDate: date },
  });
  return { onDate: date, items: rows.map(presentRosterEntry) };
}
