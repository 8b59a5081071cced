import type { Insertable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { StudentMovementsTable } from './people.table.js';

/*
 * student_movements is append-only: there is no update or delete here on purpose (R1.5: history
 * is kept, never overwritten). class_memberships and group_memberships are its projection and are
 * rewritten only by the movement service, in the movement's transaction.
 */

export async function insertMovement(db: Db, row: Insertable<StudentMovementsTable>): Promise<void> {
  await db.insertInto('student_movements').values(row).execute();
}

export async function lastMovementDate(db: Db, schoolId: string, studentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('student_movements')
    .select((eb) => eb.fn.max('on_date').as('last'))
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return row?.last ?? null;
}

export interface MovementFilter {
  schoolId: string;
  id?: string;
  studentId?: string;
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
}

/** Movements with class, group, student and author names (read-only joins onto school and auth tables). */
export function listMovements(db: Db, f: MovementFilter) {
  let q = db
    .selectFrom('student_movements as mv')
    .innerJoin('students as s', 's.id', 'mv.student_id')
    .leftJoin('classes as c', 'c.id', 'mv.class_id')
    .leftJoin('study_groups as g', 'g.id', 'mv.group_id')
    .leftJoin('users as u', 'u.id', 'mv.created_by')
    .select([
      'mv.id',
      'mv.student_id',
      's.surname',
      's.name',
      's.patronymic',
      'mv.kind',
      'mv.on_date',
      'mv.class_id',
      'c.name as class_name',
      'mv.group_id',
      'g.name as group_name',
      'mv.order_number',
      'mv.order_date',
      'mv.reason',
      'mv.created_by',
      'u.display_name as created_by_name',
      'mv.created_at',
    ])
    .where('mv.school_id', '=', f.schoolId);
  if (f.id) q = q.where('mv.id', '=', f.id);
  if (f.studentId) q = q.where('mv.student_id', '=', f.studentId);
  if (f.from) q = q.where('mv.on_date', '>=', f.from);
  if (f.to) q = q.where('mv.on_date', '<=', f.to);
  if (f.kind) q = q.where('mv.kind', '=', f.kind);
  return q.orderBy('mv.on_date').orderBy('mv.created_at').orderBy('mv.id').execute();
}

export type MovementListRow = Awaited<ReturnType<typeof listMovements>>[number];

export function findMovement(db: Db, schoolId: string, id: string) {
  return listMovements(db, { schoolId, id }).then((rows) => rows[0]);
}

// ---------------------------------------------------------------- memberships (the projection)

export function classMembershipOn(db: Db, schoolId: string, studentId: string, onDate: string) {
  return db
    .selectFrom('class_memberships')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('starts_on', '<=', onDate)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', onDate)]))
    .executeTakeFirst();
}

export function groupMembershipsOn(db: Db, schoolId: string, studentId: string, onDate: string) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('study_groups as g', 'g.id', 'gm.group_id')
    .select(['gm.id', 'gm.group_id', 'gm.starts_on', 'gm.ends_on', 'g.class_id'])
    .where('gm.school_id', '=', schoolId)
    .where('gm.student_id', '=', studentId)
    .where('gm.starts_on', '<=', onDate)
    .where((eb) => eb.or([eb('gm.ends_on', 'is', null), eb('gm.ends_on', '>=', onDate)]))
    .execute();
}

export async function openClassMembership(
  db: Db,
  row: { id: string; school_id: string; student_id: string; class_id: string; starts_on: string },
): Promise<void> {
  await db
    .insertInto('class_memberships')
    .values({ ...row, ends_on: null })
    .execute();
}

export async function openGroupMembership(
  db: Db,
  row: { id: string; school_id: string; student_id: string; group_id: string; starts_on: string },
): Promise<void> {
  await db
    .insertInto('group_memberships')
    .values({ ...row, ends_on: null })
    .execute();
}

/** Ends a membership on `lastDay` (inclusive); one that would end before it starts is removed. */
export async function closeClassMembership(db: Db, id: string, startsOn: string, lastDay: string): Promise<void> {
  if (lastDay < startsOn) await db.deleteFrom('class_memberships').where('id', '=', id).execute();
  else await db.updateTable('class_memberships').set({ ends_on: lastDay }).where('id', '=', id).execute();
}

export async function closeGroupMembership(db: Db, id: string, startsOn: string, lastDay: string): Promise<void> {
  if (lastDay < startsOn) await db.deleteFrom('group_memberships').where('id', '=', id).execute();
  else await db.updateTable('group_memberships').set({ ends_on: lastDay }).where('id', '=', id).execute();
}

export interface RosterFilter {
  schoolId: string;
  onDate: string;
  classId?: string;
  groupId?: string;
  /** null: everyone; otherwise only these students (from the access policy). */
  onlyIds: readonly string[] | null;
}

/** Who is in a class or group on a date, from the memberships, sorted by surname, name. */
export async function roster(db: Db, f: RosterFilter) {
  if (f.onlyIds && f.onlyIds.length === 0) return [];
  if (f.classId) {
    let q = db
      .selectFrom('class_memberships as m')
      .innerJoin('students as s', 's.id', 'm.student_id')
      .select(['s.id', 's.file_number', 's.surname', 's.name', 's.patronymic', 'm.starts_on', 'm.ends_on'])
      .where('m.school_id', '=', f.schoolId)
      .where('m.class_id', '=', f.classId)
      .where('m.starts_on', '<=', f.onDate)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', f.onDate)]));
    if (f.onlyIds) q = q.where('s.id', 'in', [...f.onlyIds]);
    return q.orderBy('s.surname').orderBy('s.name').orderBy('s.patronymic').orderBy('s.id').execute();
  }
  let q = db
    .selectFrom('group_memberships as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .select(['s.id', 's.file_number', 's.surname', 's.name', 's.patronymic', 'm.starts_on', 'm.ends_on'])
    .where('m.school_id', '=', f.schoolId)
    .where('m.group_id', '=', f.groupId ?? '')
    .where('m.starts_on', '<=', f.onDate)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', f.onDate)]));
  if (f.onlyIds) q = q.where('s.id', 'in', [...f.onlyIds]);
  return q.orderBy('s.surname').orderBy('s.name').orderBy('s.patronymic').orderBy('s.id').execute();
}
