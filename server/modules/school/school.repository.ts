import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AcademicYearsTable, BellsTable, HolidaysTable, SchoolsTable, StudyPeriodsTable } from './school.table.js';

/** Kysely queries for schools and their calendar: years, study periods, holidays, bells. Every query filters by school. */

// ---------------------------------------------------------------- schools

export function findSchool(db: Db, schoolId: string): Promise<Selectable<SchoolsTable> | undefined> {
  return db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst();
}

/** The school's IANA time zone (its calendar day is «today» for everything it does). */
export async function findSchoolTimeZone(db: Db, schoolId: string): Promise<string | undefined> {
  return (await db.selectFrom('schools').select('timezone').where('id', '=', schoolId).executeTakeFirst())?.timezone;
}

/** Schools by id; `null` means every school (the system actor). */
export function listSchoolsByIds(db: Db, ids: readonly string[] | null): Promise<Selectable<SchoolsTable>[]> {
  let query = db.selectFrom('schools').selectAll();
  if (ids !== null) {
    if (ids.length === 0) return Promise.resolve([]);
    query = query.where('id', 'in', ids);
  }
  return query.orderBy('name').orderBy('id').execute();
}

export async function insertSchool(db: Db, row: Insertable<SchoolsTable>): Promise<void> {
  await db.insertInto('schools').values(row).execute();
}

export async function updateSchoolRow(db: Db, schoolId: string, changes: Updateable<SchoolsTable>): Promise<void> {
  await db.updateTable('schools').set(changes).where('id', '=', schoolId).execute();
}

export async function operatorExists(db: Db, operatorId: string): Promise<boolean> {
  return (await db.selectFrom('operators').select('id').where('id', '=', operatorId).executeTakeFirst()) !== undefined;
}

// ---------------------------------------------------------------- academic years

export function listYearRows(db: Db, schoolId: string): Promise<AcademicYearsTable[]> {
  return db.selectFrom('academic_years').selectAll().where('school_id', '=', schoolId).orderBy('starts_on').execute();
}

export function findYear(db: Db, schoolId: string, yearId: string): Promise<AcademicYearsTable | undefined> {
  return db.selectFrom('academic_years').selectAll().where('school_id', '=', schoolId).where('id', '=', yearId).executeTakeFirst();
}

export function findYearOn(db: Db, schoolId: string, date: string): Promise<AcademicYearsTable | undefined> {
  return db
    .selectFrom('academic_years')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .executeTakeFirst();
}

/** A year of the school, other than `exceptId`, sharing a day with [from, to]. */
export function findOverlappingYear(db: Db, schoolId: string, from: string, to: string, exceptId: string | null) {
  let query = db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertYear(db: Db, row: AcademicYearsTable): Promise<void> {
  await db.insertInto('academic_years').values(row).execute();
}

export async function updateYearRow(db: Db, schoolId: string, yearId: string, changes: Updateable<AcademicYearsTable>): Promise<void> {
  await db.updateTable('academic_years').set(changes).where('school_id', '=', schoolId).where('id', '=', yearId).execute();
}

export async function deleteYearRow(db: Db, schoolId: string, yearId: string): Promise<void> {
  await db.deleteFrom('academic_years').where('school_id', '=', schoolId).where('id', '=', yearId).execute();
}

/** Whether anything of this module hangs on the year (classes, groups, curriculum, periods, holidays). */
export async function yearInUse(db: Db, schoolId: string, yearId: string): Promise<boolean> {
  for (const table of ['classes', 'study_groups', 'curriculum', 'study_periods', 'holidays'] as const) {
    const row = await db.selectFrom(table).select('id').where('school_id', '=', schoolId).where('year_id', '=', yearId).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** Earliest start and latest end of the periods and holidays of a year (what the year's dates must contain). */
export async function yearContentSpan(db: Db, schoolId: string, yearId: string): Promise<{ from: string | null; to: string | null }> {
  let from: string | null = null;
  let to: string | null = null;
  for (const table of ['study_periods', 'holidays'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => [eb.fn.min('starts_on').as('from'), eb.fn.max('ends_on').as('to')])
      .where('school_id', '=', schoolId)
      .where('year_id', '=', yearId)
      .executeTakeFirst();
    if (row?.from && (from === null || row.from < from)) from = row.from;
    if (row?.to && (to === null || row.to > to)) to = row.to;
  }
  return { from, to };
}

// ---------------------------------------------------------------- study periods

export function listPeriodRows(db: Db, schoolId: string, yearId: string | undefined): Promise<StudyPeriodsTable[]> {
  let query = db.selectFrom('study_periods').selectAll().where('school_id', '=', schoolId);
  if (yearId) query = query.where('year_id', '=', yearId);
  return query.orderBy('starts_on').orderBy('grade_from').orderBy('id').execute();
}

export function findPeriod(db: Db, schoolId: string, periodId: string): Promise<StudyPeriodsTable | undefined> {
  return db.selectFrom('study_periods').selectAll().where('school_id', '=', schoolId).where('id', '=', periodId).executeTakeFirst();
}

export function findPeriodOn(db: Db, schoolId: string, gradeLevel: number, date: string): Promise<StudyPeriodsTable | undefined> {
  return db
    .selectFrom('study_periods')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('grade_from', '<=', gradeLevel)
    .where('grade_to', '>=', gradeLevel)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .orderBy('starts_on')
    .executeTakeFirst();
}

/** A period of the year whose grade range intersects [gradeFrom, gradeTo] and dates intersect [from, to]. */
export function findOverlappingPeriod(
  db: Db,
  schoolId: string,
  yearId: string,
  range: { gradeFrom: number; gradeTo: number; from: string; to: string },
  exceptId: string | null,
) {
  let query = db
    .selectFrom('study_periods')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId)
    .where('grade_from', '<=', range.gradeTo)
    .where('grade_to', '>=', range.gradeFrom)
    .where('starts_on', '<=', range.to)
    .where('ends_on', '>=', range.from);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function countPeriodsOfYear(db: Db, schoolId: string, yearId: string): Promise<number> {
  const row = await db
    .selectFrom('study_periods')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPeriod(db: Db, row: StudyPeriodsTable): Promise<void> {
  await db.insertInto('study_periods').values(row).execute();
}

export async function updatePeriodRow(db: Db, schoolId: string, periodId: string, changes: Updateable<StudyPeriodsTable>): Promise<void> {
  await db.updateTable('study_periods').set(changes).where('school_id', '=', schoolId).where('id', '=', periodId).execute();
}

export async function deletePeriodRow(db: Db, schoolId: string, periodId: string): Promise<void> {
  await db.deleteFrom('study_periods').where('school_id', '=', schoolId).where('id', '=', periodId).execute();
}

/** Closes a period unless it is closed already; whether this call closed it. */
export async function closePeriodRow(
  db: Db,
  schoolId: string,
  periodId: string,
  closedAt: string,
  closedBy: string | null,
): Promise<boolean> {
  const res = await db
    .updateTable('study_periods')
    .set({ closed_at: closedAt, closed_by: closedBy })
    .where('school_id', '=', schoolId)
    .where('id', '=', periodId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function reopenPeriodRow(db: Db, schoolId: string, periodId: string): Promise<void> {
  await db
    .updateTable('study_periods')
    .set({ closed_at: null, closed_by: null })
    .where('school_id', '=', schoolId)
    .where('id', '=', periodId)
    .execute();
}

// ---------------------------------------------------------------- holidays

export function listHolidayRows(db: Db, schoolId: string, yearId: string | undefined): Promise<HolidaysTable[]> {
  let query = db.selectFrom('holidays').selectAll().where('school_id', '=', schoolId);
  if (yearId) query = query.where('year_id', '=', yearId);
  return query.orderBy('starts_on').orderBy('id').execute();
}

export function findHoliday(db: Db, schoolId: string, holidayId: string): Promise<HolidaysTable | undefined> {
  return db.selectFrom('holidays').selectAll().where('school_id', '=', schoolId).where('id', '=', holidayId).executeTakeFirst();
}

export async function holidayCovers(db: Db, schoolId: string, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('holidays')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertHoliday(db: Db, row: HolidaysTable): Promise<void> {
  await db.insertInto('holidays').values(row).execute();
}

export async function updateHolidayRow(db: Db, schoolId: string, holidayId: string, changes: Updateable<HolidaysTable>): Promise<void> {
  await db.updateTable('holidays').set(changes).where('school_id', '=', schoolId).where('id', '=', holidayId).execute();
}

export async function deleteHolidayRow(db: Db, schoolId: string, holidayId: string): Promise<void> {
  await db.deleteFrom('holidays').where('school_id', '=', schoolId).where('id', '=', holidayId).execute();
}

// ---------------------------------------------------------------- bells

export function listBellRows(db: Db, schoolId: string): Promise<BellsTable[]> {
  return db.selectFrom('bells').selectAll().where('school_id', '=', schoolId).orderBy('lesson_number').execute();
}

export function findBell(db: Db, schoolId: string, bellId: string): Promise<BellsTable | undefined> {
  return db.selectFrom('bells').selectAll().where('school_id', '=', schoolId).where('id', '=', bellId).executeTakeFirst();
}

export async function insertBells(db: Db, rows: BellsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('bells').values(rows).execute();
}

export async function updateBellRow(db: Db, schoolId: string, bellId: string, changes: Updateable<BellsTable>): Promise<void> {
  await db.updateTable('bells').set(changes).where('school_id', '=', schoolId).where('id', '=', bellId).execute();
}

export async function deleteBellRows(db: Db, schoolId: string, bellId: string | null): Promise<void> {
  let query = db.deleteFrom('bells').where('school_id', '=', schoolId);
  if (bellId) query = query.where('id', '=', bellId);
  await query.execute();
}
