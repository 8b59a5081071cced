import { type Permission, roleHas } from '../../contract/permissions.js';
import { CLASS_TEACHER, type EffectiveRole, Role } from '../../contract/roles.js';
import type { Db } from '../db/connect.js';
import { forbidden, notFound } from '../lib/errors.js';
import type { Actor } from './actor.js';

/**
 * The one access policy. Services ask it; routes never decide access themselves.
 * Rules: what you may not see answers "not found" (no enumeration); what you may see but not
 * change answers "forbidden".
 */

/** Roles the actor holds in a school, including operator rights over the operator's schools. */
export function rolesInSchool(actor: Actor, schoolId: string): Role[] {
  if (actor.kind === 'system') return [Role.schoolAdmin];
  const roles = actor.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role);
  if (actor.operatorSchoolIds.includes(schoolId)) roles.push(Role.operator);
  return roles;
}

/** School ids in which the actor holds any role. */
export function visibleSchoolIds(actor: Actor): string[] {
  const ids = new Set<string>(actor.operatorSchoolIds);
  for (const g of actor.grants) if (g.schoolId) ids.add(g.schoolId);
  return [...ids];
}

export function hasPermission(actor: Actor, schoolId: string, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return rolesInSchool(actor, schoolId).some((r) => roleHas(r, permission));
}

/** Throws 404 when the school is not the actor's, 403 when the actor's roles there lack the permission. */
export function requireSchoolPermission(actor: Actor, schoolId: string, permission: Permission): void {
  if (actor.kind === 'system') return;
  const roles = rolesInSchool(actor, schoolId);
  if (roles.length === 0) throw notFound();
  if (!roles.some((r) => roleHas(r, permission))) throw forbidden();
}

export function isOperatorOf(actor: Actor, schoolId: string): boolean {
  return actor.kind === 'system' || actor.operatorSchoolIds.includes(schoolId);
}

/** Operator grants (operator ids) the actor holds. */
export function operatorIdsOf(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === Role.operator && g.operatorId).map((g) => g.operatorId as string);
}

/** Staff who see every student of the school (not only those they teach). */
const WHOLE_SCHOOL_READERS: readonly Role[] = [Role.operator, Role.schoolAdmin, Role.director, Role.deputy, Role.secretary];

export type StudentScope = { kind: 'all' } | { kind: 'some'; studentIds: string[] };

/**
 * Which students of a school the actor may see personal data of. Teachers see the students of the
 * classes and groups they teach this year and of the class they lead; parents their children;
 * students themselves. Computed as a set of ids so lists filter in SQL.
 */
export async function studentScope(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<StudentScope> {
  if (actor.kind === 'system') return { kind: 'all' };
  const roles = rolesInSchool(actor, schoolId);
  if (roles.some((r) => WHOLE_SCHOOL_READERS.includes(r))) return { kind: 'all' };
  const ids = new Set<string>();
  const userId = actor.userId as string;
  if (roles.includes(Role.teacher)) {
    const viaClasses = await db
      .selectFrom('class_memberships as m')
      .select('m.student_id')
      .where('m.school_id', '=', schoolId)
      .where('m.starts_on', '<=', onDate)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
      .where((eb) =>
        eb.or([
          eb(
            'm.class_id',
            'in',
            eb
              .selectFrom('curriculum as c')
              .innerJoin('staff as s', 's.id', 'c.teacher_id')
              .select('c.class_id')
              .where('s.user_id', '=', userId)
              .where('c.school_id', '=', schoolId)
              .where('c.class_id', 'is not', null)
              .$narrowType<{ class_id: string }>(),
          ),
          eb(
            'm.class_id',
            'in',
            eb
              .selectFrom('classes as k')
              .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
              .select('k.id')
              .where('s.user_id', '=', userId)
              .where('k.school_id', '=', schoolId),
          ),
        ]),
      )
      .execute();
    for (const r of viaClasses) ids.add(r.student_id);
    const viaGroups = await db
      .selectFrom('group_memberships as m')
      .select('m.student_id')
      .where('m.school_id', '=', schoolId)
      .where('m.starts_on', '<=', onDate)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
      .where(
        'm.group_id',
        'in',
        db
          .selectFrom('curriculum as c')
          .innerJoin('staff as s', 's.id', 'c.teacher_id')
          .select('c.group_id')
          .where('s.user_id', '=', userId)
          .where('c.school_id', '=', schoolId)
          .where('c.group_id', 'is not', null)
          .$narrowType<{ group_id: string }>(),
      )
      .execute();
    for (const r of viaGroups) ids.add(r.student_id);
  }
  if (roles.includes(Role.parent)) {
    const children = await db
      .selectFrom('student_parents as sp')
      .innerJoin('parents as p', 'p.id', 'sp.parent_id')
      .select('sp.student_id')
      .where('p.user_id', '=', userId)
      .where('sp.school_id', '=', schoolId)
      .execute();
    for (const c of children) ids.add(c.student_id);
  }
  if (roles.includes(Role.student)) {
    const selves = await db.selectFrom('students').select('id').where('user_id', '=', userId).where('school_id', '=', schoolId).execute();
    for (const s of selves) ids.add(s.id);
  }
  return { kind: 'some', studentIds: [...ids] };
}

/** Throws 404 unless the actor may see every one of these students. */
export async function requireStudentsVisible(
  db: Db,
  actor: Actor,
  schoolId: string,
  studentIds: readonly string[],
  onDate: string,
): Promise<void> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  const scope = await studentScope(db, actor, schoolId, onDate);
  if (scope.kind === 'all') return;
  const allowed = new Set(scope.studentIds);
  if (!studentIds.every((id) => allowed.has(id))) throw notFound();
}

/** Class ids the actor leads as class teacher in a school. */
export async function classTeacherClassIds(db: Db, actor: Actor, schoolId: string): Promise<string[]> {
  if (actor.kind === 'system' || !actor.userId) return [];
  const rows = await db
    .selectFrom('classes as k')
    .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
    .select('k.id')
    .where('s.user_id', '=', actor.userId)
    .where('k.school_id', '=', schoolId)
    .execute();
  return rows.map((r) => r.id);
}

/** Effective roles for the UI: a teacher who leads a class is also shown as class teacher. */
export async function effectiveRoles(db: Db, actor: Actor, schoolId: string): Promise<EffectiveRole[]> {
  const roles: EffectiveRole[] = rolesInSchool(actor, schoolId);
  if (roles.includes(Role.teacher) && (await classTeacherClassIds(db, actor, schoolId)).length > 0) {
    roles.push(CLASS_TEACHER);
  }
  return roles;
}

export type ParentScope = { kind: 'all' } | { kind: 'some'; parentIds: string[] };

/**
 * Which parents of a school the actor may see. Whole-school staff see all; a teacher the parents
 * of the students they may see; a parent themself. Students see no parent records.
 */
export async function parentScope(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<ParentScope> {
  if (actor.kind === 'system') return { kind: 'all' };
  const roles = rolesInSchool(actor, schoolId);
  if (roles.some((r) => WHOLE_SCHOOL_READERS.includes(r))) return { kind: 'all' };
  const ids = new Set<string>();
  if (roles.includes(Role.teacher)) {
    const students = await studentScope(db, actor, schoolId, onDate);
    if (students.kind === 'all') return { kind: 'all' };
    if (students.studentIds.length > 0) {
      const links = await db
        .selectFrom('student_parents')
        .select('parent_id')
        .where('school_id', '=', schoolId)
        .where('student_id', 'in', students.studentIds)
        .execute();
      for (const l of links) ids.add(l.parent_id);
    }
  }
  if (roles.includes(Role.parent) && actor.userId) {
    const selves = await db
      .selectFrom('parents')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('user_id', '=', actor.userId)
      .execute();
    for (const p of selves) ids.add(p.id);
  }
  return { kind: 'some', parentIds: [...ids] };
}

/** Facts about one curriculum item the journal rules need (read by the caller's repository). */
