import { translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type {
  Holiday,
  HolidayCreate,
  HolidayPatch,
  Period,
  PeriodCreate,
  PeriodPatch,
  Year,
  YearCreate,
  YearPatch,
} from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { isoWeekday } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind } from '../changes/changes.service.js';
import { presentHoliday, presentPeriod, presentYear } from './school.presenter.js';
import {
  closePeriodRow,
  countPeriodsOfYear,
  deleteHolidayRow,
  deletePeriodRow,
  deleteYearRow,
  findHoliday,
  findOverlappingPeriod,
  findOverlappingYear,
  findPeriod,
  findPeriodOn,
  findSchool,
  findYear,
  findYearOn,
  holidayCovers,
  insertHoliday,
  insertPeriod,
  insertYear,
  listHolidayRows,
  listPeriodRows,
  listYearRows,
  reopenPeriodRow,
  updateHolidayRow,
  updatePeriodRow,
  updateYearRow,
  yearContentSpan,
  yearInUse,
} from './school.repository.js';
import { changedFields, cleanText, referenceNotFound, requireSomeField, withConstraintErrors } from './school.rules.js';
import type { AcademicYearsTable, StudyPeriodsTable } from './school.table.js';
import { recordSchoolChange } from './school-changes.js';

/** The school calendar (R1.1): academic years, study periods, holidays, and which dates are school days. */

type Entity = 'academic_year' | 'study_period' | 'holiday';

async function audit(deps: Deps, db: Db, actor: Actor, schoolId: string, action: AuditAction, entity: Entity, id: string, details = {}) {
  await recordAudit(db, actor, deps.clock.now(), { schoolId, action, entity, entityId: id, details });
}

function checkDateOrder(from: string, to: string): void {
  if (from > to) throw invalid('error.dateOrder');
}

function checkInsideYear(year: AcademicYearsTable, from: string, to: string): void {
  if (from < year.starts_on || to > year.ends_on) throw invalid('error.outsideYear');
}

async function requireYearRef(db: Db, actor: Actor, schoolId: string, yearId: string): Promise<AcademicYearsTable> {
  const year = await findYear(db, schoolId, yearId);
  if (!year) throw referenceNotFound(actor, 'school.ref.year', 'yearId');
  return year;
}

// ---------------------------------------------------------------- academic years

/** Academic years of a school, oldest first. */
export async function listYears(deps: Deps, actor: Actor, schoolId: string): Promise<Year[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listYearRows(deps.db, schoolId)).map(presentYear);
}

/** The academic year containing a date, or null. Checks school.read. */
export async function yearOn(deps: Deps, actor: Actor, schoolId: string, date: string): Promise<Year | null> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const row = await findYearOn(deps.db, schoolId, date);
  return row ? presentYear(row) : null;
}

/** Adds an academic year; years of one school never overlap. */
export async function createYear(deps: Deps, actor: Actor, schoolId: string, input: YearCreate): Promise<Year> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  checkDateOrder(input.startsOn, input.endsOn);
  const row: AcademicYearsTable = {
    id: newId(),
    school_id: schoolId,
    name: cleanText('name', input.name),
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'create', row.id);
    if (!(await findSchool(trx, schoolId))) throw notFound();
    if (await findOverlappingYear(trx, schoolId, row.starts_on, row.ends_on, null)) throw invalid('error.school.yearsOverlap');
    await insertYear(trx, row);
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'academic_year', row.id);
  });
  return presentYear(row);
}

/** Renames or re-dates a year; the new dates must still contain its periods and holidays. */
export async function updateYear(deps: Deps, actor: Actor, schoolId: string, yearId: string, patch: YearPatch): Promise<Year> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'update', yearId);
    const year = await findYear(trx, schoolId, yearId);
    if (!year) throw notFound();
    const next: AcademicYearsTable = {
      ...year,
      ...(patch.name !== undefined ? { name: cleanText('name', patch.name) } : {}),
      ...(patch.startsOn !== undefined ? { starts_on: patch.startsOn } : {}),
      ...(patch.endsOn !== undefined ? { ends_on: patch.endsOn } : {}),
    };
    checkDateOrder(next.starts_on, next.ends_on);
    if (await findOverlappingYear(trx, schoolId, next.starts_on, next.ends_on, yearId)) throw invalid('error.school.yearsOverlap');
    const span = await yearContentSpan(trx, schoolId, yearId);
    if ((span.from !== null && span.from < next.starts_on) || (span.to !== null && span.to > next.ends_on)) {
      throw invalid('error.school.yearExcludesContent');
    }
    await updateYearRow(trx, schoolId, yearId, { name: next.name, starts_on: next.starts_on, ends_on: next.ends_on });
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'academic_year', yearId, { fields: changedFields(patch) });
    return presentYear(next);
  });
}

/** Deletes an empty year; 409 while classes, groups, curriculum, periods or holidays use it. */
export async function deleteYear(deps: Deps, actor: Actor, schoolId: string, yearId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'delete', yearId);
    if (!(await findYear(trx, schoolId, yearId))) throw notFound();
    if (await yearInUse(trx, schoolId, yearId)) throw conflict('error.inUse');
    await withConstraintErrors(() => deleteYearRow(trx, schoolId, yearId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'academic_year', yearId);
  });
}

// ---------------------------------------------------------------- study periods

interface PeriodShape {
  gradeFrom: number;
  gradeTo: number;
  startsOn: string;
  endsOn: string;
}

/** Grade range, date order, inside the year, and no overlap with periods of intersecting grades. */
async function checkPeriod(db: Db, schoolId: string, year: AcademicYearsTable, p: PeriodShape, exceptId: string | null): Promise<void> {
  if (p.gradeFrom > p.gradeTo) throw invalid('error.gradeRange');
  checkDateOrder(p.startsOn, p.endsOn);
  checkInsideYear(year, p.startsOn, p.endsOn);
  const clash = await findOverlappingPeriod(
    db,
    schoolId,
    year.id,
    { gradeFrom: p.gradeFrom, gradeTo: p.gradeTo, from: p.startsOn, to: p.endsOn },
    exceptId,
  );
  if (clash) throw invalid('error.periodsOverlap');
}

/** Study periods of a school, optionally of one year, by start date. Checks school.read. */
export async function listPeriods(deps: Deps, actor: Actor, schoolId: string, yearId?: string): Promise<Period[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listPeriodRows(deps.db, schoolId, yearId)).map(presentPeriod);
}

/** The study period a grade level is in on a date (quarter for 5th grade, half-year for 10th…), or null. Checks school.read. */
export async function periodOn(deps: Deps, actor: Actor, schoolId: string, gradeLevel: number, date: string): Promise<Period | null> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const row = await findPeriodOn(deps.db, schoolId, gradeLevel, date);
  return row ? presentPeriod(row) : null;
}

/** Adds a study period inside its year. */
export async function createPeriod(deps: Deps, actor: Actor, schoolId: string, input: PeriodCreate): Promise<Period> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const name = cleanText('name', input.name);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'create', input.yearId);
    const year = await requireYearRef(trx, actor, schoolId, input.yearId);
    await checkPeriod(trx, schoolId, year, input, null);
    const row: StudyPeriodsTable = {
      id: newId(),
      school_id: schoolId,
      year_id: year.id,
      kind: input.kind,
      ordinal: input.ordinal,
      name,
      grade_from: input.gradeFrom,
      grade_to: input.gradeTo,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      closed_at: null,
      closed_by: null,
    };
    await insertPeriod(trx, row);
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'study_period', row.id);
    return presentPeriod(row);
  });
}

/** Changes an open study period (a closed one belongs to the journal's closing procedure, R4.2). */
export async function updatePeriod(deps: Deps, actor: Actor, schoolId: string, periodId: string, patch: PeriodPatch): Promise<Period> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'update', periodId);
    const period = await findPeriod(trx, schoolId, periodId);
    if (!period) throw notFound();
    if (period.closed_at !== null) throw conflict('error.school.periodClosed');
    const year = (await findYear(trx, schoolId, period.year_id)) as AcademicYearsTable;
    const next: StudyPeriodsTable = {
      ...period,
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.ordinal !== undefined ? { ordinal: patch.ordinal } : {}),
      ...(patch.name !== undefined ? { name: cleanText('name', patch.name) } : {}),
      ...(patch.gradeFrom !== undefined ? { grade_from: patch.gradeFrom } : {}),
      ...(patch.gradeTo !== undefined ? { grade_to: patch.gradeTo } : {}),
      ...(patch.startsOn !== undefined ? { starts_on: patch.startsOn } : {}),
      ...(patch.endsOn !== undefined ? { ends_on: patch.endsOn } : {}),
    };
    await checkPeriod(
      trx,
      schoolId,
      year,
      { gradeFrom: next.grade_from, gradeTo: next.grade_to, startsOn: next.starts_on, endsOn: next.ends_on },
      periodId,
    );
    const { id: _id, school_id: _school, year_id: _year, closed_at: _closedAt, closed_by: _closedBy, ...changes } = next;
    await updatePeriodRow(trx, schoolId, periodId, changes);
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'study_period', periodId, { fields: changedFields(patch) });
    return presentPeriod(next);
  });
}

/** Deletes an open study period; a closed one, or one that period grades point at, answers 409. */
export async function deletePeriod(deps: Deps, actor: Actor, schoolId: string, periodId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'delete', periodId);
    const period = await findPeriod(trx, schoolId, periodId);
    if (!period) throw notFound();
    if (period.closed_at !== null) throw conflict('error.school.periodClosed');
    await withConstraintErrors(() => deletePeriodRow(trx, schoolId, periodId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'study_period', periodId);
  });
}

/**
 * The standard Russian calendar for a year (seed 002, table 2.13 speaks of quarters and half-years):
 * quarters for grades 1–9, half-years for grades 10–11, with the usual autumn, winter and spring
 * breaks between them. The school adjusts the dates to its region afterwards.
 */
function presetPeriods(year: AcademicYearsTable): Array<Omit<StudyPeriodsTable, 'id' | 'school_id' | 'closed_at' | 'closed_by'>> {
  const first = Number(year.starts_on.slice(0, 4));
  const next = first + 1;
  const quarter = (ordinal: number, from: string, to: string) => ({
    year_id: year.id,
    kind: 'quarter',
    ordinal,
    // Stored names go on Russian school documents (табель, ведомость), whatever the UI language.
    name: translate('ru', 'school.preset.quarter', { ordinal }),
    grade_from: 1,
    grade_to: 9,
    starts_on: from,
    ends_on: to,
  });
  const half = (ordinal: number, from: string, to: string) => ({
    year_id: year.id,
    kind: 'half_year',
    ordinal,
    name: translate('ru', 'school.preset.halfYear', { ordinal }),
    grade_from: 10,
    grade_to: 11,
    starts_on: from,
    ends_on: to,
  });
  return [
    quarter(1, year.starts_on, `${first}-10-26`),
    quarter(2, `${first}-11-05`, `${first}-12-28`),
    quarter(3, `${next}-01-09`, `${next}-03-21`),
    quarter(4, `${next}-04-01`, year.ends_on),
    half(1, year.starts_on, `${first}-12-28`),
    half(2, `${next}-01-09`, year.ends_on),
  ];
}

/** Creates the standard quarters (grades 1–9) and half-years (10–11) of a year in one transaction; 409 if it has periods. */
export async function createPresetPeriods(deps: Deps, actor: Actor, schoolId: string, yearId: string): Promise<Period[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'create', yearId);
    const year = await findYear(trx, schoolId, yearId);
    if (!year) throw notFound();
    if ((await countPeriodsOfYear(trx, schoolId, yearId)) > 0) throw conflict('error.school.periodsExist');
    const rows: StudyPeriodsTable[] = presetPeriods(year).map((p) => ({
      ...p,
      id: newId(),
      school_id: schoolId,
      closed_at: null,
      closed_by: null,
    }));
    for (const row of rows) {
      if (row.starts_on > row.ends_on || row.starts_on < year.starts_on || row.ends_on > year.ends_on) {
        throw invalid('error.school.presetDoesNotFit');
      }
      await insertPeriod(trx, row);
      await audit(deps, trx, actor, schoolId, AuditAction.create, 'study_period', row.id, { preset: true });
    }
    return rows.map(presentPeriod);
  });
}

// ---------------------------------------------------------------- holidays

/** Holidays of a school, optionally of one year, by start date. Checks school.read. */
export async function listHolidays(deps: Deps, actor: Actor, schoolId: string, yearId?: string): Promise<Holiday[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listHolidayRows(deps.db, schoolId, yearId)).map(presentHoliday);
}

/** Adds a vacation, public holiday or day off inside its year. */
export async function createHoliday(deps: Deps, actor: Actor, schoolId: string, input: HolidayCreate): Promise<Holiday> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const name = cleanText('name', input.name);
  checkDateOrder(input.startsOn, input.endsOn);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'create', null);
    const year = await requireYearRef(trx, actor, schoolId, input.yearId);
    checkInsideYear(year, input.startsOn, input.endsOn);
    const row = {
      id: newId(),
      school_id: schoolId,
      year_id: year.id,
      kind: input.kind,
      name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    };
    await insertHoliday(trx, row);
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'holiday', row.id);
    return presentHoliday(row);
  });
}

/** Changes a holiday; it stays inside its year. */
export async function updateHoliday(deps: Deps, actor: Actor, schoolId: string, holidayId: string, patch: HolidayPatch): Promise<Holiday> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'update', holidayId);
    const holiday = await findHoliday(trx, schoolId, holidayId);
    if (!holiday) throw notFound();
    const next = {
      ...holiday,
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.name !== undefined ? { name: cleanText('name', patch.name) } : {}),
      ...(patch.startsOn !== undefined ? { starts_on: patch.startsOn } : {}),
      ...(patch.endsOn !== undefined ? { ends_on: patch.endsOn } : {}),
    };
    checkDateOrder(next.starts_on, next.ends_on);
    checkInsideYear((await findYear(trx, schoolId, holiday.year_id)) as AcademicYearsTable, next.starts_on, next.ends_on);
    await updateHolidayRow(trx, schoolId, holidayId, {
      kind: next.kind,
      name: next.name,
      starts_on: next.starts_on,
      ends_on: next.ends_on,
    });
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'holiday', holidayId, { fields: changedFields(patch) });
    return presentHoliday(next);
  });
}

/** Deletes a holiday. */
export async function deleteHoliday(deps: Deps, actor: Actor, schoolId: string, holidayId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.calendar, 'delete', holidayId);
    if (!(await findHoliday(trx, schoolId, holidayId))) throw notFound();
    await deleteHolidayRow(trx, schoolId, holidayId);
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'holiday', holidayId);
  });
}

// ---------------------------------------------------------------- school days

/**
 * Whether pupils study on a date: inside an academic year, within the school's working week
 * (Mon–Fri, or Mon–Sat for a six-day school; Sunday never) and not in a holiday. Checks school.read.
 */
export async function isSchoolDay(deps: Deps, actor: Actor, schoolId: string, date: string): Promise<boolean> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const school = await findSchool(deps.db, schoolId);
  if (!school) throw notFound();
  if (isoWeekday(date) > school.working_days_per_week) return false;
  if (!(await findYearOn(deps.db, schoolId, date))) return false;
  return !(await holidayCovers(deps.db, schoolId, date));
}

// ---------------------------------------------------------------- period closing

/**
 * Marks a study period closed, in the caller's transaction: the journal closes a period (R4.2),
 * having checked period.close, and locks its grades. False when it was closed already.
 */
export async function markPeriodClosed(trx: Db, schoolId: string, periodId: string, closedBy: string | null, at: Date): Promise<boolean> {
  return closePeriodRow(trx, schoolId, periodId, at.toISOString(), closedBy);
}

/** Clears a period's closing, in the caller's transaction (the journal reopens it, with a reason in its audit entry). */
export async function markPeriodReopened(trx: Db, schoolId: string, periodId: string): Promise<void> {
  await reopenPeriodRow(trx, schoolId, periodId);
}
