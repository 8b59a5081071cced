import { slotKey } from '../timetable/timetable.service.js';

/** A lesson of a journal page: held by the timetable, or kept because it holds records. */
export interface HeldLesson {
  date: string;
  lessonNumber: number;
  scheduled: boolean;
  substituteTeacherId: string | null;
}

/**
 * The lessons of one curriculum item in date order, keyed by slot (R2.2, R3.1): the scheduled ones
 * that are not cancelled (or are cancelled but hold records), plus recorded ones the timetable no
 * longer holds. The journal grid and the thematic plan's lesson list both count lessons this way,
 * so the plan's n-th hour lands on the same lesson in both.
 */
export function heldLessonsInOrder(
  itemId: string,
  slots: ReadonlyArray<{
    curriculumId: string;
    date: string;
    lessonNumber: number;
    cancelled: boolean;
    substituteTeacherId: string | null;
  }>,
  records: ReadonlyArray<{ date: string; lesson_number: number }>,
): Array<[string, HeldLesson]> {
  const recorded = new Set(records.map((r) => slotKey(itemId, r.date, r.lesson_number)));
  const all = new Map<string, HeldLesson>();
  for (const s of slots) {
    if (s.cancelled && !recorded.has(slotKey(s.curriculumId, s.date, s.lessonNumber))) continue;
    all.set(slotKey(itemId, s.date, s.lessonNumber), {
      date: s.date,
      lessonNumber: s.lessonNumber,
      scheduled: true,
      substituteTeacherId: s.substituteTeacherId,
    });
  }
  for (const r of records) {
    const key = slotKey(itemId, r.date, r.lesson_number);
    if (!all.has(key)) all.set(key, { date: r.date, lessonNumber: r.lesson_number, scheduled: false, substituteTeacherId: null });
  }
  return [...all.entries()].sort(([, a], [, b]) => (a.date === b.date ? a.lessonNumber - b.lessonNumber : a.date < b.date ? -1 : 1));
}
