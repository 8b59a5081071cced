// The demo school's weekly timetable and a few one-off changes, built in memory from the
// curriculum (rows as the timetable service would write them: one entry per curriculum item,
// weekday and lesson number, valid for the whole year).

import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.js';
import { addDays, isoWeekday } from '../lib/dates.js';
import { newId } from '../lib/ids.js';
import type { SeededRandom } from './demo-random.js';
import type { DemoRows } from './demo-school.js';

type EntryRow = Insertable<Database['timetable_entries']>;
type ChangeRow = Insertable<Database['timetable_changes']>;

/** Most lessons a class has in a day (СанПиН 1.2.3685-21, five-day week). */
function maxLessonsPerDay(grade: number): number {
  if (grade <= 4) return 5;
  if (grade <= 6) return 6;
  return 7;
}

/** One thing a class does in one slot: a whole-class lesson, or both English groups at once. */
interface Unit {
  classId: string;
  subjectId: string;
  items: Array<{ curriculumId: string; teacherId: string }>;
  hours: number;
  /** Two lessons of one subject in a day only for subjects of more than five hours. */
  maxPerDay: number;
}

export interface Placement {
  unit: Unit;
  weekday: number;
  lessonNumber: number;
}

const slot = (teacherId: string, weekday: number, lessonNumber: number) => `${teacherId}|${weekday}|${lessonNumber}`;

/** Spreads a week's hours over five days, the extra lessons on random days. */
function dayCounts(rng: SeededRandom, total: number, max: number): number[] {
  const base = Math.floor(total / 5);
  const extraDays = new Set(rng.shuffle([1, 2, 3, 4, 5]).slice(0, total % 5));
  const counts = [1, 2, 3, 4, 5].map((d) => base + (extraDays.has(d) ? 1 : 0));
  if (counts.some((c) => c > max)) throw new Error(`${total} lessons a week do not fit in ${max} a day`);
  return counts;
}

/**
 * Fills one class's week lesson by lesson, without gaps: each slot takes a unit whose teachers are
 * free then, the most urgent first (many hours left, few slots left where it fits). Returns null
 * when it runs into a slot nothing fits; the caller tries again with other choices.
 */
function tryClassWeek(rng: SeededRandom, units: Unit[], counts: number[], busy: ReadonlySet<string>): Placement[] | null {
  const left = new Map(units.map((u) => [u, u.hours]));
  const perDay = new Map<string, number>();
  const slots: Array<[number, number]> = [];
  counts.forEach((n, i) => {
    for (let l = 1; l <= n; l++) slots.push([i + 1, l]);
  });
  const fits = (u: Unit, weekday: number, lessonNumber: number) =>
    (perDay.get(`${u.subjectId}|${weekday}`) ?? 0) < u.maxPerDay &&
    u.items.every((i) => !busy.has(slot(i.teacherId, weekday, lessonNumber)));
  const out: Placement[] = [];
  for (const [index, [weekday, lessonNumber]] of slots.entries()) {
    const open = units.filter((u) => (left.get(u) ?? 0) > 0 && fits(u, weekday, lessonNumber));
    if (open.length === 0) return null;
    const later = slots.slice(index + 1);
    let best: Unit | null = null;
    let bestScore = -1;
    for (const u of open) {
      const room = later.filter(([w, l]) => u.items.every((i) => !busy.has(slot(i.teacherId, w, l)))).length + 1;
      const score = (left.get(u) ?? 0) / room + rng.next() * 0.35;
      if (score > bestScore) {
        best = u;
        bestScore = score;
      }
    }
    const chosen = best as Unit;
    left.set(chosen, (left.get(chosen) ?? 0) - 1);
    const key = `${chosen.subjectId}|${weekday}`;
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    out.push({ unit: chosen, weekday, lessonNumber });
  }
  return [...left.values()].every((n) => n === 0) ? out : null;
}

export interface DemoTimetable {
  entries: EntryRow[];
  changes: ChangeRow[];
}

/** Rooms: a home room per class; specialists teach in their own rooms (a teacher is never in two places). */
function roomFor(subjectName: string, classIndex: number, grade: number, teacherIndex: number): string {
  if (subjectName === 'Физическая культура') return ['Спортзал', 'Малый спортзал', 'Спортзал № 2'][teacherIndex % 3] as string;
  if (subjectName === 'Информатика') return '305';
  if (subjectName === 'Физика') return '310';
  if (subjectName === 'Химия') return '312';
  if (subjectName === 'Биология') return '308';
  if (subjectName === 'Музыка') return '115';
  if (subjectName === 'Английский язык') return String(401 + (teacherIndex % 20));
  return String((grade <= 4 ? 101 : 201) + classIndex);
}

/**
 * A weekly timetable for every class from its curriculum hours (five-day week, at most 5 lessons a
 * day in grades 1–4, 6 in 5–6, 7 in 7–11), no teacher in two places at once, both English groups
 * of a class in the same slot. Deterministic for a given generator state.
 */
export function buildTimetable(rng: SeededRandom, rows: DemoRows, at: string): { entries: EntryRow[]; units: Placement[] } {
  const year = rows.academic_years[0];
  if (!year) throw new Error('the demo has no academic year');
  const groupClass = new Map(rows.study_groups.map((g) => [g.id, g.class_id]));
  const subjectName = new Map(rows.subjects.map((s) => [s.id, s.name]));
  const staffIndex = new Map(rows.staff.map((s, i) => [s.id, i]));
  const unitsByClass = new Map<string, Unit[]>();
  for (const c of rows.curriculum) {
    const classId = c.class_id ?? groupClass.get(c.group_id as string);
    if (!classId) continue;
    const list = unitsByClass.get(classId) ?? [];
    const shared = c.group_id ? list.find((u) => u.subjectId === c.subject_id && u.items.length > 0) : undefined;
    if (shared && c.group_id) {
      shared.items.push({ curriculumId: c.id, teacherId: c.teacher_id });
    } else {
      list.push({
        classId,
        subjectId: c.subject_id,
        items: [{ curriculumId: c.id, teacherId: c.teacher_id }],
        hours: c.hours_per_week,
        maxPerDay: c.hours_per_week > 5 ? 2 : 1,
      });
    }
    unitsByClass.set(classId, list);
  }
  // The most constrained classes first: seniors share the specialists and have the longest weeks.
  const classes = [...rows.classes].sort((a, b) => b.grade_level - a.grade_level || a.name.localeCompare(b.name, 'ru'));
  const busy = new Set<string>();
  const placements: Placement[] = [];
  for (const c of classes) {
    const units = unitsByClass.get(c.id) ?? [];
    const total = units.reduce((sum, u) => sum + u.hours, 0);
    let week: Placement[] | null = null;
    for (let attempt = 0; attempt < 400 && !week; attempt++) {
      week = tryClassWeek(rng, rng.shuffle(units), dayCounts(rng, total, maxLessonsPerDay(c.grade_level)), busy);
    }
    if (!week) throw new Error(`no timetable found for class ${c.name}`);
    for (const p of week) for (const i of p.unit.items) busy.add(slot(i.teacherId, p.weekday, p.lessonNumber));
    placements.push(...week);
  }
  const classIndex = new Map(
    [...rows.classes].map((c) => [c.id, rows.classes.filter((o) => o.grade_level <= 4 === c.grade_level <= 4).indexOf(c)]),
  );
  const gradeOf = new Map(rows.classes.map((c) => [c.id, c.grade_level]));
  const entries: EntryRow[] = [];
  for (const p of placements) {
    for (const item of p.unit.items) {
      entries.push({
        id: newId(),
        school_id: year.school_id,
        curriculum_id: item.curriculumId,
        weekday: p.weekday,
        lesson_number: p.lessonNumber,
        room: roomFor(
          subjectName.get(p.unit.subjectId) ?? '',
          classIndex.get(p.unit.classId) ?? 0,
          gradeOf.get(p.unit.classId) ?? 1,
          staffIndex.get(item.teacherId) ?? 0,
        ),
        valid_from: year.starts_on,
        valid_to: year.ends_on,
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
  }
  return { entries, units: placements };
}

/** The next `count` school days from `from` on (weekdays outside holidays, inside the year). */
export function schoolDaysFrom(rows: DemoRows, from: string, count: number): string[] {
  const year = rows.academic_years[0];
  if (!year) return [];
  const days: string[] = [];
  for (let d = from < year.starts_on ? year.starts_on : from; d <= year.ends_on && days.length < count; d = addDays(d, 1)) {
    if (isoWeekday(d) > 5) continue;
    if (rows.holidays.some((h) => d >= h.starts_on && d <= h.ends_on)) continue;
    days.push(d);
  }
  return days;
}

/**
 * A few one-off changes in the current and the next week (from `today` on, so no past lesson
 * loses its journal): substitutes, a cancelled lesson and a room change, the first ones in the demo
 * family's classes so their diary shows them.
 */
export function buildChanges(
  rng: SeededRandom,
  rows: DemoRows,
  placements: readonly Placement[],
  today: string,
  familyClassIds: readonly string[],
  createdBy: string,
  at: string,
): ChangeRow[] {
  const days = schoolDaysFrom(rows, today, 10);
  if (days.length === 0) return [];
  const schoolId = rows.schools[0]?.id as string;
  const position = new Map(rows.staff.map((s) => [s.id, s.position]));
  const busy = new Set(placements.flatMap((p) => p.unit.items.map((i) => slot(i.teacherId, p.weekday, p.lessonNumber))));
  const taken = new Set<string>();
  const changes: ChangeRow[] = [];
  const lessonsOf = (classId: string, date: string) =>
    placements.filter((p) => p.unit.classId === classId && p.weekday === isoWeekday(date) && p.unit.items.length === 1);
  const pickDay = (index: number) => days[Math.min(index, days.length - 1)] as string;
  const add = (kind: 'substitute' | 'cancel' | 'room', classId: string, date: string, note: string, room = ''): void => {
    const candidates = rng.shuffle(lessonsOf(classId, date)).filter((p) => !taken.has(`${p.unit.items[0]?.curriculumId}|${date}`));
    for (const p of candidates) {
      const item = p.unit.items[0] as { curriculumId: string; teacherId: string };
      let substitute: string | null = null;
      if (kind === 'substitute') {
        // A colleague of the same speciality who has no lesson of their own at that time.
        const colleagues = rows.staff.filter(
          (s) => s.id !== item.teacherId && s.position === position.get(item.teacherId) && !busy.has(slot(s.id, p.weekday, p.lessonNumber)),
        );
        if (colleagues.length === 0) continue;
        substitute = rng.pick(colleagues).id;
      }
      taken.add(`${item.curriculumId}|${date}`);
      if (substitute) busy.add(slot(substitute, p.weekday, p.lessonNumber));
      changes.push({
        id: newId(),
        school_id: schoolId,
        curriculum_id: item.curriculumId,
        date,
        lesson_number: p.lessonNumber,
        cancelled: kind === 'cancel' ? 1 : 0,
        substitute_teacher_id: substitute,
        room: kind === 'room' ? room : null,
        moved_to_date: null,
        moved_to_lesson_number: null,
        note,
        created_by: createdBy,
        created_at: at,
      });
      return;
    }
  };
  const [older, younger] = familyClassIds;
  if (older) {
    add('substitute', older, pickDay(1), 'Замена: учитель на больничном');
    add('room', older, pickDay(2), 'Кабинет на ремонте', '214');
  }
  if (younger) {
    add('substitute', younger, pickDay(3), 'Замена: учитель на курсах повышения квалификации');
    add('cancel', younger, pickDay(6), 'Урок отменён: учитель на олимпиаде с командой школы');
  }
  const others = rows.classes.filter((c) => !familyClassIds.includes(c.id));
  for (let i = 0; i < 4; i++) add('substitute', rng.pick(others).id, pickDay(rng.int(0, 4)), 'Замена: учитель на больничном');
  add('cancel', rng.pick(others).id, pickDay(rng.int(5, 9)), 'Урок отменён: экскурсия');
  add('room', rng.pick(others).id, pickDay(rng.int(0, 9)), 'Занятие в актовом зале', 'Актовый зал');
  return changes;
}
