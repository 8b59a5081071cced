import { translate } from '../../../contract/i18n/index.js';
import type { Attendance, AttendanceMark, Grade, PeriodGrade, PeriodGradeKind } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { type CurriculumFacts, type JournalAccess, mayWriteLesson, requireJournalRead } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { schoolToday } from '../school/school.service.js';
import { type CurriculumRow, findScheduledSlot, loadCurriculum } from '../timetable/timetable.service.js';
import * as repo from './journal.repository.js';
import { BUILT_IN_SCALES, builtInScale, DEFAULT_SCALE, DEFAULT_WORK_TYPES, type ScaleDefinition, workTypeNameKey } from './scales.js';

/** One curriculum item's journal as the actor may use it. */
export interface JournalContext {
  schoolId: string;
  item: CurriculumRow;
  facts: CurriculumFacts;
  access: JournalAccess;
  actor: Actor;
}

/** Loads the item and the actor's rights on it; 404 when the item is not there or not visible. */
export async function openJournal(deps: Deps, actor: Actor, schoolId: string, curriculumId: string): Promise<JournalContext> {
  const item = await loadCurriculum(deps, schoolId, curriculumId);
  if (!item) throw notFound();
  const today = await schoolToday(deps, schoolId);
  const facts: CurriculumFacts = { id: item.id, schoolId, teacherId: item.teacherId, classId: item.ownerClassId, today };
  const access = await requireJournalRead(deps.db, actor, facts);
  return { schoolId, item, facts, access, actor };
}

export function whatMissing(actor: Actor, what: Parameters<typeof translate>[1]): AppError {
  return invalid('error.referenceNotFound', { what: translate(actor.locale, what) });
}

/** 403 unless the actor may write this lesson (the item's teacher, an admin, or its substitute). */
export async function requireLessonWrite(deps: Deps, ctx: JournalContext, date: string, lessonNumber: number): Promise<void> {
  if (!(await mayWriteLesson(deps.db, ctx.access, ctx.facts, date, lessonNumber))) throw forbidden();
}

export function requireItemWrite(ctx: JournalContext): void {
  if (!ctx.access.write) throw forbidden();
}

export function requireInYear(ctx: JournalContext, date: string): void {
  if (date < ctx.item.yearStartsOn || date > ctx.item.yearEndsOn) throw invalid('error.journal.dateOutsideYear');
}

/** The lesson at (date, number): an existing record or a scheduled lesson; 422 when there is neither. */
export async function requireLesson(
  deps: Deps,
  ctx: JournalContext,
  date: string,
  lessonNumber: number,
): Promise<repo.LessonRow | undefined> {
  requireInYear(ctx, date);
  const existing = await repo.findLessonByKey(deps.db, ctx.schoolId, ctx.item.id, date, lessonNumber);
  if (existing) return existing;
  const slot = await findScheduledSlot(deps, ctx.item, date, lessonNumber);
  if (!slot) throw invalid('error.timetable.noSuchLesson');
  return undefined;
}

/** 422 unless the student is in the item's class or group on the date (R3: roster by date). */
export async function requireOnRoster(deps: Deps, ctx: JournalContext, studentId: string, from: string, to: string = from): Promise<void> {
  const owner = { classId: ctx.item.classId, groupId: ctx.item.groupId };
  if (!(await repo.isOnRoster(deps.db, ctx.schoolId, owner, studentId, from, to))) throw invalid('error.journal.studentNotOnRoster');
}

/** The closed period covering a date for this item's grade level, if any. */
export async function closedPeriodOn(db: Db, ctx: JournalContext, date: string): Promise<repo.PeriodRow | undefined> {
  const periods = await repo.periodsOfYear(db, ctx.schoolId, ctx.item.yearId, ctx.item.gradeLevel);
  return periods.find((p) => p.closed_at !== null && date >= p.starts_on && date <= p.ends_on);
}

/**
 * R4.2: records of a closed period are locked. Only an admin may change them, and only with a
 * written reason, which goes to the history and the audit log. Returns the reason when used.
 */
export function checkLock(ctx: JournalContext, period: { name: string } | undefined, reason: string | undefined): string | null {
  if (!period) return null;
  if (!ctx.access.overrideLock) throw new AppError(423, 'period_closed', 'error.journal.periodClosed', { period: period.name });
  if (!reason || reason.trim() === '') throw new AppError(423, 'period_closed', 'error.journal.reasonRequired', { period: period.name });
  return reason.trim();
}

/** What locks a period, year, exam or final grade: its closed period, or the closed year (decision 008). */
export interface GradeLock {
  kind: 'period' | 'year';
  name: string;
}

/** checkLock for a period grade: a closed year locks year, exam and final grades the same way. */
export function checkGradeLock(ctx: JournalContext, lock: GradeLock | undefined, reason: string | undefined): string | null {
  if (lock?.kind !== 'year') return checkLock(ctx, lock, reason);
  if (!ctx.access.overrideLock) throw new AppError(423, 'year_closed', 'error.journal.yearClosed', { year: lock.name });
  if (!reason || reason.trim() === '') throw new AppError(423, 'year_closed', 'error.journal.yearReasonRequired', { year: lock.name });
  return reason.trim();
}

export async function guardLockOn(deps: Deps, ctx: JournalContext, date: string, reason: string | undefined): Promise<string | null> {
  return checkLock(ctx, await closedPeriodOn(deps.db, ctx, date), reason);
}

// ---------------------------------------------------------------------------------------------
// Scales and work types.

/** The school's scales (built-in and own) and its default. */
export async function scalesOf(deps: Deps, actor: Actor, schoolId: string): Promise<{ defaultScale: string; scales: ScaleDefinition[] }> {
  const [custom, settings] = await Promise.all([repo.customScalesOf(deps.db, schoolId), repo.settingsOf(deps.db, schoolId)]);
  const scales: ScaleDefinition[] = [
    ...Object.values(BUILT_IN_SCALES).map((s) => ({ ...s, values: [...s.values], name: translate(actor.locale, s.nameKey) })),
    ...custom.map((c) => ({
      code: c.id,
      nameKey: null,
      name: c.name,
      builtIn: false,
      values: JSON.parse(c.values_json) as ScaleDefinition['values'],
    })),
  ];
  return { defaultScale: settings?.default_scale ?? DEFAULT_SCALE, scales };
}

export async function resolveScale(deps: Deps, actor: Actor, schoolId: string, code: string | undefined): Promise<ScaleDefinition> {
  if (code) {
    const builtIn = builtInScale(code);
    if (builtIn) return builtIn;
  }
  const { defaultScale, scales } = await scalesOf(deps, actor, schoolId);
  const wanted = code ?? defaultScale;
  const scale = scales.find((s) => s.code === wanted);
  if (!scale) throw whatMissing(actor, 'journal.what.scale');
  return scale;
}

/** The school's work types; the defaults are written on first use (idempotent under races). */
export async function ensureWorkTypes(deps: Deps, schoolId: string): Promise<repo.WorkTypeRow[]> {
  const existing = await repo.workTypesOf(deps.db, schoolId);
  if (existing.length > 0) return existing;
  const at = deps.clock.now().toISOString();
  await deps.db
    .insertInto('work_types')
    .values(
      DEFAULT_WORK_TYPES.map((w, i) => ({
        id: newId(),
        school_id: schoolId,
        code: w.code,
        name: '',
        weight: w.weight,
        is_control: w.isControl ? 1 : 0,
        ordinal: i + 1,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['school_id', 'code']).doNothing())
    .execute();
  return repo.workTypesOf(deps.db, schoolId);
}

export function presentWorkType(actor: Actor, w: repo.WorkTypeRow) {
  return {
    id: w.id,
    code: w.code,
    name: w.name || (w.code ? translate(actor.locale, workTypeNameKey(w.code)) : ''),
    weight: w.weight,
    isControl: w.is_control === 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Presenters.

export function presentGrade(r: repo.GradeRow): Grade {
  return {
    id: r.id,
    studentId: r.student_id,
    curriculumId: r.curriculum_id,
    lessonId: r.lesson_id,
    date: r.work_date,
    lessonNumber: r.lesson_id ? (r.lesson_number ?? null) : null,
    value: r.value,
    numeric: r.numeric_value,
    scale: r.scale,
    workTypeId: r.work_type_id,
    comment: r.comment,
    version: r.version,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    updatedAt: r.updated_at,
  };
}

export function presentAttendance(r: repo.AttendanceRow): Attendance {
  return {
    id: r.id,
    studentId: r.student_id,
    lessonId: r.lesson_id,
    date: r.lesson_date,
    lessonNumber: r.lesson_number,
    mark: r.mark as AttendanceMark,
    version: r.version,
    enteredAt: r.entered_at,
    updatedAt: r.updated_at,
  };
}

export function presentPeriodGrade(r: repo.PeriodGradeRow): PeriodGrade {
  return {
    id: r.id,
    studentId: r.student_id,
    curriculumId: r.curriculum_id,
    kind: r.kind as PeriodGradeKind,
    periodId: r.period_key === '' ? null : r.period_key,
    value: r.value,
    version: r.version,
    enteredAt: r.entered_at,
    updatedAt: r.updated_at,
  };
}

/** The scopes of a change to what the whole class or group of a journal sees (topics, homework, files). */
export function lessonScopesOf(ctx: JournalContext): { curricula: string[]; groups: string[] } {
  return { curricula: [ctx.item.id], groups: [ctx.item.groupId ?? ctx.item.classId].filter((x): x is string => !!x) };
}
