import { addDays, isoWeekday } from '../../lib/dates.js';

/**
 * Lessons of a date range derived from weekly timetable entries and one-off changes (R2.2).
 * Pure: the caller reads the rows; this decides which lessons exist.
 */

export interface EntryFact {
  curriculumId: string;
  weekday: number;
  lessonNumber: number;
  room: string;
  validFrom: string;
  validTo: string;
}

export interface ChangeFact {
  curriculumId: string;
  date: string;
  lessonNumber: number;
  cancelled: boolean;
  substituteTeacherId: string | null;
  room: string | null;
  movedToDate: string | null;
  movedToLessonNumber: number | null;
}

export interface DerivedSlot {
  curriculumId: string;
  date: string;
  lessonNumber: number;
  room: string;
  substituteTeacherId: string | null;
  cancelled: boolean;
  movedFrom: { date: string; lessonNumber: number } | null;
}

/** Whether lessons are held on a date for a curriculum item: inside its academic year and not a holiday. */
export type SchoolDayTest = (curriculumId: string, date: string) => boolean;

export const slotKey = (curriculumId: string, date: string, lessonNumber: number) => `${curriculumId}|${date}|${lessonNumber}`;

/**
 * Every lesson in [from, to] (inclusive). Cancelled lessons are returned with `cancelled` so week
 * views can show them; a moved lesson leaves its original slot and appears at its new one (a move
 * is an explicit decision, so the new date need not be a regular school day, only inside the year).
 */
export function deriveLessons(
  from: string,
  to: string,
  entries: readonly EntryFact[],
  changes: readonly ChangeFact[],
  isSchoolDay: SchoolDayTest,
  isInYear: SchoolDayTest,
): DerivedSlot[] {
  const byKey = new Map<string, ChangeFact>();
  for (const c of changes) byKey.set(slotKey(c.curriculumId, c.date, c.lessonNumber), c);
  const byWeekday = new Map<number, EntryFact[]>();
  for (const e of entries) {
    const list = byWeekday.get(e.weekday) ?? [];
    list.push(e);
    byWeekday.set(e.weekday, list);
  }
  const out: DerivedSlot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const todays = byWeekday.get(isoWeekday(date));
    if (!todays) continue;
    for (const e of todays) {
      if (date < e.validFrom || date > e.validTo || !isSchoolDay(e.curriculumId, date)) continue;
      const change = byKey.get(slotKey(e.curriculumId, date, e.lessonNumber));
      if (change?.movedToDate) continue;
      out.push({
        curriculumId: e.curriculumId,
        date,
        lessonNumber: e.lessonNumber,
        room: change?.room ?? e.room,
        substituteTeacherId: change?.substituteTeacherId ?? null,
        cancelled: change?.cancelled ?? false,
        movedFrom: null,
      });
    }
  }
  for (const c of changes) {
    if (!c.movedToDate || c.movedToLessonNumber === null) continue;
    if (c.movedToDate < from || c.movedToDate > to || !isInYear(c.curriculumId, c.movedToDate)) continue;
    out.push({
      curriculumId: c.curriculumId,
      date: c.movedToDate,
      lessonNumber: c.movedToLessonNumber,
      room: c.room ?? '',
      substituteTeacherId: c.substituteTeacherId,
      cancelled: c.cancelled,
      movedFrom: { date: c.date, lessonNumber: c.lessonNumber },
    });
  }
  return sortSlots(out);
}

export function sortSlots<T extends { date: string; lessonNumber: number; curriculumId: string }>(slots: T[]): T[] {
  return slots.sort((a, b) =>
    a.date === b.date ? a.lessonNumber - b.lessonNumber || a.curriculumId.localeCompare(b.curriculumId) : a.date < b.date ? -1 : 1,
  );
}

/**
 * The thematic plan's topic of each lesson (R2.3): items are expanded by their hours and laid onto
 * the held lessons in date order, the n-th plan hour on the n-th lesson. Returns topic and
 * homework (and the plan row's ordinal) by lesson key.
 */
export function assignPlanTopics(
  lessonsInOrder: ReadonlyArray<{ key: string }>,
  items: ReadonlyArray<{ ordinal: number; topic: string; hours: number; homework: string | null }>,
): Map<string, { ordinal: number; topic: string; homework: string | null }> {
  const hours: Array<{ ordinal: number; topic: string; homework: string | null }> = [];
  for (const item of [...items].sort((a, b) => a.ordinal - b.ordinal)) {
    for (let h = 0; h < Math.max(1, item.hours); h++) hours.push({ ordinal: item.ordinal, topic: item.topic, homework: item.homework });
  }
  const out = new Map<string, { ordinal: number; topic: string; homework: string | null }>();
  lessonsInOrder.forEach((lesson, i) => {
    const hour = hours[i];
    if (hour) out.set(lesson.key, hour);
  });
  return out;
}
