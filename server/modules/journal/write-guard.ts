import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { findScheduledSlot } from '../timetable/timetable.service.js';
import { checkLock, type JournalContext, whatMissing } from './journal-context.js';
import { DEFAULT_SCALE } from './scales.js';
import { readWriteGuard } from './write-guard.repository.js';

export interface GuardAsk {
  studentId: string | null;
  date: string;
  lessonNumber: number | null;
  workTypeId: string | null;
  reason: string | undefined;
}

export interface Guarded {
  /** The lesson record at (date, number), when there is one already. */
  lessonId: string | null;
  /** The admin's reason for changing a closed period's record, when one was needed. */
  reason: string | null;
  /** The item's scale code: its own, else the school's default. */
  scaleCode: string;
}

const truthy = (v: number | boolean | null) => v === true || Number(v) === 1;

/**
 * The checks of a journal save, inside its transaction (trx) with one query for the facts: the item
 * still taught by the teacher whose right was checked, the lesson (a record or a scheduled one), the
 * student on the roster on the date, the work type, and a closed period over the date (R4.2).
 * Because it runs in the transaction, a period closed a moment before the save is seen.
 * The value is checked by the caller against `scaleCode`, between the work type and the lock.
 */
export async function guardWrite(
  deps: Deps,
  trx: Db,
  ctx: JournalContext,
  ask: GuardAsk,
  checkValue: (scaleCode: string) => Promise<void> = async () => {},
): Promise<Guarded> {
  const { item } = ctx;
  const row = await readWriteGuard(trx, {
    schoolId: ctx.schoolId,
    curriculumId: item.id,
    yearId: item.yearId,
    gradeLevel: item.gradeLevel,
    owner: { classId: item.classId, groupId: item.groupId },
    studentId: ask.studentId,
    date: ask.date,
    lessonNumber: ask.lessonNumber,
    workTypeId: ask.workTypeId,
  });
  if (row.teacher_id === null) throw notFound();
  // The teacher's right came from being the item's teacher; an admin's does not depend on it.
  if (row.teacher_id !== item.teacherId && !ctx.access.overrideLock) throw conflict('error.journal.itemReassigned');
  if (ask.lessonNumber !== null && row.lesson_id === null) {
    const slot = await findScheduledSlot({ ...deps, db: trx }, item, ask.date, ask.lessonNumber);
    if (!slot) throw invalid('error.timetable.noSuchLesson');
  }
  if (ask.studentId !== null && !truthy(row.on_roster)) throw invalid('error.journal.studentNotOnRoster');
  if (ask.workTypeId !== null && row.work_type_weight === null) throw whatMissing(ctx.actor, 'journal.what.workType');
  const scaleCode = row.own_scale ?? row.default_scale ?? DEFAULT_SCALE;
  await checkValue(scaleCode);
  const reason = checkLock(ctx, row.closed_period === null ? undefined : { name: row.closed_period }, ask.reason);
  return { lessonId: row.lesson_id, reason, scaleCode };
}
