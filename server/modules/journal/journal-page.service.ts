import { Permission } from '../../../contract/permissions.js';
import { Role } from '../../../contract/roles.js';
import type { Average, JournalLesson, JournalPage } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { journalAccess, requireSchoolPermission, rolesInSchool } from '../../access/policy.js';
import { earlierDate, laterDate } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { schoolToday } from '../school/school.service.js';
import { assignPlanTopics } from '../timetable/thematic-plan.service.js';
import { deriveSlots, loadCurricula, slotKey } from '../timetable/timetable.service.js';
import { ownScaleOf, pickItemScale, scaleOfItem } from './curriculum-scales.service.js';
import * as repo from './journal.repository.js';
import {
  ensureWorkTypes,
  type JournalContext,
  openJournal,
  presentAttendance,
  presentGrade,
  presentPeriodGrade,
  presentWorkType,
  scalesOf,
  whatMissing,
} from './journal-context.js';
import { heldLessonsInOrder } from './journal-lessons.js';
import { presentPeriod } from './period-grades.service.js';
import { studentAverages } from './period-mark.js';
import type { ScaleDefinition } from './scales.js';

/** The period asked for, else the one holding today, else the nearest. */
export async function pickPeriod(deps: Deps, ctx: JournalContext, periodId: string | undefined) {
  const periods = await repo.periodsOfYear(deps.db, ctx.schoolId, ctx.item.yearId, ctx.item.gradeLevel);
  if (periods.length === 0) {
    // A school that has not set its periods yet: the whole year is one period.
    const whole = {
      id: ctx.item.yearId,
      name: '',
      kind: 'year',
      ordinal: 1,
      starts_on: ctx.item.yearStartsOn,
      ends_on: ctx.item.yearEndsOn,
      closed_at: null,
      grade_from: 1,
      grade_to: 11,
    };
    return { period: whole, periods: [whole], real: false };
  }
  if (periodId) {
    const period = periods.find((p) => p.id === periodId);
    if (!period) throw whatMissing(ctx.actor, 'journal.what.period');
    return { period, periods, real: true };
  }
  const today = await schoolToday(deps, ctx.schoolId);
  const period =
    periods.find((p) => today >= p.starts_on && today <= p.ends_on) ??
    [...periods].reverse().find((p) => p.ends_on < today) ??
    (periods[0] as repo.PeriodRow);
  return { period, periods, real: true };
}

/** Averages and proposals from the period's grades, with exact decimals (averages.ts, R3.6). */
function presentAverages(grades: readonly repo.GradeRow[], workTypes: readonly repo.WorkTypeRow[], scale: ScaleDefinition): Average[] {
  // Only grades on the item's scale count (studentAverages leaves the others out).
  return studentAverages(grades, new Map(workTypes.map((w) => [w.id, w.weight])), scale);
}

/**
 * Everything the journal grid of one curriculum item needs for one period (R3.1–R3.6, R4): the
 * roster by date, derived and recorded lessons with topics, grades, attendance, averages, period
 * grades and what the caller may do. A fixed handful of indexed queries, independent of size.
 */
export async function journalPage(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  periodId?: string,
): Promise<JournalPage> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  const { item } = ctx;
  const { period, periods } = await pickPeriod(deps, ctx, periodId);
  const from = period.starts_on;
  const to = period.ends_on;
  // Plan topics fall on lessons counted from the start of the year, so with a plan derive from there.
  const planItems = await repo.planItemsOf(deps.db, schoolId, item.id);
  const since = planItems.length > 0 ? item.yearStartsOn : from;
  const [slots, records, roster, grades, attendance, periodGrades, workTypes, scaleInfo, ownScale] = await Promise.all([
    deriveSlots(deps, schoolId, [item], since, to),
    repo.lessonsInRange(deps.db, schoolId, item.id, since, to),
    repo.rosterSpans(deps.db, schoolId, { classId: item.classId, groupId: item.groupId }, from, to),
    repo.gradesInRange(deps.db, schoolId, item.id, from, to),
    repo.attendanceInRange(deps.db, schoolId, item.id, from, to),
    repo.periodGradesOf(deps.db, schoolId, item.id),
    ensureWorkTypes(deps, schoolId),
    scalesOf(deps, actor, schoolId),
    ownScaleOf(deps, schoolId, item.id),
  ]);
  const itemScale = pickItemScale(scaleInfo, ownScale);

  // Lessons: scheduled (not cancelled) ones, plus recorded ones the timetable no longer holds.
  const recordByKey = new Map(records.map((r) => [slotKey(item.id, r.date, r.lesson_number), r]));
  const ordered = heldLessonsInOrder(item.id, slots, records);
  const planned = assignPlanTopics(
    ordered.map(([key]) => ({ key })),
    planItems,
  );
  const closed = periods.filter((p) => p.closed_at !== null);
  const lessons: JournalLesson[] = [];
  for (const [key, l] of ordered) {
    if (l.date < from) continue;
    const record = recordByKey.get(key);
    const plan = planned.get(key);
    lessons.push({
      id: record?.id ?? null,
      date: l.date,
      lessonNumber: l.lessonNumber,
      topic: record?.topic ?? plan?.topic ?? null,
      plannedTopic: plan?.topic ?? null,
      homework: record?.homework ?? null,
      homeworkDueOn: record?.homework_due_on ?? null,
      controlWorkTypeId: record?.control_work_type_id ?? null,
      attachmentCount: Number(record?.attachment_count ?? 0),
      version: record?.version ?? 0,
      scheduled: l.scheduled,
      substituteTeacherId: l.substituteTeacherId,
      locked: closed.some((p) => l.date >= p.starts_on && l.date <= p.ends_on),
    });
  }

  // Roster: one row per student with the dates they belong, clipped to the period.
  const students = new Map<string, JournalPage['students'][number]>();
  for (const m of roster) {
    const span = { from: laterDate(m.starts_on, from), to: m.ends_on === null ? to : earlierDate(m.ends_on, to) };
    const s = students.get(m.student_id) ?? { id: m.student_id, surname: m.surname, name: m.name, patronymic: m.patronymic, spans: [] };
    s.spans.push(span);
    students.set(m.student_id, s);
  }
  const studentList = [...students.values()]
    .map((s) => ({ ...s, spans: s.spans.sort((a, b) => (a.from < b.from ? -1 : 1)) }))
    .sort((a, b) => a.surname.localeCompare(b.surname, 'ru') || a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));

  const page: JournalPage = {
    curriculum: {
      id: item.id,
      subjectId: item.subjectId,
      subjectName: item.subjectName,
      classId: item.classId,
      groupId: item.groupId,
      ownerName: item.ownerName,
      teacherId: item.teacherId,
      teacherName: item.teacherName,
      scale: itemScale.code,
    },
    period: presentPeriod(period),
    periods: periods.map(presentPeriod),
    defaultScale: scaleInfo.defaultScale,
    scales: scaleInfo.scales.map((s) => ({ code: s.code, name: s.name, builtIn: s.builtIn, values: s.values })),
    workTypes: workTypes.map((w) => presentWorkType(actor, w)),
    students: studentList,
    lessons,
    grades: grades.map(presentGrade),
    attendance: attendance.map(presentAttendance),
    averages: presentAverages(grades, workTypes, itemScale),
    periodGrades: periodGrades.map(presentPeriodGrade),
    canWrite: ctx.access.write,
    canOverrideLock: ctx.access.overrideLock,
  };
  // Grades and attendance of named students are personal data: the read is audited (no values in
  // details), stored before the page is answered (group commit, audit/read-commit.ts).
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'journal',
    entityId: item.id,
    details: { periodId: period.id },
  });
  return page;
}

/** Plain and weighted averages with the proposed period grade, per student (R3.6, R4.1). */
export async function journalAverages(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  periodId?: string,
): Promise<Average[]> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  const { period } = await pickPeriod(deps, ctx, periodId);
  const [scale, grades, workTypes] = await Promise.all([
    scaleOfItem(deps, actor, schoolId, curriculumId),
    repo.gradesInRange(deps.db, schoolId, curriculumId, period.starts_on, period.ends_on),
    ensureWorkTypes(deps, schoolId),
  ]);
  // Averages of named students are their grades in another form: audited like the page (issue 12.9).
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'journal_averages',
    entityId: curriculumId,
    details: { periodId: period.id },
  });
  return presentAverages(grades, workTypes, scale);
}

/** The curriculum items whose journal the actor may open in a school, with whether they may write. */
export async function listJournals(deps: Deps, actor: Actor, schoolId: string) {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const roles = rolesInSchool(actor, schoolId);
  const wholeSchool = actor.kind === 'system' || roles.some((r) => r === Role.schoolAdmin || r === Role.director || r === Role.deputy);
  const today = await schoolToday(deps, schoolId);
  // Read-only join onto the school module's curriculum: which items concern this actor.
  let q = deps.db
    .selectFrom('curriculum as c')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .select('c.id')
    .where('c.school_id', '=', schoolId);
  if (!wholeSchool) {
    const userId = actor.userId as string;
    q = q.where((eb) =>
      eb.or([
        eb('c.teacher_id', 'in', eb.selectFrom('staff').select('id').where('user_id', '=', userId).where('school_id', '=', schoolId)),
        eb(
          eb.fn.coalesce('c.class_id', 'g.class_id'),
          'in',
          eb
            .selectFrom('classes as k')
            .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
            .select('k.id')
            .where('s.user_id', '=', userId)
            .where('k.school_id', '=', schoolId),
        ),
        // Read-only join onto the timetable's changes: the items this actor substitutes in today
        // (journalAccess below decides; decision 008).
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('timetable_changes as tc')
            .innerJoin('staff as ts', 'ts.id', 'tc.substitute_teacher_id')
            .select('tc.curriculum_id')
            .where('ts.user_id', '=', userId)
            .where('tc.school_id', '=', schoolId)
            .where((d) => d.or([d('tc.date', '=', today), d('tc.moved_to_date', '=', today)])),
        ),
      ]),
    );
  }
  const ids = (await q.execute()).map((r) => r.id);
  const items = [];
  for (const item of await loadCurricula(deps, schoolId, ids)) {
    const id = item.id;
    const access = await journalAccess(deps.db, actor, { id, schoolId, teacherId: item.teacherId, classId: item.ownerClassId, today });
    if (!access.read) continue;
    items.push({
      curriculumId: id,
      subjectName: item.subjectName,
      ownerName: item.ownerName,
      classId: item.classId,
      groupId: item.groupId,
      teacherName: item.teacherName,
      canWrite: access.write,
    });
  }
  return items.sort((a, b) => a.ownerName.localeCompare(b.ownerName, 'ru') || a.subjectName.localeCompare(b.subjectName, 'ru'));
}

/** The change history of one item's journal (R3.4), for its teacher, class teacher, director and admins. */
export async function journalHistory(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  q: { entity?: string; entityId?: string; studentId?: string; lessonId?: string; limit: number },
) {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  await openJournal(deps, actor, schoolId, curriculumId);
  const rows = await repo.historyOf(deps.db, schoolId, curriculumId, q);
  // Old and new grades of named students, with who changed them: audited (issue 12.9).
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'journal_history',
    entityId: curriculumId,
    details: { rows: rows.length, ...(q.studentId ? { studentId: q.studentId } : {}) },
  });
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    studentId: r.student_id,
    lessonId: r.lesson_id,
    oldValue: r.old_value ? (JSON.parse(r.old_value) as Record<string, unknown>) : null,
    newValue: r.new_value ? (JSON.parse(r.new_value) as Record<string, unknown>) : null,
    changedBy: r.changed_by,
    changedByName: r.display_name,
    changedAt: r.changed_at,
    reason: r.reason,
  }));
}
