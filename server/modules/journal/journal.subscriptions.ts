import { ALL_CHANGE_KINDS, ChangeKind, type RecordedChange, subscribeToChanges } from '../changes/changes.service.js';
import { bumpJournalStamps, WHOLE_SCHOOL } from './journal-stamps.js';

/** Which journal scopes a change makes stale: its curriculum items, else its classes and groups. */
export function journalStampsOf(change: RecordedChange): string[] {
  if (change.wholeSchool) return [WHOLE_SCHOOL];
  switch (change.kind) {
    // A student's name or file shows in every journal of their classes and groups; rare enough to
    // refresh the school's journals rather than look the memberships up. A new student is in no
    // journal until enrolled (a roster move of its own).
    case ChangeKind.student:
      return change.action === 'create' ? [] : [WHOLE_SCHOOL];
    // A move changes the rosters of the classes and groups it names.
    case ChangeKind.rosterMove:
      return [...change.groups];
    // Paperwork no journal page shows.
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
    default:
      return change.curricula.length > 0 ? [...change.curricula] : change.groups.length > 0 ? [...change.groups] : [WHOLE_SCHOOL];
  }
}

/** Installs the journal's subscriber: prepared journal pages are invalidated in the writer's transaction. */
export function subscribeJournal(): void {
  subscribeToChanges('journal.pages', ALL_CHANGE_KINDS, async (trx, change) => {
    const scopes = journalStampsOf(change);
    if (scopes.length > 0) await bumpJournalStamps(trx, change.schoolId, scopes);
  });
}
