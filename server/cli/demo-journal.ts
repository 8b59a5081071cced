// The demo school's timetable and journal up to yesterday (by the injected clock): lesson topics,
// homework, grades, attendance, period grades of the periods already over, and the journal's
// history of each entry, as the timetable and journal services would have written them.
//
// Like demo-school.ts this writes rows directly, in bulk, for speed (no access checks; one audit
// entry for the whole step). Real journals are filled through the journal service.

import type { Insertable } from 'kysely';
import { PeriodGradeKind, SpecialGrade } from '../../contract/schemas/journal.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { addDays, dateInZone } from '../lib/dates.js';
import { newId } from '../lib/ids.js';
import { proposeGrade } from '../modules/journal/proposal.js';
import { BUILT_IN_SCALES, DEFAULT_SCALE, DEFAULT_WORK_TYPES } from '../modules/journal/scales.js';
import { type ChangeFact, type DerivedSlot, deriveLessons, type EntryFact } from '../modules/timetable/lesson-derivation.js';
import { COMMENTS, FOLLOW_UP, FOLLOW_UP_GENERAL, FOLLOW_UP_HUMANITIES, HOMEWORK, TOPICS } from './demo-journal-topics.js';
import { SeededRandom } from './demo-random.js';
import type { DemoRows, DemoSchool } from './demo-school.js';
import { buildChanges, buildTimetable } from './demo-timetable.js';

const SEED = 20261123;

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

/** Rows of this step, in an order that satisfies the foreign keys. */
export interface DemoJournalRows {
  timetable_entries: Rows<'timetable_entries'>;
  timetable_changes: Rows<'timetable_changes'>;
  work_types: Rows<'work_types'>;
  lessons: Rows<'lessons'>;
  grades: Rows<'grades'>;
  attendance_marks: Rows<'attendance_marks'>;
  period_grades: Rows<'period_grades'>;
  journal_history: Rows<'journal_history'>;
  audit_log: Rows<'audit_log'>;
}

export interface DemoJournal {
  rows: DemoJournalRows;
  /** Periods over by today: closed (R4.2) after their period grades were given. */
  closedPeriods: Array<{ id: string; closedAt: string; closedBy: string }>;
  /** School-local date the journal runs up to (exclusive). */
  today: string;
}

/** Europe/Kaliningrad, the demo school's zone: UTC+2 all year (no daylight saving since 2014). */
const SCHOOL_UTC_OFFSET_MINUTES = 120;

/** Subjects with control works (контрольные, диктанты, тесты) a few times a quarter. */
const CONTROLLED = new Set([
  'Русский язык',
  'Литературное чтение',
  'Литература',
  'Английский язык',
  'Математика',
  'Алгебра',
  'Геометрия',
  'Вероятность и статистика',
  'Информатика',
  'Окружающий мир',
  'История',
  'Обществознание',
  'География',
  'Биология',
  'Физика',
  'Химия',
]);
const HUMANITIES = new Set([
  'Литература',
  'Литературное чтение',
  'История',
  'Обществознание',
  'Английский язык',
  'Основы духовно-нравственной культуры народов России',
]);
const PRACTICAL = new Set(['Физика', 'Химия', 'Биология', 'Информатика', 'Труд (технология)', 'География']);
/** Not graded: first grade (безотметочное обучение) and ОРКСЭ (оценивается без отметок). */
const UNGRADED_SUBJECTS = new Set(['Основы религиозных культур и светской этики']);

interface Item {
  id: string;
  subjectName: string;
  grade: number;
  classId: string;
  groupId: string | null;
  teacherUserId: string | null;
  /** One teacher in six keeps the journal late and skips topics, so the monitoring has someone to show (issue 14). */
  slow: boolean;
  hours: number;
}

interface PlannedGrade {
  studentId: string;
  value: number;
  workCode: string;
  comment: string;
  enteredAt: string;
  corrected: { from: number; at: string } | null;
}

interface PlannedLesson {
  date: string;
  lessonNumber: number;
  ordinal: number;
  topic: string | null;
  homework: string | null;
  dueOn: string | null;
  controlCode: string | null;
  recordAt: string;
  grades: PlannedGrade[];
  marks: Array<{ studentId: string; mark: string; enteredAt: string }>;
  absent: Set<string>;
}

/** A normally distributed number (Box–Muller) from the seeded generator. */
function gaussian(rng: SeededRandom): number {
  const u = Math.max(rng.next(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const WEIGHT = new Map(DEFAULT_WORK_TYPES.map((w) => [w.code, w.weight]));
const FIVE = BUILT_IN_SCALES[DEFAULT_SCALE].values;

/** Builds the timetable and the journal of a demo school up to the day before `now` (school time). */
export function buildDemoJournal(school: DemoSchool, now: Date): DemoJournal {
  // Separate random streams for the timetable, each student's absences and each curriculum item's
  // journal: tomorrow's demo (one more day of lessons) then differs from today's only by that day.
  // The closures below draw from whichever stream `rng` holds at the time.
  let rng = new SeededRandom(SEED);
  const { rows } = school;
  const at = now.toISOString();
  const latest = now.getTime() - 60_000;
  const latestIso = new Date(latest).toISOString();
  const schoolRow = rows.schools[0];
  const year = rows.academic_years[0];
  if (!schoolRow || !year) throw new Error('the demo school has no school or year');
  const schoolId = schoolRow.id;
  const today = dateInZone(now, schoolRow.timezone);
  const out: DemoJournalRows = {
    timetable_entries: [],
    timetable_changes: [],
    work_types: [],
    lessons: [],
    grades: [],
    attendance_marks: [],
    period_grades: [],
    journal_history: [],
    audit_log: [],
  };

  // Timetable and changes.
  const familyClasses = familyClassIds(rows, school);
  const timetable = buildTimetable(rng, rows, at);
  out.timetable_entries = timetable.entries;
  out.timetable_changes = buildChanges(rng, rows, timetable.units, today, familyClasses, school.accounts.admin.userId, at);

  // Work types as the journal writes them on first use (ensureWorkTypes).
  const workTypeId = new Map<string, string>();
  DEFAULT_WORK_TYPES.forEach((w, i) => {
    const id = newId();
    workTypeId.set(w.code, id);
    out.work_types.push({
      id,
      school_id: schoolId,
      code: w.code,
      name: '',
      weight: w.weight,
      is_control: w.isControl ? 1 : 0,
      ordinal: i + 1,
      created_at: at,
    });
  });

  // Who is who.
  const subjectName = new Map(rows.subjects.map((s) => [s.id, s.name]));
  const staffUser = new Map(rows.staff.map((s) => [s.id, s.user_id ?? null]));
  const classOf = new Map(rows.classes.map((c) => [c.id, c]));
  const groupClass = new Map(rows.study_groups.map((g) => [g.id, g.class_id]));
  const teacherIds = [...new Set(rows.curriculum.map((c) => c.teacher_id))].sort();
  const slowTeachers = new Set(teacherIds.filter((_, i) => i % 6 === 2));
  const items: Item[] = rows.curriculum.map((c) => {
    const classId = c.class_id ?? (groupClass.get(c.group_id as string) as string);
    return {
      id: c.id,
      subjectName: subjectName.get(c.subject_id) ?? '',
      grade: classOf.get(classId)?.grade_level ?? 1,
      classId,
      groupId: c.group_id ?? null,
      teacherUserId: staffUser.get(c.teacher_id) ?? null,
      slow: slowTeachers.has(c.teacher_id),
      hours: c.hours_per_week,
    };
  });
  const spansByOwner = new Map<string, Array<{ student_id: string; starts_on: string; ends_on?: string | null }>>();
  for (const m of rows.class_memberships) spansByOwner.set(m.class_id, [...(spansByOwner.get(m.class_id) ?? []), m]);
  for (const m of rows.group_memberships) spansByOwner.set(m.group_id, [...(spansByOwner.get(m.group_id) ?? []), m]);
  const rosterOf = (item: Item, date: string): string[] =>
    (spansByOwner.get(item.groupId ?? item.classId) ?? [])
      .filter((m) => m.starts_on <= date && (m.ends_on === null || m.ends_on === undefined || m.ends_on >= date))
      .map((m) => m.student_id);

  // The calendar: school days of the year, and lessons derived exactly as the timetable service does.
  const holidays = rows.holidays;
  const inYear = (_: string, date: string) => date >= year.starts_on && date <= year.ends_on;
  const isSchoolDay = (id: string, date: string) => inYear(id, date) && !holidays.some((h) => date >= h.starts_on && date <= h.ends_on);
  const entriesByItem = new Map<string, EntryFact[]>();
  for (const e of out.timetable_entries) {
    const list = entriesByItem.get(e.curriculum_id) ?? [];
    list.push({
      curriculumId: e.curriculum_id,
      weekday: e.weekday,
      lessonNumber: e.lesson_number,
      room: e.room ?? '',
      validFrom: e.valid_from,
      validTo: e.valid_to,
    });
    entriesByItem.set(e.curriculum_id, list);
  }
  const changeFacts: ChangeFact[] = out.timetable_changes.map((c) => ({
    curriculumId: c.curriculum_id,
    date: c.date,
    lessonNumber: c.lesson_number,
    cancelled: c.cancelled === 1,
    substituteTeacherId: c.substitute_teacher_id ?? null,
    room: c.room ?? null,
    movedToDate: c.moved_to_date ?? null,
    movedToLessonNumber: c.moved_to_lesson_number ?? null,
  }));
  const lastDay = today <= year.ends_on ? addDays(today, -1) : year.ends_on;

  // Students: strong, average or weak, and how each gets on with each subject.
  const ability = new Map<string, number>();
  rng = new SeededRandom(SEED + 1);
  for (const s of rows.students) {
    const r = rng.next();
    ability.set(s.id, r < 0.22 ? 4.55 : r < 0.75 ? 3.95 : 3.3);
  }
  const affinity = new Map<string, number>();
  const meanOf = (studentId: string, subject: string) => {
    const key = `${studentId}|${subject}`;
    let a = affinity.get(key);
    if (a === undefined) {
      a = rng.next() * 0.7 - 0.35;
      affinity.set(key, a);
    }
    return (ability.get(studentId) ?? 3.9) + a;
  };
  const drawValue = (mean: number) => Math.min(5, Math.max(2, Math.round(mean + gaussian(rng) * 0.75)));

  // Whole days away: illness spells (б) and excused days (у: competitions, family reasons).
  const pastDays: string[] = [];
  for (let d = year.starts_on; d <= lastDay; d = addDays(d, 1)) {
    if (isSchoolDay('', d) && isWeekday(d)) pastDays.push(d);
  }
  const awayDays = new Map<string, Map<string, 'ill' | 'excused'>>();
  for (const [index, s] of rows.students.entries()) {
    rng = new SeededRandom(SEED + 10_000 + index);
    const away = new Map<string, 'ill' | 'excused'>();
    for (let i = 0; i < pastDays.length; i++) {
      const r = rng.next();
      if (r < 0.011) {
        const length = rng.int(2, 5);
        for (let k = 0; k < length && i + k < pastDays.length; k++) away.set(pastDays[i + k] as string, 'ill');
        i += length - 1;
      } else if (r < 0.015) {
        away.set(pastDays[i] as string, 'excused');
      }
    }
    awayDays.set(s.id, away);
  }

  // Instants: a school-local day and minute, never after the clock.
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const endMinutes = new Map(rows.bells.map((b) => [b.lesson_number, minutesOf(b.ends_at)]));
  const dayStart = new Map<string, number>();
  const epochOf = (date: string): number => {
    let t = dayStart.get(date);
    if (t === undefined) {
      t = Date.parse(`${date}T00:00:00Z`);
      dayStart.set(date, t);
    }
    return t;
  };
  const instantAfter = (date: string, days: number, localMinutes: number): string => {
    const t = epochOf(date) + days * 86_400_000 + (localMinutes - SCHOOL_UTC_OFFSET_MINUTES) * 60_000;
    return new Date(Math.min(t, latest)).toISOString();
  };
  const instant = (date: string, localMinutes: number): string => instantAfter(date, 0, localMinutes);
  /** When a teacher enters something about a lesson: mostly that day, some later, a few late (R9.2). */
  const entryTime = (date: string, lessonNumber: number, lateShare: number): string => {
    const r = rng.next();
    let days =
      lateShare >= 0.2
        ? r < 0.45
          ? 0
          : r < 1 - lateShare
            ? rng.int(1, 3)
            : rng.int(8, 12)
        : r < 0.7
          ? 0
          : r < 0.9
            ? 1
            : r < 1 - lateShare
              ? rng.int(2, 3)
              : rng.int(8, 12);
    // Nothing is entered after yesterday: the demo runs up to the clock.
    const maxDays = Math.round((epochOf(lastDay) - epochOf(date)) / 86_400_000);
    days = Math.min(days, Math.max(0, maxDays));
    const end = endMinutes.get(lessonNumber) ?? 14 * 60;
    const minutes = days === 0 ? end + rng.int(0, 360) : rng.int(15 * 60, 21 * 60);
    return instantAfter(date, days, Math.min(minutes, 23 * 60));
  };

  const periods = rows.study_periods.filter((p) => p.ends_on < today && p.year_id === year.id);
  const counters = { lessons: 0, grades: 0, marks: 0, periodGrades: 0 };

  // One derivation for the whole school and year, then each item's lessons in date order.
  const allEntries = [...entriesByItem.values()].flat();
  const slotsByItem = new Map<string, DerivedSlot[]>();
  const yearLessons = new Map<string, number>(); // regular lessons of the year, cancelled ones included: the pace of topics
  for (const s of deriveLessons(year.starts_on, year.ends_on, allEntries, changeFacts, isSchoolDay, inYear)) {
    yearLessons.set(s.curriculumId, (yearLessons.get(s.curriculumId) ?? 0) + 1);
    if (s.cancelled) continue;
    const list = slotsByItem.get(s.curriculumId) ?? [];
    list.push(s);
    slotsByItem.set(s.curriculumId, list);
  }

  for (const [index, item] of items.entries()) {
    rng = new SeededRandom(SEED + 100_000 + index);
    // How each student of the class or group gets on with the subject, drawn up front so that later
    // draws never depend on who happened to be graded first.
    for (const m of spansByOwner.get(item.groupId ?? item.classId) ?? []) meanOf(m.student_id, item.subjectName);
    const yearSlots = slotsByItem.get(item.id) ?? [];
    const held = yearSlots.filter((s) => s.date <= lastDay);
    const yearCount = yearLessons.get(item.id) ?? yearSlots.length;
    if (held.length === 0) continue;
    const level = item.grade <= 4 ? 'primary' : 'senior';
    const topicList = TOPICS[item.subjectName]?.[level] ?? TOPICS[item.subjectName]?.primary ?? TOPICS[item.subjectName]?.senior ?? [];
    const graded = item.grade >= 2 && !UNGRADED_SUBJECTS.has(item.subjectName);
    const controlEvery = item.hours >= 3 ? 9 : 7;
    const controlPhase = rng.int(3, controlEvery - 1);
    const followUps = HUMANITIES.has(item.subjectName)
      ? FOLLOW_UP_HUMANITIES
      : CONTROLLED.has(item.subjectName)
        ? FOLLOW_UP
        : FOLLOW_UP_GENERAL;
    const planned: PlannedLesson[] = [];
    // A slow teacher's entries are late three times in ten (table 2.13 rows 3–7 fall below 80 %).
    const entry = item.slow ? (d: string, n: number, share: number) => entryTime(d, n, Math.max(share, 0.3)) : entryTime;
    for (const [ordinal, s] of held.entries()) {
      // Two to six lessons a topic, the list spread over the first half of the year; then revision.
      // Paced by the lesson's place in the year only, so a lesson keeps its topic as days go by.
      const span = Math.max(2, Math.ceil(yearCount / Math.max(1, topicList.length * 2)));
      const topicIndex = Math.floor(ordinal / span);
      const listed = topicList[topicIndex % Math.max(1, topicList.length)];
      const base = listed && topicIndex >= topicList.length ? `Повторение: ${listed}` : listed;
      const firstOfTopic = ordinal % span === 0;
      const controlCode =
        graded && CONTROLLED.has(item.subjectName) && ordinal % controlEvery === controlPhase ? controlKind(rng, item.subjectName) : null;
      let topic: string | null = null;
      if (base && rng.chance(item.slow ? 0.6 : 0.9)) {
        topic = controlCode
          ? controlTopic(controlCode, base, item.subjectName)
          : firstOfTopic
            ? base
            : `${base}: ${followUps[ordinal % followUps.length]}`;
      }
      let homework: string | null = null;
      let dueOn: string | null = null;
      const homeworkShare = item.grade === 1 || item.subjectName === 'Физическая культура' ? 0 : HOMEWORK[item.subjectName] ? 0.55 : 0.15;
      if (topic && rng.chance(homeworkShare)) {
        homework = fillHomework(rng, HOMEWORK[item.subjectName] ?? ['Повторить материал урока'], ordinal, yearCount);
        dueOn = yearSlots.find((n) => n.date > s.date)?.date ?? null;
      }
      const lesson: PlannedLesson = {
        date: s.date,
        lessonNumber: s.lessonNumber,
        ordinal,
        topic,
        homework,
        dueOn,
        controlCode,
        recordAt: entry(s.date, s.lessonNumber, 0.05),
        grades: [],
        marks: [],
        absent: new Set(),
      };
      for (const studentId of rosterOf(item, s.date)) {
        const away = awayDays.get(studentId)?.get(s.date);
        let mark: string | null = away ?? null;
        if (!mark) {
          const r = rng.next();
          if (r < 0.006) mark = 'absent';
          else if (r < 0.006 + (s.lessonNumber === 1 ? 0.03 : 0.004)) mark = 'late';
        }
        if (mark) {
          lesson.marks.push({ studentId, mark, enteredAt: entry(s.date, s.lessonNumber, 0.04) });
          if (mark !== 'late') {
            lesson.absent.add(studentId);
            continue;
          }
        }
        if (!graded) continue;
        if (!rng.chance(controlCode ? 0.93 : 0.27)) continue;
        lesson.grades.push(
          plannedGrade(
            rng,
            studentId,
            meanOf(studentId, item.subjectName),
            controlCode ?? ordinaryKind(rng, item.subjectName),
            s,
            entry,
            drawValue,
            latestIso,
          ),
        );
      }
      planned.push(lesson);
    }

    // Period grades of the periods over by now, from the weighted averages (R4.1). A teacher gives
    // at least three grades a period, so a student short of them gets more first.
    if (graded) {
      rng = new SeededRandom(SEED + 200_000 + index);
      for (const period of periods.filter((p) => p.grade_from <= item.grade && p.grade_to >= item.grade)) {
        const inPeriod = planned.filter((l) => l.date >= period.starts_on && l.date <= period.ends_on);
        if (inPeriod.length === 0) continue;
        for (const studentId of rosterOf(item, period.ends_on)) {
          const present = inPeriod.filter((l) => !l.absent.has(studentId));
          let count = present.reduce((n, l) => n + l.grades.filter((g) => g.studentId === studentId).length, 0);
          if (count < 3) {
            for (const l of rng.shuffle(present)) {
              if (count >= 3) break;
              if (l.grades.some((g) => g.studentId === studentId)) continue;
              l.grades.push(plannedGrade(rng, studentId, meanOf(studentId, item.subjectName), 'answer', l, entry, drawValue, latestIso));
              count++;
            }
          }
          let sum = 0;
          let weights = 0;
          for (const l of inPeriod) {
            for (const g of l.grades) {
              if (g.studentId !== studentId) continue;
              const w = WEIGHT.get(g.workCode) ?? 1;
              sum += g.value * w;
              weights += w;
            }
          }
          const value = weights > 0 ? (proposeGrade(sum / weights, FIVE) ?? SpecialGrade.notAttested) : SpecialGrade.notAttested;
          const late = rng.chance(item.slow ? 0.5 : 0.1);
          const enteredAt = instant(addDays(period.ends_on, late ? rng.int(4, 6) : rng.int(0, 2)), rng.int(10 * 60, 20 * 60));
          const id = newId();
          out.period_grades.push({
            id,
            school_id: schoolId,
            curriculum_id: item.id,
            student_id: studentId,
            kind: PeriodGradeKind.period,
            period_key: period.id,
            value,
            version: 1,
            entered_by: item.teacherUserId,
            entered_at: enteredAt,
            updated_by: item.teacherUserId,
            updated_at: enteredAt,
          });
          out.journal_history.push(
            history(
              schoolId,
              item,
              'period_grade',
              id,
              studentId,
              null,
              null,
              { kind: PeriodGradeKind.period, periodId: period.id, value },
              enteredAt,
            ),
          );
          counters.periodGrades++;
        }
      }
    }

    // Rows: a lesson exists once something was written about it (the journal materialises it then).
    for (const l of planned) {
      const hasRecord = l.topic !== null || l.homework !== null || l.controlCode !== null;
      if (!hasRecord && l.grades.length === 0 && l.marks.length === 0) continue;
      const times = [...l.grades.map((g) => g.enteredAt), ...l.marks.map((m) => m.enteredAt)];
      const createdAt = [hasRecord ? l.recordAt : null, ...times].filter((t): t is string => t !== null).sort()[0] as string;
      const lessonId = newId();
      const controlWorkTypeId = l.controlCode ? (workTypeId.get(l.controlCode) ?? null) : null;
      out.lessons.push({
        id: lessonId,
        school_id: schoolId,
        curriculum_id: item.id,
        date: l.date,
        lesson_number: l.lessonNumber,
        topic: l.topic,
        homework: l.homework,
        homework_due_on: l.dueOn,
        control_work_type_id: controlWorkTypeId,
        version: hasRecord ? 1 : 0,
        entered_by: item.teacherUserId,
        created_at: createdAt,
        updated_by: item.teacherUserId,
        updated_at: hasRecord ? l.recordAt : createdAt,
      });
      counters.lessons++;
      if (hasRecord) {
        const snapshot = { topic: l.topic, homework: l.homework, homeworkDueOn: l.dueOn, controlWorkTypeId };
        out.journal_history.push(history(schoolId, item, 'lesson', lessonId, null, lessonId, null, snapshot, l.recordAt));
      }
      for (const g of l.grades) {
        const id = newId();
        const typeId = workTypeId.get(g.workCode) as string;
        const value = String(g.value);
        const first = g.corrected ? String(g.corrected.from) : value;
        const snap = (v: string) => ({ value: v, scale: DEFAULT_SCALE, workTypeId: typeId, comment: g.comment });
        out.grades.push({
          id,
          school_id: schoolId,
          curriculum_id: item.id,
          lesson_id: lessonId,
          student_id: g.studentId,
          work_date: l.date,
          value,
          numeric_value: g.value,
          scale: DEFAULT_SCALE,
          work_type_id: typeId,
          comment: g.comment,
          version: g.corrected ? 2 : 1,
          entered_by: item.teacherUserId,
          entered_at: g.enteredAt,
          updated_by: item.teacherUserId,
          updated_at: g.corrected?.at ?? g.enteredAt,
        });
        out.journal_history.push(history(schoolId, item, 'grade', id, g.studentId, lessonId, null, snap(first), g.enteredAt));
        if (g.corrected) {
          out.journal_history.push({
            ...history(schoolId, item, 'grade', id, g.studentId, lessonId, snap(first), snap(value), g.corrected.at),
            action: 'update',
          });
        }
        counters.grades++;
      }
      for (const m of l.marks) {
        const id = newId();
        out.attendance_marks.push({
          id,
          school_id: schoolId,
          curriculum_id: item.id,
          lesson_id: lessonId,
          student_id: m.studentId,
          lesson_date: l.date,
          mark: m.mark,
          version: 1,
          entered_by: item.teacherUserId,
          entered_at: m.enteredAt,
          updated_by: item.teacherUserId,
          updated_at: m.enteredAt,
        });
        out.journal_history.push(history(schoolId, item, 'attendance', id, m.studentId, lessonId, null, { mark: m.mark }, m.enteredAt));
        counters.marks++;
      }
    }
  }

  // Periods over by now are closed a few days after their end, once the period grades are in.
  const closedPeriods = periods
    .map((p) => ({ id: p.id as string, closedAt: instant(addDays(p.ends_on, 5), 17 * 60), closedBy: school.accounts.admin.userId }))
    .filter((p) => Date.parse(p.closedAt) < latest);

  out.audit_log.push({
    id: newId(),
    school_id: schoolId,
    actor_user_id: null,
    action: 'create',
    entity: 'demo_journal',
    entity_id: schoolId,
    details: JSON.stringify({ timetableEntries: out.timetable_entries.length, ...counters, upTo: lastDay }),
    ip: 'system',
    at,
  });
  return { rows: out, closedPeriods, today };
}

const isWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};

function history(
  schoolId: string,
  item: Item,
  entity: 'grade' | 'attendance' | 'lesson' | 'period_grade',
  entityId: string,
  studentId: string | null,
  lessonId: string | null,
  oldValue: Record<string, unknown> | null,
  newValue: Record<string, unknown>,
  changedAt: string,
): Insertable<Database['journal_history']> {
  return {
    id: newId(),
    school_id: schoolId,
    curriculum_id: item.id,
    entity,
    entity_id: entityId,
    action: 'create',
    student_id: studentId,
    lesson_id: lessonId,
    old_value: oldValue ? JSON.stringify(oldValue) : null,
    new_value: JSON.stringify(newValue),
    reason: null,
    changed_by: item.teacherUserId,
    changed_at: changedAt,
  };
}

function plannedGrade(
  rng: SeededRandom,
  studentId: string,
  mean: number,
  workCode: string,
  lesson: { date: string; lessonNumber: number },
  entryTime: (date: string, lessonNumber: number, lateShare: number) => string,
  drawValue: (mean: number) => number,
  latestIso: string,
): PlannedGrade {
  const value = drawValue(workCode === 'control' || workCode === 'dictation' ? mean - 0.2 : mean);
  const enteredAt = entryTime(lesson.date, lesson.lessonNumber, 0.03);
  const commentShare = value <= 2 ? 0.35 : 0.03;
  const comments = value >= 5 ? COMMENTS.good : value >= 4 ? COMMENTS.average : COMMENTS.weak;
  const comment = rng.chance(commentShare) ? rng.pick(comments) : '';
  // About one grade in a hundred was corrected later (a typo, a retake): the history shows old → new.
  let corrected: PlannedGrade['corrected'] = null;
  let final = value;
  if (rng.chance(0.01)) {
    const later = new Date(Date.parse(enteredAt) + rng.int(1, 48) * 3_600_000).toISOString();
    if (later < latestIso) {
      corrected = { from: value >= 3 ? value - 1 : 2, at: later };
      final = Math.max(value, 3);
    }
  }
  return { studentId, value: final, workCode, comment, enteredAt, corrected };
}

function controlKind(rng: SeededRandom, subject: string): string {
  if (subject === 'Русский язык') return rng.chance(0.5) ? 'dictation' : 'control';
  if (subject === 'Литература') return 'essay';
  if (subject === 'Литературное чтение') return 'test';
  if (
    subject === 'Английский язык' ||
    subject === 'История' ||
    subject === 'Обществознание' ||
    subject === 'География' ||
    subject === 'Биология'
  ) {
    return 'test';
  }
  return 'control';
}

function controlTopic(code: string, base: string, subject: string): string {
  if (subject === 'Литературное чтение') return 'Проверка техники чтения';
  if (code === 'dictation') return 'Контрольный диктант с грамматическим заданием';
  if (code === 'essay') return `Сочинение: ${base}`;
  if (code === 'test') return `Тест по теме «${base}»`;
  return `Контрольная работа по теме «${base}»`;
}

function ordinaryKind(rng: SeededRandom, subject: string): string {
  const r = rng.next();
  if (r < 0.55) return 'answer';
  if (r < 0.7) return 'independent';
  if (r < 0.9) return 'homework';
  return PRACTICAL.has(subject) ? 'practical' : 'answer';
}

function fillHomework(rng: SeededRandom, templates: readonly string[], ordinal: number, yearLessons: number): string {
  const progress = ordinal / Math.max(1, yearLessons);
  const a = 1 + Math.floor(progress * 600) + rng.int(0, 8);
  const p = 5 + Math.floor(progress * 220) + rng.int(0, 3);
  const s = 1 + Math.floor(progress * 30);
  return rng
    .pick(templates)
    .replace('{a}', String(a))
    .replace('{b}', String(a + rng.int(1, 6)))
    .replace('{p}', String(p))
    .replace('{q}', String(p + rng.int(1, 4)))
    .replace('{s}', String(s));
}

/** The demo family's classes: the older child's (the demo student's) first, then the younger's. */
export function familyClassIds(rows: DemoRows, school: DemoSchool): string[] {
  const parent = rows.parents.find((p) => p.user_id === school.accounts.parent.userId);
  const children = rows.student_parents.filter((sp) => sp.parent_id === parent?.id).map((sp) => sp.student_id);
  const student = rows.students.find((s) => s.user_id === school.accounts.student.userId);
  const ordered = [student?.id, ...children.filter((id) => id !== student?.id)].filter((id): id is string => !!id);
  return ordered.map((id) => rows.class_memberships.find((m) => m.student_id === id)?.class_id).filter((id): id is string => !!id);
}

// Both SQLite (32766) and PostgreSQL (65535) cap bound parameters per statement.
const MAX_PARAMETERS = 30_000;

/** Writes rows of several tables inside the caller's transaction, a few thousand rows per statement. */
export async function insertInBulk(trx: Db, tables: Partial<{ [T in keyof Database]: Rows<T> }>): Promise<void> {
  for (const table of Object.keys(tables) as Array<keyof Database>) {
    const all = (tables[table] ?? []) as Array<Record<string, unknown>>;
    if (all.length === 0) continue;
    const perRow = Object.keys(all[0] as object).length;
    const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
    for (let i = 0; i < all.length; i += chunk) {
      // The table/row pairing is checked where the rows are built; here they are opaque.
      await trx
        .insertInto(table)
        .values(all.slice(i, i + chunk) as never)
        .execute();
    }
  }
}

/** Writes the timetable and journal and closes the periods that are over, in one transaction. */
export async function insertDemoJournal(db: Db, journal: DemoJournal): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertInBulk(trx, journal.rows);
    for (const p of journal.closedPeriods) {
      await trx.updateTable('study_periods').set({ closed_at: p.closedAt, closed_by: p.closedBy }).where('id', '=', p.id).execute();
    }
  });
}
