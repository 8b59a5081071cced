import { dateInZoneOf, weekStart } from '../../lib/dates.js';

/**
 * The quality indicators of seed 002 table 2.13 and seed 000 §2.11 over one school's facts
 * (decision 015). Pure: the service reads the rows, this counts them.
 */

/** Terms in calendar days (seed 002 table 2.13 rows 3–6; seed 000 §3.4). */
export const TERMS = { grades1to9: 7, grades10to11: 10, periodGrades: 3, absences: 3, topics: 3, weekly: 3 } as const;
/** Targets of the shares (rows 2 and 7). */
export const TARGET_SHARE = 0.8;

export const ABSENCE_MARKS: ReadonlySet<string> = new Set(['absent', 'ill', 'excused']);

export interface ItemFact {
  id: string;
  teacherId: string;
  teacherName: string;
  subjectId: string;
  subjectName: string;
  ownerClassId: string | null;
  ownerName: string;
  gradeLevel: number | null;
}

export interface HeldSlot {
  curriculumId: string;
  date: string;
  lessonNumber: number;
}

export interface LessonInput {
  id: string;
  curriculumId: string;
  date: string;
  lessonNumber: number;
  topic: string | null;
  homework: string | null;
  homeworkDueOn: string | null;
}

/** A posted entry: its item, its event date and the instant of its first entry. */
export interface Posted {
  curriculumId: string;
  eventDate: string;
  enteredAt: string;
}

export interface PeriodGradeInput {
  curriculumId: string;
  /** The period's last day. */
  periodEnd: string;
  enteredAt: string;
}

/** A period grade that should exist (a roster student, a period ended) and does not. */
export interface MissingPeriodGrade {
  curriculumId: string;
  periodEnd: string;
}

export interface IndicatorInput {
  today: string;
  timeZone: string;
  /** The school-local date of an instant (localDateOf(timeZone), shared between calls). */
  localDate?: (instant: string) => string;
  /** termEnd under the school's working calendar (decision 015 §1). */
  termEnd: (date: string, days: number) => string;
  items: readonly ItemFact[];
  /** Timetable lessons held in the range before today (not cancelled). */
  held: readonly HeldSlot[];
  lessons: readonly LessonInput[];
  /** First posting instant of a lesson's topic and homework, by lesson id (journal history). */
  topicPostedAt: ReadonlyMap<string, string>;
  homeworkPostedAt: ReadonlyMap<string, string>;
  grades: readonly Posted[];
  /** Absences only (н, б, у). */
  absences: readonly Posted[];
  /** Every attendance mark (оп included): an entry for the weekly update. */
  marks: readonly Posted[];
  periodGrades: readonly PeriodGradeInput[];
  missingPeriodGrades: readonly MissingPeriodGrade[];
}

export interface Counts {
  lessons: number;
  lessonsWithTopic: number;
  grades1to9: number;
  grades1to9OnTime: number;
  grades10to11: number;
  grades10to11OnTime: number;
  periodGrades: number;
  periodGradesOnTime: number;
  absences: number;
  absencesOnTime: number;
  weeks: number;
  weeksUpdated: number;
  homework: number;
  homeworkLate: number;
}

export const emptyCounts = (): Counts => ({
  lessons: 0,
  lessonsWithTopic: 0,
  grades1to9: 0,
  grades1to9OnTime: 0,
  grades10to11: 0,
  grades10to11OnTime: 0,
  periodGrades: 0,
  periodGradesOnTime: 0,
  absences: 0,
  absencesOnTime: 0,
  weeks: 0,
  weeksUpdated: 0,
  homework: 0,
  homeworkLate: 0,
});

export function addCounts(into: Counts, from: Counts): Counts {
  for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += from[k];
  return into;
}

/** The grade band's term: grades 10–11 have 10 days, every other (and a classless group) 7. */
export const gradeTerm = (gradeLevel: number | null): number =>
  gradeLevel !== null && gradeLevel >= 10 ? TERMS.grades10to11 : TERMS.grades1to9;

/** The school-local date of a posting instant (decision 015 §1: the whole last day counts). */
export const localDateOf = dateInZoneOf;

const slotKey = (curriculumId: string, date: string, n: number) => `${curriculumId}|${date}|${n}`;

/** Counts per curriculum item. */
export function countByItem(input: IndicatorInput): Map<string, Counts> {
  const { termEnd, timeZone } = input;
  const out = new Map<string, Counts>(input.items.map((i) => [i.id, emptyCounts()]));
  const itemById = new Map(input.items.map((i) => [i.id, i]));
  const posted = input.localDate ?? localDateOf(timeZone);
  const onTime = (eventDate: string, instant: string, days: number) => posted(instant) <= termEnd(eventDate, days);
  const at = (id: string) => out.get(id);

  // Row 2: held lessons, and those whose record has a topic. A lesson that exists only as a record
  // (a grade given in an unscheduled lesson) was held too.
  const lessonBySlot = new Map(input.lessons.map((l) => [slotKey(l.curriculumId, l.date, l.lessonNumber), l]));
  const heldKeys = new Set(input.held.map((s) => slotKey(s.curriculumId, s.date, s.lessonNumber)));
  for (const l of input.lessons) if (l.date < input.today) heldKeys.add(slotKey(l.curriculumId, l.date, l.lessonNumber));
  for (const key of heldKeys) {
    const [curriculumId] = key.split('|') as [string];
    const c = at(curriculumId);
    if (!c) continue;
    c.lessons++;
    const topic = lessonBySlot.get(key)?.topic;
    if (topic && topic.trim() !== '') c.lessonsWithTopic++;
  }

  // Rows 3–4: grades by band, from the work date.
  for (const g of input.grades) {
    const c = at(g.curriculumId);
    const item = itemById.get(g.curriculumId);
    if (!c || !item) continue;
    const days = gradeTerm(item.gradeLevel);
    const ok = onTime(g.eventDate, g.enteredAt, days);
    if (days === TERMS.grades10to11) {
      c.grades10to11++;
      if (ok) c.grades10to11OnTime++;
    } else {
      c.grades1to9++;
      if (ok) c.grades1to9OnTime++;
    }
  }
  // Row 5: posted period grades, and missing ones whose term has run out (they are late already).
  for (const p of input.periodGrades) {
    const c = at(p.curriculumId);
    if (!c) continue;
    c.periodGrades++;
    if (onTime(p.periodEnd, p.enteredAt, TERMS.periodGrades)) c.periodGradesOnTime++;
  }
  for (const m of input.missingPeriodGrades) {
    const c = at(m.curriculumId);
    if (c && termEnd(m.periodEnd, TERMS.periodGrades) < input.today) c.periodGrades++;
  }
  // Row 6: absences.
  for (const a of input.absences) {
    const c = at(a.curriculumId);
    if (!c) continue;
    c.absences++;
    if (onTime(a.eventDate, a.enteredAt, TERMS.absences)) c.absencesOnTime++;
  }

  // Seed 000 §2.11, §3.4: every week with held lessons gets an entry (a grade, a mark or a topic of
  // that week's lessons) within 3 days of its last held lesson. A week still inside its term and
  // not yet updated is not counted.
  const weekLast = new Map<string, string>(); // item|monday → last held date
  for (const key of heldKeys) {
    const [curriculumId, date] = key.split('|') as [string, string];
    const wk = `${curriculumId}|${weekStart(date)}`;
    const last = weekLast.get(wk);
    if (!last || date > last) weekLast.set(wk, date);
  }
  const firstEntry = new Map<string, string>(); // item|monday → earliest posting date
  const note = (curriculumId: string, eventDate: string, instant: string) => {
    const wk = `${curriculumId}|${weekStart(eventDate)}`;
    const d = posted(instant);
    const prev = firstEntry.get(wk);
    if (!prev || d < prev) firstEntry.set(wk, d);
  };
  for (const g of input.grades) note(g.curriculumId, g.eventDate, g.enteredAt);
  for (const m of input.marks) note(m.curriculumId, m.eventDate, m.enteredAt);
  for (const l of input.lessons) {
    const t = input.topicPostedAt.get(l.id);
    if (t) note(l.curriculumId, l.date, t);
  }
  for (const [wk, last] of weekLast) {
    const [curriculumId] = wk.split('|') as [string];
    const c = at(curriculumId);
    if (!c) continue;
    const due = termEnd(last, TERMS.weekly);
    const first = firstEntry.get(wk);
    const updated = first !== undefined && first <= due;
    if (!updated && due >= input.today) continue;
    c.weeks++;
    if (updated) c.weeksUpdated++;
  }

  // Homework posted after its lesson's day, or on or after its due date.
  for (const l of input.lessons) {
    const c = at(l.curriculumId);
    const first = input.homeworkPostedAt.get(l.id);
    if (!c || !first || !l.homework) continue;
    c.homework++;
    const d = posted(first);
    if (d > l.date || (l.homeworkDueOn !== null && d >= l.homeworkDueOn)) c.homeworkLate++;
  }
  return out;
}

export const IndicatorKey = {
  journalsKept: 'journals_kept',
  topics: 'topics',
  grades1to9: 'grades_1_9',
  grades10to11: 'grades_10_11',
  periodGrades: 'period_grades',
  absences: 'absences',
  onTimeShare: 'on_time_share',
  weeklyUpdate: 'weekly_update',
  homeworkLate: 'homework_late',
} as const;
export type IndicatorKey = (typeof IndicatorKey)[keyof typeof IndicatorKey];

export interface Indicator {
  key: IndicatorKey;
  /** Table 2.13 row, or null (seed 000, or our own). */
  row: number | null;
  numerator: number;
  denominator: number;
  /** numerator / denominator, 0…1; null with nothing to count. */
  share: number | null;
  /** The target: a share (0.8, 1) or a term in days; null where there is none. */
  targetShare: number | null;
  termDays: number | null;
  /** null: nothing to count, or no target. */
  met: boolean | null;
}

function indicator(
  key: IndicatorKey,
  row: number | null,
  numerator: number,
  denominator: number,
  targetShare: number | null,
  termDays: number | null,
): Indicator {
  const share = denominator === 0 ? null : numerator / denominator;
  const met = share === null || targetShare === null ? null : share >= targetShare - 1e-9;
  return { key, row, numerator, denominator, share, targetShare, termDays, met };
}

/** The rows of table 2.13 (2–7), seed 000's weekly update and homework posted late from counts. */
export function indicatorsOf(c: Counts): Indicator[] {
  return [
    indicator(IndicatorKey.topics, 2, c.lessonsWithTopic, c.lessons, TARGET_SHARE, null),
    indicator(IndicatorKey.grades1to9, 3, c.grades1to9OnTime, c.grades1to9, 1, TERMS.grades1to9),
    indicator(IndicatorKey.grades10to11, 4, c.grades10to11OnTime, c.grades10to11, 1, TERMS.grades10to11),
    indicator(IndicatorKey.periodGrades, 5, c.periodGradesOnTime, c.periodGrades, 1, TERMS.periodGrades),
    indicator(IndicatorKey.absences, 6, c.absencesOnTime, c.absences, 1, TERMS.absences),
    indicator(
      IndicatorKey.onTimeShare,
      7,
      c.grades1to9OnTime + c.grades10to11OnTime + c.absencesOnTime,
      c.grades1to9 + c.grades10to11 + c.absences,
      TARGET_SHARE,
      null,
    ),
    indicator(IndicatorKey.weeklyUpdate, null, c.weeksUpdated, c.weeks, 1, TERMS.weekly),
    indicator(IndicatorKey.homeworkLate, null, c.homeworkLate, c.homework, null, null),
  ];
}

/** Row 1: the complaint book and the register of checks are kept (decision 015 §3). */
export function journalsKeptIndicator(overdueComplaints: number, inspectionsWithoutResult: number): Indicator {
  const met = overdueComplaints === 0 && inspectionsWithoutResult === 0;
  return {
    key: IndicatorKey.journalsKept,
    row: 1,
    numerator: overdueComplaints + inspectionsWithoutResult,
    denominator: 0,
    share: null,
    targetShare: null,
    termDays: null,
    met,
  };
}
