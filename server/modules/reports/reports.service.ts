import { Permission } from '../../../contract/permissions.js';
import type {
  AttendanceReport,
  IndicatorReport,
  IndicatorUnit,
  MonitoringReport,
  MovementReport,
  PerformanceReport,
  ReportRangeQuery,
} from '../../../contract/schemas/reports.js';
import type { Period } from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import { addDays, earlierDate, laterDate, weekStart } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { invalid, notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { itemScaleCodes } from '../journal/curriculum-scales.service.js';
import { oversightKeeping } from '../oversight/oversight.service.js';
import { movementRegister } from '../people/movements.service.js';
import { listPeriods, listYears } from '../school/calendar.service.js';
import { schoolTimeZone, schoolToday } from '../school/school.service.js';
import { termEnd, workingCalendarFor } from '../service/calendar.service.js';
import { type CurriculumRow, deriveSlots, loadCurricula } from '../timetable/timetable.service.js';
import {
  ABSENCE_MARKS,
  addCounts,
  type Counts,
  countByItem,
  emptyCounts,
  gradeTerm,
  type IndicatorInput,
  indicatorsOf,
  journalsKeptIndicator,
  localDateOf,
  type MissingPeriodGrade,
  TERMS,
} from './indicators.js';
import * as repo from './reports.repository.js';
import { attendanceRow, isFailing, type Pair, type PeriodMark, performanceRow } from './statistics.js';

interface Range {
  from: string;
  to: string;
  today: string;
  yearId: string;
  periods: Period[];
}

/** The range of a query: a period, from/to, or the academic year up to today. */
async function resolveRange(deps: Deps, actor: Actor, schoolId: string, q: ReportRangeQuery): Promise<Range> {
  const today = await schoolToday(deps, schoolId);
  const years = await listYears(deps, actor, schoolId);
  const anchor = q.periodId ? null : (q.to ?? q.from ?? today);
  const periodsAll = (await Promise.all(years.map((y) => listPeriods(deps, actor, schoolId, y.id)))).flat();
  let from: string;
  let to: string;
  let yearId: string;
  if (q.periodId) {
    const period = periodsAll.find((p) => p.id === q.periodId);
    if (!period) throw notFound();
    ({ startsOn: from, endsOn: to, yearId } = period);
  } else {
    const year = years.find((y) => y.startsOn <= (anchor as string) && (anchor as string) <= y.endsOn) ?? years.at(-1);
    if (!year) throw notFound();
    yearId = year.id;
    from = q.from ?? year.startsOn;
    to = q.to ?? earlierDate(year.endsOn, laterDate(today, year.startsOn));
  }
  if (from > to) throw invalid('error.reports.range');
  return { from, to, today, yearId, periods: periodsAll.filter((p) => p.yearId === yearId) };
}

/** The year's curriculum items, each with the name of its class (a group's item counts under its class). */
async function loadItems(deps: Deps, schoolId: string, yearId: string) {
  const [items, names] = await Promise.all([
    repo.curriculumIdsOfYear(deps.db, schoolId, yearId).then((ids) => loadCurricula(deps, schoolId, ids)),
    repo.classNames(deps.db, schoolId),
  ]);
  const classNameOf = (i: CurriculumRow) => (i.ownerClassId ? (names.get(i.ownerClassId) ?? i.ownerName) : i.ownerName);
  return { items, classNameOf };
}

interface Loaded {
  range: Range;
  items: CurriculumRow[];
  classNameOf: (i: CurriculumRow) => string;
  input: IndicatorInput;
  /** Period ends by item for the monitoring's link. */
  missingByItem: Map<string, { count: number; periodId: string }>;
}

const firstPostingOf = (history: readonly repo.LessonHistoryFact[], field: 'topic' | 'homework') => {
  const out = new Map<string, string>();
  for (const h of history) {
    if (out.has(h.entity_id) || !h.new_value) continue;
    const value = (JSON.parse(h.new_value) as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() !== '') out.set(h.entity_id, h.changed_at);
  }
  return out;
};

/** Reads one school's facts for [from, to] (decision 015 §5). */
async function loadFacts(deps: Deps, schoolId: string, range: Range): Promise<Loaded> {
  const { from, to, today } = range;
  const timeZone = await schoolTimeZone(deps, schoolId);
  const { items, classNameOf } = await loadItems(deps, schoolId, range.yearId);
  const heldTo = earlierDate(to, addDays(today, -1));
  const periodsEnded = range.periods.filter((p) => p.endsOn >= from && p.endsOn <= to && p.endsOn < today);
  const [slots, lessons, grades, marks, history, periodGrades] = await Promise.all([
    heldTo >= from ? deriveSlots(deps, schoolId, items, from, heldTo) : Promise.resolve([]),
    repo.lessonsBetween(deps.db, schoolId, from, to),
    repo.gradesBetween(deps.db, schoolId, from, to),
    repo.marksBetween(deps.db, schoolId, from, to),
    repo.lessonHistoryBetween(deps.db, schoolId, from, to),
    repo.periodGradesOf(
      deps.db,
      schoolId,
      'period',
      periodsEnded.map((p) => p.id),
    ),
  ]);
  const years = new Set<number>();
  for (let y = Number(from.slice(0, 4)); y <= Number(today.slice(0, 4)) + 1; y++) years.add(y);
  const calendar = await workingCalendarFor(deps.db, schoolId, [...years]);
  const ends = new Map<string, string>();
  const termEndOf = (date: string, days: number) => {
    const key = `${date}|${days}`;
    let end = ends.get(key);
    if (end === undefined) {
      end = termEnd(date, days, calendar);
      ends.set(key, end);
    }
    return end;
  };

  // Period grades that should exist: every roster student at the period's end, for items whose
  // grade level the period covers.
  const periodEndById = new Map(periodsEnded.map((p) => [p.id, p.endsOn]));
  const given = new Set(periodGrades.map((g) => `${g.curriculum_id}|${g.period_key}|${g.student_id}`));
  const missing: MissingPeriodGrade[] = [];
  const missingByItem = new Map<string, { count: number; periodId: string }>();
  for (const period of periodsEnded) {
    const members = await repo.membersOn(deps.db, schoolId, period.endsOn);
    for (const item of items) {
      const level = item.gradeLevel;
      if (level !== null && (level < period.gradeFrom || level > period.gradeTo)) continue;
      for (const studentId of members.get(item.groupId ?? item.classId ?? '') ?? []) {
        if (given.has(`${item.id}|${period.id}|${studentId}`)) continue;
        missing.push({ curriculumId: item.id, periodEnd: period.endsOn });
        if (termEndOf(period.endsOn, TERMS.periodGrades) < today) {
          const m = missingByItem.get(item.id) ?? { count: 0, periodId: period.id };
          m.count++;
          missingByItem.set(item.id, m);
        }
      }
    }
  }
  const input: IndicatorInput = {
    today,
    timeZone,
    localDate: localDateOf(timeZone),
    termEnd: termEndOf,
    items,
    held: slots.filter((s) => !s.cancelled),
    lessons: lessons.map((l) => ({
      id: l.id,
      curriculumId: l.curriculum_id,
      date: l.date,
      lessonNumber: l.lesson_number,
      topic: l.topic,
      homework: l.homework,
      homeworkDueOn: l.homework_due_on,
    })),
    topicPostedAt: firstPostingOf(history, 'topic'),
    homeworkPostedAt: firstPostingOf(history, 'homework'),
    grades: grades.map((g) => ({ curriculumId: g.curriculum_id, eventDate: g.work_date, enteredAt: g.entered_at })),
    absences: marks
      .filter((m) => ABSENCE_MARKS.has(m.mark))
      .map((m) => ({ curriculumId: m.curriculum_id, eventDate: m.lesson_date, enteredAt: m.entered_at })),
    marks: marks.map((m) => ({ curriculumId: m.curriculum_id, eventDate: m.lesson_date, enteredAt: m.entered_at })),
    periodGrades: periodGrades.map((g) => ({
      curriculumId: g.curriculum_id,
      periodEnd: periodEndById.get(g.period_key) as string,
      enteredAt: g.entered_at,
    })),
    missingPeriodGrades: missing,
  };
  return { range, items, classNameOf, input, missingByItem };
}

function group(items: readonly CurriculumRow[], byItem: Map<string, Counts>, keyOf: (i: CurriculumRow) => [string, string] | null) {
  const units = new Map<string, { name: string; counts: Counts }>();
  for (const item of items) {
    const key = keyOf(item);
    if (!key) continue;
    const unit = units.get(key[0]) ?? { name: key[1], counts: emptyCounts() };
    addCounts(unit.counts, byItem.get(item.id) ?? emptyCounts());
    units.set(key[0], unit);
  }
  return [...units.entries()]
    .map(([id, u]): IndicatorUnit => ({ id, name: u.name, indicators: indicatorsOf(u.counts) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The quality indicators of table 2.13 for a school, its teachers, classes, subjects and items (R9.2). */
export async function schoolIndicators(deps: Deps, actor: Actor, schoolId: string, q: ReportRangeQuery): Promise<IndicatorReport> {
  requireSchoolPermission(actor, schoolId, Permission.reportRead);
  const range = await resolveRange(deps, actor, schoolId, q);
  const { items, classNameOf, input } = await loadFacts(deps, schoolId, range);
  const byItem = countByItem(input);
  const total = emptyCounts();
  for (const c of byItem.values()) addCounts(total, c);
  const keeping = await oversightKeeping(deps, schoolId, range.today);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'report',
    details: { report: 'indicators', from: range.from, to: range.to },
  });
  return {
    from: range.from,
    to: range.to,
    today: range.today,
    school: [journalsKeptIndicator(keeping.overdueComplaints, keeping.inspectionsWithoutResult), ...indicatorsOf(total)],
    teachers: group(items, byItem, (i) => [i.teacherId, i.teacherName]),
    classes: group(items, byItem, (i) => (i.ownerClassId ? [i.ownerClassId, classNameOf(i)] : null)),
    subjects: group(items, byItem, (i) => [i.subjectId, i.subjectName]),
    items: items
      .map((i) => ({
        id: i.id,
        name: `${i.subjectName}, ${i.ownerName}`,
        teacherId: i.teacherId,
        teacherName: i.teacherName,
        indicators: indicatorsOf(byItem.get(i.id) ?? emptyCounts()),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
  };
}

/**
 * What is late or missing now, by teacher (R9.3): held lessons without a topic 3 days on, grades and
 * absences posted late in the last four weeks, period grades missing past their term; and the
 * last eight weeks' figures for the trend.
 */
export async function monitoring(deps: Deps, actor: Actor, schoolId: string): Promise<MonitoringReport> {
  requireSchoolPermission(actor, schoolId, Permission.reportRead);
  const today = await schoolToday(deps, schoolId);
  const base = await resolveRange(deps, actor, schoolId, {});
  const from = laterDate(base.from, addDays(weekStart(today), -7 * 7));
  const range: Range = { ...base, from, to: today };
  const { items, input, missingByItem } = await loadFacts(deps, schoolId, range);
  const posted = input.localDate ?? localDateOf(input.timeZone);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const recent = addDays(today, -28);
  const currentPeriod = (level: number | null) =>
    base.periods.find((p) => p.startsOn <= today && today <= p.endsOn && (level === null || (level >= p.gradeFrom && level <= p.gradeTo)))
      ?.id ?? null;

  const rows = new Map<string, { lessonsWithoutTopic: string[]; lateGrades: number; lateAbsences: number }>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      r = { lessonsWithoutTopic: [], lateGrades: 0, lateAbsences: 0 };
      rows.set(id, r);
    }
    return r;
  };
  const withTopic = new Set(
    input.lessons.filter((l) => l.topic && l.topic.trim() !== '').map((l) => `${l.curriculumId}|${l.date}|${l.lessonNumber}`),
  );
  const heldKeys = new Set(input.held.map((s) => `${s.curriculumId}|${s.date}|${s.lessonNumber}`));
  for (const l of input.lessons) if (l.date < today) heldKeys.add(`${l.curriculumId}|${l.date}|${l.lessonNumber}`);
  for (const key of [...heldKeys].sort()) {
    const [curriculumId, date] = key.split('|') as [string, string];
    if (withTopic.has(key) || input.termEnd(date, TERMS.topics) >= today) continue;
    row(curriculumId).lessonsWithoutTopic.push(date);
  }
  for (const g of input.grades) {
    if (g.eventDate < recent) continue;
    const item = itemById.get(g.curriculumId);
    if (item && posted(g.enteredAt) > input.termEnd(g.eventDate, gradeTerm(item.gradeLevel))) row(g.curriculumId).lateGrades++;
  }
  for (const a of input.absences) {
    if (a.eventDate >= recent && posted(a.enteredAt) > input.termEnd(a.eventDate, TERMS.absences)) row(a.curriculumId).lateAbsences++;
  }
  const teachers = new Map<string, MonitoringReport['teachers'][number]>();
  for (const item of items) {
    const r = rows.get(item.id);
    const missing = missingByItem.get(item.id);
    if (!r && !missing) continue;
    const entry = {
      curriculumId: item.id,
      subjectName: item.subjectName,
      ownerName: item.ownerName,
      lessonsWithoutTopic: r?.lessonsWithoutTopic ?? [],
      lateGrades: r?.lateGrades ?? 0,
      lateAbsences: r?.lateAbsences ?? 0,
      missingPeriodGrades: missing?.count ?? 0,
      periodId: missing?.periodId ?? currentPeriod(item.gradeLevel),
    };
    const total = entry.lessonsWithoutTopic.length + entry.lateGrades + entry.lateAbsences + entry.missingPeriodGrades;
    const t = teachers.get(item.teacherId) ?? { teacherId: item.teacherId, teacherName: item.teacherName, total: 0, items: [] };
    t.total += total;
    t.items.push(entry);
    teachers.set(item.teacherId, t);
  }

  const weeks: MonitoringReport['weeks'] = [];
  for (let monday = weekStart(from); monday <= today; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const inWeek = (d: string) => d >= monday && d <= sunday;
    const counts = emptyCounts();
    const byItem = countByItem({
      ...input,
      held: input.held.filter((s) => inWeek(s.date)),
      lessons: input.lessons.filter((l) => inWeek(l.date)),
      grades: input.grades.filter((g) => inWeek(g.eventDate)),
      absences: input.absences.filter((a) => inWeek(a.eventDate)),
      marks: [],
      periodGrades: [],
      missingPeriodGrades: [],
    });
    for (const c of byItem.values()) addCounts(counts, c);
    const entries = counts.grades1to9 + counts.grades10to11 + counts.absences;
    const onTime = counts.grades1to9OnTime + counts.grades10to11OnTime + counts.absencesOnTime;
    weeks.push({
      weekOf: monday,
      onTimeShare: entries === 0 ? null : onTime / entries,
      topicsShare: counts.lessons === 0 ? null : counts.lessonsWithTopic / counts.lessons,
      entries,
      lessons: counts.lessons,
    });
  }
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'report',
    details: { report: 'monitoring' },
  });
  return {
    today,
    from,
    teachers: [...teachers.values()].sort((a, b) => b.total - a.total || a.teacherName.localeCompare(b.teacherName, 'ru')),
    weeks,
  };
}

/** Performance over period (or year) grades: % успеваемости, % качества, averages, distribution, «2» and «н/а» (R9.1). */
export async function performance(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: { periodId?: string; year?: boolean },
): Promise<PerformanceReport> {
  requireSchoolPermission(actor, schoolId, Permission.reportRead);
  const range = await resolveRange(deps, actor, schoolId, q.periodId ? { periodId: q.periodId } : {});
  const year = (await listYears(deps, actor, schoolId)).find((y) => y.id === range.yearId);
  const period = q.periodId ? range.periods.find((p) => p.id === q.periodId) : undefined;
  const kind = period ? 'period' : 'year';
  const key = period ? period.id : '';
  const startsOn = period?.startsOn ?? year?.startsOn ?? range.from;
  const endsOn = period?.endsOn ?? year?.endsOn ?? range.to;
  const { items, classNameOf } = await loadItems(deps, schoolId, range.yearId);
  const inScope = items.filter(
    (i) => !period || i.gradeLevel === null || (i.gradeLevel >= period.gradeFrom && i.gradeLevel <= period.gradeTo),
  );
  const [scales, periodGrades, grades] = await Promise.all([
    itemScaleCodes(
      deps,
      actor,
      schoolId,
      inScope.map((i) => i.id),
    ),
    repo.periodGradesOf(deps.db, schoolId, kind, [key]),
    repo.gradesBetween(deps.db, schoolId, startsOn, endsOn),
  ]);
  const rosterDate = earlierDate(endsOn, laterDate(range.today, startsOn));
  const pairs: Array<Pair & { item: CurriculumRow }> = [];
  const members = await repo.membersOn(deps.db, schoolId, rosterDate);
  for (const item of inScope) {
    const five = scales.get(item.id) === 'five';
    for (const studentId of members.get(item.groupId ?? item.classId ?? '') ?? [])
      pairs.push({ studentId, curriculumId: item.id, five, item });
  }
  // A student who left before the end but was graded still counts: add graded pairs off the roster.
  const pairKeys = new Set(pairs.map((p) => `${p.curriculumId}|${p.studentId}`));
  const itemById = new Map(inScope.map((i) => [i.id, i]));
  const marks = new Map<string, PeriodMark>();
  for (const g of periodGrades) {
    const item = itemById.get(g.curriculum_id);
    if (!item) continue;
    const five = scales.get(item.id) === 'five';
    marks.set(`${g.curriculum_id}|${g.student_id}`, { studentId: g.student_id, curriculumId: g.curriculum_id, value: g.value, five });
    if (!pairKeys.has(`${g.curriculum_id}|${g.student_id}`)) pairs.push({ studentId: g.student_id, curriculumId: item.id, five, item });
  }
  const fiveGrades = grades.filter((g) => g.scale === 'five' && g.numeric_value !== null);
  const gradesOf = (pred: (curriculumId: string) => boolean) =>
    fiveGrades.filter((g) => pred(g.curriculum_id)).map((g) => g.numeric_value as number);
  const rowsBy = (keyOf: (i: CurriculumRow) => [string, string] | null, byStudent: boolean) => {
    const units = new Map<string, { name: string; pairs: Pair[]; ids: Set<string> }>();
    for (const p of pairs) {
      const k = keyOf(p.item);
      if (!k) continue;
      const u = units.get(k[0]) ?? { name: k[1], pairs: [], ids: new Set<string>() };
      u.pairs.push(p);
      u.ids.add(p.curriculumId);
      units.set(k[0], u);
    }
    return [...units.entries()]
      .map(([id, u]) =>
        performanceRow(
          id,
          u.name,
          u.pairs,
          marks,
          byStudent,
          gradesOf((c) => u.ids.has(c)),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  };
  const failingMarks = [...marks.values()].filter((m) => isFailing(m.value));
  const names = new Map(
    (
      await repo.studentNames(
        deps.db,
        schoolId,
        failingMarks.map((m) => m.studentId),
      )
    ).map((s) => [s.id, `${s.surname} ${s.name}`]),
  );
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'report',
    details: { report: 'performance', periodId: period?.id ?? null, count: failingMarks.length },
  });
  return {
    period: { id: period?.id ?? null, name: period?.name ?? year?.name ?? '', startsOn, endsOn },
    school: performanceRow(
      schoolId,
      '',
      pairs,
      marks,
      true,
      gradesOf(() => true),
    ),
    classes: rowsBy((i) => (i.ownerClassId ? [i.ownerClassId, classNameOf(i)] : null), true),
    subjects: rowsBy((i) => [i.subjectId, i.subjectName], false),
    teachers: rowsBy((i) => [i.teacherId, i.teacherName], false),
    failing: failingMarks
      .map((m) => {
        const item = itemById.get(m.curriculumId) as CurriculumRow;
        return {
          studentId: m.studentId,
          studentName: names.get(m.studentId) ?? '',
          className: classNameOf(item),
          subjectName: item.subjectName,
          value: m.value,
        };
      })
      .sort((a, b) => a.className.localeCompare(b.className, 'ru') || a.studentName.localeCompare(b.studentName, 'ru')),
  };
}

/** Attendance by kind per class and per week: missed (н, б, у), excused (б, у), unexcused (н), late (оп) (R9.1). */
export async function attendance(deps: Deps, actor: Actor, schoolId: string, q: ReportRangeQuery): Promise<AttendanceReport> {
  requireSchoolPermission(actor, schoolId, Permission.reportRead);
  const range = await resolveRange(deps, actor, schoolId, q);
  const { items, classNameOf } = await loadItems(deps, schoolId, range.yearId);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const marks = await repo.marksBetween(deps.db, schoolId, range.from, range.to);
  const byClass = new Map<string, { name: string; marks: string[] }>();
  const byWeek = new Map<string, string[]>();
  for (const m of marks) {
    const item = itemById.get(m.curriculum_id);
    if (item?.ownerClassId) {
      const c = byClass.get(item.ownerClassId) ?? { name: classNameOf(item), marks: [] };
      c.marks.push(m.mark);
      byClass.set(item.ownerClassId, c);
    }
    const w = weekStart(m.lesson_date);
    byWeek.set(w, [...(byWeek.get(w) ?? []), m.mark]);
  }
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'report',
    details: { report: 'attendance', from: range.from, to: range.to },
  });
  return {
    from: range.from,
    to: range.to,
    school: attendanceRow(
      schoolId,
      '',
      marks.map((m) => m.mark),
    ),
    classes: [...byClass.entries()].map(([id, c]) => attendanceRow(id, c.name, c.marks)).sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    weeks: [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([w, list]) => attendanceRow(w, w, list)),
  };
}

/** The movement report («отчёт о движении»): enrolled, transferred, left in the range, with the orders (R9.1). */
export async function movement(deps: Deps, actor: Actor, schoolId: string, q: ReportRangeQuery): Promise<MovementReport> {
  requireSchoolPermission(actor, schoolId, Permission.reportRead);
  const range = await resolveRange(deps, actor, schoolId, q);
  const rows = (await movementRegister(deps, actor, schoolId, { from: range.from, to: range.to })).filter(
    (m) => m.kind === 'enrol' || m.kind === 'transfer' || m.kind === 'leave',
  );
  const counts: Record<string, number> = { enrol: 0, transfer: 0, leave: 0 };
  for (const m of rows) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return {
    from: range.from,
    to: range.to,
    counts,
    items: rows.map((m) => ({
      kind: m.kind,
      onDate: m.onDate,
      studentName: `${m.student.surname} ${m.student.name}`,
      className: m.class?.name ?? null,
      orderNumber: m.orderNumber,
      orderDate: m.orderDate,
    })),
  };
}
