import type { Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ClassesTable, CurriculumTable, StudyGroupsTable, SubjectsTable } from './school.table.js';

/**
 * Kysely queries for classes, groups, subjects and the curriculum. Every query filters by school.
 * Staff, memberships and movements belong to the people module; the read-only joins and existence
 * checks on them below are read models (names in lists, "is it still referenced"), never writes.
 */

export interface ClassRow extends ClassesTable {
  teacher_surname: string | null;
  teacher_name: string | null;
  teacher_patronymic: string | null;
}

export interface GroupRow extends StudyGroupsTable {
  class_name: string | null;
}

export interface CurriculumRow extends CurriculumTable {
  subject_name: string;
  teacher_surname: string;
  teacher_name: string;
  teacher_patronymic: string;
  class_name: string | null;
  group_name: string | null;
}

// ---------------------------------------------------------------- staff (people module's table; read-only)

/** A current (not left) staff member of the school. */
export async function isCurrentStaff(db: Db, schoolId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', '=', staffId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- classes

function classesQuery(db: Db, schoolId: string) {
  return db
    .selectFrom('classes as k')
    .leftJoin('staff as s', (join) => join.onRef('s.id', '=', 'k.class_teacher_id').on('s.school_id', '=', schoolId))
    .selectAll('k')
    .select(['s.surname as teacher_surname', 's.name as teacher_name', 's.patronymic as teacher_patronymic'])
    .where('k.school_id', '=', schoolId);
}

export function listClassRows(db: Db, schoolId: string, yearId: string | undefined): Promise<ClassRow[]> {
  let query = classesQuery(db, schoolId);
  if (yearId) query = query.where('k.year_id', '=', yearId);
  return query.orderBy('k.grade_level').orderBy('k.letter').orderBy('k.id').execute();
}

export function findClassRow(db: Db, schoolId: string, classId: string): Promise<ClassRow | undefined> {
  return classesQuery(db, schoolId).where('k.id', '=', classId).executeTakeFirst();
}

export function findClassByName(db: Db, schoolId: string, yearId: string, name: string) {
  return db
    .selectFrom('classes')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertClass(db: Db, row: ClassesTable): Promise<void> {
  await db.insertInto('classes').values(row).execute();
}

export async function updateClassRow(db: Db, schoolId: string, classId: string, changes: Updateable<ClassesTable>): Promise<void> {
  await db.updateTable('classes').set(changes).where('school_id', '=', schoolId).where('id', '=', classId).execute();
}

export async function deleteClassRow(db: Db, schoolId: string, classId: string): Promise<void> {
  await db.deleteFrom('classes').where('school_id', '=', schoolId).where('id', '=', classId).execute();
}

/** Whether groups, curriculum, memberships or movements still point at the class. */
export async function classInUse(db: Db, schoolId: string, classId: string): Promise<boolean> {
  for (const table of ['study_groups', 'curriculum', 'class_memberships', 'student_movements'] as const) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('school_id', '=', schoolId)
      .where('class_id', '=', classId)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

// ---------------------------------------------------------------- groups

function groupsQuery(db: Db, schoolId: string) {
  return db
    .selectFrom('study_groups as g')
    .leftJoin('classes as k', 'k.id', 'g.class_id')
    .selectAll('g')
    .select('k.name as class_name')
    .where('g.school_id', '=', schoolId);
}

export function listGroupRows(db: Db, schoolId: string, filter: { yearId?: string; classId?: string }): Promise<GroupRow[]> {
  let query = groupsQuery(db, schoolId);
  if (filter.yearId) query = query.where('g.year_id', '=', filter.yearId);
  if (filter.classId) query = query.where('g.class_id', '=', filter.classId);
  return query.orderBy('g.name').orderBy('g.id').execute();
}

export function findGroupRow(db: Db, schoolId: string, groupId: string): Promise<GroupRow | undefined> {
  return groupsQuery(db, schoolId).where('g.id', '=', groupId).executeTakeFirst();
}

export function findGroupByName(db: Db, schoolId: string, yearId: string, name: string) {
  return db
    .selectFrom('study_groups')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertGroup(db: Db, row: StudyGroupsTable): Promise<void> {
  await db.insertInto('study_groups').values(row).execute();
}

export async function updateGroupRow(db: Db, schoolId: string, groupId: string, changes: Updateable<StudyGroupsTable>): Promise<void> {
  await db.updateTable('study_groups').set(changes).where('school_id', '=', schoolId).where('id', '=', groupId).execute();
}

export async function deleteGroupRow(db: Db, schoolId: string, groupId: string): Promise<void> {
  await db.deleteFrom('study_groups').where('school_id', '=', schoolId).where('id', '=', groupId).execute();
}

/** Whether curriculum, memberships or movements still point at the group. */
export async function groupInUse(db: Db, schoolId: string, groupId: string): Promise<boolean> {
  for (const table of ['curriculum', 'group_memberships', 'student_movements'] as const) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('school_id', '=', schoolId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

// ---------------------------------------------------------------- subjects

export function listSubjectRows(db: Db, schoolId: string): Promise<SubjectsTable[]> {
  return db.selectFrom('subjects').selectAll().where('school_id', '=', schoolId).orderBy('name').orderBy('id').execute();
}

export function findSubject(db: Db, schoolId: string, subjectId: string): Promise<SubjectsTable | undefined> {
  return db.selectFrom('subjects').selectAll().where('school_id', '=', schoolId).where('id', '=', subjectId).executeTakeFirst();
}

export function findSubjectByName(db: Db, schoolId: string, name: string) {
  return db.selectFrom('subjects').select('id').where('school_id', '=', schoolId).where('name', '=', name).executeTakeFirst();
}

export async function insertSubject(db: Db, row: SubjectsTable): Promise<void> {
  await db.insertInto('subjects').values(row).execute();
}

export async function updateSubjectRow(db: Db, schoolId: string, subjectId: string, changes: Updateable<SubjectsTable>): Promise<void> {
  await db.updateTable('subjects').set(changes).where('school_id', '=', schoolId).where('id', '=', subjectId).execute();
}

export async function deleteSubjectRow(db: Db, schoolId: string, subjectId: string): Promise<void> {
  await db.deleteFrom('subjects').where('school_id', '=', schoolId).where('id', '=', subjectId).execute();
}

export async function subjectInUse(db: Db, schoolId: string, subjectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('curriculum')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- curriculum

export interface CurriculumFilterRow {
  yearId?: string;
  classId?: string;
  groupId?: string;
  teacherId?: string;
  subjectId?: string;
}

function curriculumQuery(db: Db, schoolId: string) {
  return db
    .selectFrom('curriculum as c')
    .innerJoin('subjects as sub', 'sub.id', 'c.subject_id')
    .innerJoin('staff as s', 's.id', 'c.teacher_id')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .selectAll('c')
    .select([
      'sub.name as subject_name',
      's.surname as teacher_surname',
      's.name as teacher_name',
      's.patronymic as teacher_patronymic',
      'k.name as class_name',
      'g.name as group_name',
    ])
    .where('c.school_id', '=', schoolId);
}

export function listCurriculumRows(db: Db, schoolId: string, filter: CurriculumFilterRow): Promise<CurriculumRow[]> {
  let query = curriculumQuery(db, schoolId);
  if (filter.yearId) query = query.where('c.year_id', '=', filter.yearId);
  if (filter.classId) query = query.where('c.class_id', '=', filter.classId);
  if (filter.groupId) query = query.where('c.group_id', '=', filter.groupId);
  if (filter.teacherId) query = query.where('c.teacher_id', '=', filter.teacherId);
  if (filter.subjectId) query = query.where('c.subject_id', '=', filter.subjectId);
  return query.orderBy('k.grade_level').orderBy('k.name').orderBy('g.name').orderBy('sub.name').orderBy('c.id').execute();
}

export function findCurriculumRow(db: Db, schoolId: string, id: string): Promise<CurriculumRow | undefined> {
  return curriculumQuery(db, schoolId).where('c.id', '=', id).executeTakeFirst();
}

/** The same subject + class/group + teacher, other than `exceptId`. */
export function findCurriculumDuplicate(
  db: Db,
  schoolId: string,
  entry: { subjectId: string; teacherId: string; classId: string | null; groupId: string | null },
  exceptId: string | null,
) {
  let query = db
    .selectFrom('curriculum')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('subject_id', '=', entry.subjectId)
    .where('teacher_id', '=', entry.teacherId);
  query = entry.classId ? query.where('class_id', '=', entry.classId) : query.where('class_id', 'is', null);
  query = entry.groupId ? query.where('group_id', '=', entry.groupId) : query.where('group_id', 'is', null);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertCurriculum(db: Db, row: CurriculumTable): Promise<void> {
  await db.insertInto('curriculum').values(row).execute();
}

export async function updateCurriculumRow(db: Db, schoolId: string, id: string, changes: Updateable<CurriculumTable>): Promise<void> {
  await db.updateTable('curriculum').set(changes).where('school_id', '=', schoolId).where('id', '=', id).execute();
}

export async function deleteCurriculumRow(db: Db, schoolId: string, id: string): Promise<void> {
  await db.deleteFrom('curriculum').where('school_id', '=', schoolId).where('id', '=', id).execute();
}
