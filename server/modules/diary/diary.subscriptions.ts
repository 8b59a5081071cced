import { ALL_CHANGE_KINDS, ChangeKind, type RecordedChange, subscribeToChanges } from '../changes/changes.service.js';
import { ALL, bumpDiaryStamps, type StampKey, stampOf } from './diary-stamps.js';

const keysOf = (scopeIds: readonly string[], dates: readonly string[] | null): StampKey[] =>
  scopeIds.flatMap((id) => (dates === null ? [{ scopeId: id, week: ALL }] : dates.map((d) => stampOf(id, d))));

/**
 * Which prepared diary weeks a change makes stale. A week is built under the stamps of its
 * student, the student's classes and groups, and the whole school ('*').
 */
export function diaryStampsOf(change: RecordedChange): StampKey[] {
  if (change.wholeSchool) return [{ scopeId: ALL, week: ALL }];
  switch (change.kind) {
    // A student's own rows: only that student's weeks.
    case ChangeKind.grade:
    case ChangeKind.attendance:
    case ChangeKind.periodGrade:
      return keysOf(change.students, change.dates);
    // A move changes which class and group scopes a week is built under; the student's own stamp
    // is enough, since the new scope set is read when the week is rebuilt.
    case ChangeKind.rosterMove:
    case ChangeKind.student:
      return keysOf(change.students, null);
    // What every member of a class or group sees on those dates.
    case ChangeKind.lessonRecord:
    case ChangeKind.attachment:
    case ChangeKind.thematicPlan:
    case ChangeKind.timetableEntry:
    case ChangeKind.timetableChange:
      return [...keysOf(change.groups, change.dates), ...keysOf(change.students, change.dates)];
    // Reference data shown in every week (names, bells, holidays, subjects, work types).
    case ChangeKind.gradingSettings:
    case ChangeKind.periodClosing:
    case ChangeKind.staff:
    case ChangeKind.classes:
    case ChangeKind.curriculum:
    case ChangeKind.calendar:
    case ChangeKind.bells:
    case ChangeKind.school:
      return change.groups.length > 0 ? keysOf(change.groups, change.dates) : [{ scopeId: ALL, week: ALL }];
    // Paperwork no diary week shows (family access is checked on every request anyway).
    case ChangeKind.parent:
    case ChangeKind.parentLink:
    case ChangeKind.consent:
    case ChangeKind.application:
    case ChangeKind.accessCode:
    case ChangeKind.workingCalendar:
    case ChangeKind.complaint:
    case ChangeKind.inspection:
    case ChangeKind.account:
      return [];
    default: {
      const unhandled: never = change.kind;
      throw new Error(`diary: change kind ${String(unhandled)} has no rule`);
    }
  }
}

/** Installs the diary's subscriber: prepared weeks are invalidated in the writer's transaction. */
export function subscribeDiary(): void {
  subscribeToChanges('diary.weeks', ALL_CHANGE_KINDS, async (trx, change) => {
    const keys = diaryStampsOf(change);
    if (keys.length > 0) await bumpDiaryStamps(trx, change.schoolId, keys);
  });
}
