import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { StudentsTable } from './people.table.js';

export type StudentRow = StudentsTable;

/** Which students a list may contain: all of the school, or only these ids (from the access policy). */
export type IdFilter = { kind: 'all' } | { kind: 'some'; ids: readonly string[] };

export interface StudentListFilter {
  schoolId: string;
  onDate: string;
  classId?: string | undefined;
  groupId?: string | undefined;
  /** Already folded with foldForSearch. */
  q?: string | undefined;
  visible: IdFilter;
  limit: number;
  offset: number;
}

export interface StudentListRow {
  id: string;
  file_number: string;
  surname: string;
  name: string;
  patronymic: string;
  class_id: string | null;
  class_name: string | null;
}

/**
 * Students with their class on the date. Read-only join onto `classes` (school module) for the
 * class name; the visibility filter is part of the WHERE clause, never applied after fetching.
 */
export async function listStudents(db: Db, dialect: Dialect, f: StudentListFilter): Promise<{ rows: StudentListRow[]; total: number }> {
  if (f.visible.kind === 'some' && f.visible.ids.length === 0) return { rows: [], total: 0 };
  const base = () => {
    let q = db
      .selectFrom('students as s')
      .leftJoin('class_memberships as m', (join) =>
        join
          .onRef('m.student_id', '=', 's.id')
          .on('m.starts_on', '<=', f.onDate)
          .on((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', f.onDate)])),
      )
      .leftJoin('classes as c', 'c.id', 'm.class_id')
      .where('s.school_id', '=', f.schoolId);
    if (f.visible.kind === 'some') q = q.where('s.id', 'in', [...f.visible.ids]);
    if (f.classId) q = q.where('m.class_id', '=', f.classId);
    if (f.groupId) {
      const groupId = f.groupId;
      q = q.where('s.id', 'in', (eb) =>
        eb
          .selectFrom('group_memberships as g')
          .select('g.student_id')
          .where('g.school_id', '=', f.schoolId)
          .where('g.group_id', '=', groupId)
          .where('g.starts_on', '<=', f.onDate)
          .where((w) => w.or([w('g.ends_on', 'is', null), w('g.ends_on', '>=', f.onDate)])),
      );
    }
    if (f.q) q = q.where((eb) => dialect.containsInsensitive(eb.ref('s.search_text'), f.q as string));
    return q;
  };
  const rows = await base()
    .select(['s.id', 's.file_number', 's.surname', 's.name', 's.patronymic', 'c.id as class_id', 'c.name as class_name'])
    .orderBy('s.surname')
    .orderBy('s.name')
    .orderBy('s.patronymic')
    .orderBy('s.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = await base()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

export function findStudent(db: Db, schoolId: string, id: string): Promise<StudentRow | undefined> {
  return db.selectFrom('students').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

/** The student row locked for the rest of the transaction where the database can (PostgreSQL). */
export function lockStudent(db: Db, dialect: Dialect, schoolId: string, id: string): Promise<StudentRow | undefined> {
  const q = db.selectFrom('students').selectAll().where('school_id', '=', schoolId).where('id', '=', id);
  return (dialect.supportsRowLocks ? q.forUpdate() : q).executeTakeFirst();
}

export async function fileNumberTaken(db: Db, schoolId: string, fileNumber: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('students').select('id').where('school_id', '=', schoolId).where('file_number', '=', fileNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertStudent(db: Db, row: Insertable<StudentsTable>): Promise<void> {
  await db.insertInto('students').values(row).execute();
}

export async function updateStudent(db: Db, schoolId: string, id: string, patch: Updateable<StudentsTable>): Promise<void> {
  await db.updateTable('students').set(patch).where('school_id', '=', schoolId).where('id', '=', id).execute();
}

/** Gives the student record this account unless another account holds it; whether the record now has it. */
export async function bindStudentUser(db: Db, schoolId: string, studentId: string, userId: string): Promise<boolean> {
  const res = await db
    .updateTable('students')
    .set({ user_id: userId })
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', userId)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface LinkedParentRow {
  parent_id: string;
  surname: string;
  name: string;
  patronymic: string;
  kinship: string;
}

export function parentsOfStudent(db: Db, schoolId: string, studentId: string): Promise<LinkedParentRow[]> {
  return db
    .selectFrom('student_parents as sp')
    .innerJoin('parents as p', 'p.id', 'sp.parent_id')
    .select(['sp.parent_id', 'p.surname', 'p.name', 'p.patronymic', 'sp.kinship'])
    .where('sp.school_id', '=', schoolId)
    .where('sp.student_id', '=', studentId)
    .orderBy('p.surname')
    .orderBy('p.name')
    .execute();
}

export interface ClassOnDate {
  id: string;
  name: string;
}

/** The class a student is in on a date (read-only join onto `classes` of the school module). */
export async function classOnDate(db: Db, schoolId: string, studentId: string, onDate: string): Promise<ClassOnDate | null> {
  const row = await db
    .selectFrom('class_memberships as m')
    .innerJoin('classes as c', 'c.id', 'm.class_id')
    .select(['c.id', 'c.name'])
    .where('m.school_id', '=', schoolId)
    .where('m.student_id', '=', studentId)
    .where('m.starts_on', '<=', onDate)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
    .executeTakeFirst();
  return row ?? null;
}

/** The students linked to a user account: as the student themself, or as a parent. */
export async function studentsLinkedToUser(
  db: Db,
  userId: string,
): Promise<Array<{ id: string; school_id: string; surname: string; name: string; patronymic: string; relation: 'self' | 'child' }>> {
  const selves = await db
    .selectFrom('students')
    .select(['id', 'school_id', 'surname', 'name', 'patronymic'])
    .where('user_id', '=', userId)
    .execute();
  const children = await db
    .selectFrom('student_parents as sp')
    .innerJoin('parents as p', 'p.id', 'sp.parent_id')
    .innerJoin('students as s', 's.id', 'sp.student_id')
    .select(['s.id', 's.school_id', 's.surname', 's.name', 's.patronymic'])
    .where('p.user_id', '=', userId)
    .execute();
  return [...selves.map((s) => ({ ...s, relation: 'self' as const })), ...children.map((s) => ({ ...s, relation: 'child' as const }))];
}
