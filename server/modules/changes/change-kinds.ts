/**
 * Every kind of change a write records. A subscriber names the kinds it reacts to; adding a kind
 * here makes the compiler ask each `switch` over kinds to decide about it.
 */
export const ChangeKind = {
  grade: 'grade',
  attendance: 'attendance',
  lessonRecord: 'lesson_record',
  attachment: 'attachment',
  periodGrade: 'period_grade',
  periodClosing: 'period_closing',
  gradingSettings: 'grading_settings',
  thematicPlan: 'thematic_plan',
  timetableEntry: 'timetable_entry',
  timetableChange: 'timetable_change',
  rosterMove: 'roster_move',
  student: 'student',
  staff: 'staff',
  classes: 'classes',
  curriculum: 'curriculum',
  calendar: 'calendar',
  bells: 'bells',
  school: 'school',
  // People and the public service's paperwork: no journal or diary shows them, but notifications
  // (a withdrawn consent cancels what is queued) and the quality indicators follow them.
  parent: 'parent',
  parentLink: 'parent_link',
  consent: 'consent',
  application: 'application',
  accessCode: 'access_code',
  workingCalendar: 'working_calendar',
  complaint: 'complaint',
  inspection: 'inspection',
  /** A staff account's roles or password: who may do what (security indicators, the director's log). */
  account: 'account',
} as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

export const ALL_CHANGE_KINDS: readonly ChangeKind[] = Object.values(ChangeKind);

export type ChangeAction = 'create' | 'update' | 'delete';

/** What a change touches; a subscriber maps these onto its own read model. */
export interface ChangeScopes {
  /** Students whose own rows changed (grades, marks, moves, personal data). */
  students?: readonly (string | null | undefined)[];
  /** Classes and groups all of whose members see the change (topics, homework, timetable, rosters). */
  groups?: readonly (string | null | undefined)[];
  /** Curriculum items (class journals) the change is part of. */
  curricula?: readonly (string | null | undefined)[];
  /** The dates it touches (null and undefined entries are skipped); absent means every date. */
  dates?: readonly (string | null | undefined)[];
  /** Reference data every reader in the school sees (bells, holidays, names, work types). */
  wholeSchool?: boolean;
}

export interface Change extends ChangeScopes {
  kind: ChangeKind;
  action: ChangeAction;
  schoolId: string;
  entityId?: string | null;
  actorId?: string | null;
  /** ISO instant of the change (the writer's clock, as in its own rows). */
  at: string;
}

/** A change as subscribers see it: lists present (possibly empty), dates deduplicated, null = every date. */
export interface RecordedChange {
  seq: number;
  kind: ChangeKind;
  action: ChangeAction;
  schoolId: string;
  entityId: string | null;
  actorId: string | null;
  at: string;
  students: readonly string[];
  groups: readonly string[];
  curricula: readonly string[];
  dates: readonly string[] | null;
  wholeSchool: boolean;
}
