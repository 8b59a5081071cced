import type { AuditLogTable } from '../modules/audit/audit.table.js';
import type {
  LoginAddressesTable,
  LoginThrottleTable,
  RoleAssignmentsTable,
  SessionsTable,
  UsersTable,
} from '../modules/auth/auth.table.js';
import type { MfaChallengesTable, MfaRecoveryCodesTable, MfaSchoolSettingsTable, MfaTotpTable } from '../modules/auth/mfa.table.js';
import type { ChangeLogTable } from '../modules/changes/changes.table.js';
import type { DiaryCalendarFeedsTable, DiarySeenTable, DiaryStampsTable } from '../modules/diary/diary.table.js';
import type {
  AttendanceMarksTable,
  CurriculumScalesTable,
  GradeScalesTable,
  GradesTable,
  JournalHistoryTable,
  JournalSavesTable,
  JournalSettingsTable,
  JournalStampsTable,
  LessonAttachmentsTable,
  LessonsTable,
  PeriodGradesTable,
  WorkTypesTable,
} from '../modules/journal/journal.table.js';
import type {
  NotifyContactsTable,
  NotifyOutboxTable,
  NotifySchoolSettingsTable,
  NotifySettingsTable,
  NotifySmsPartsTable,
} from '../modules/notifications/notifications.table.js';
import type { BackupRunsTable } from '../modules/operations/operations.table.js';
import type { ComplaintsTable, InspectionsTable } from '../modules/oversight/oversight.table.js';
import type {
  ClassMembershipsTable,
  GroupMembershipsTable,
  ParentsTable,
  StaffTable,
  StudentMovementsTable,
  StudentParentsTable,
  StudentsTable,
} from '../modules/people/people.table.js';
import type {
  AcademicYearsTable,
  BellsTable,
  ClassesTable,
  CurriculumTable,
  HolidaysTable,
  OperatorsTable,
  SchoolsTable,
  StudyGroupsTable,
  StudyPeriodsTable,
  SubjectsTable,
} from '../modules/school/school.table.js';
import type { ReadBudgetAlertsTable, ReadBudgetCountersTable } from '../modules/security/security.table.js';
import type {
  AccessCodesTable,
  ServiceApplicationsTable,
  ServiceConsentsTable,
  WorkingCalendarsTable,
} from '../modules/service/service.table.js';
import type { ThematicPlanItemsTable, TimetableChangesTable, TimetableEntriesTable } from '../modules/timetable/timetable.table.js';

/** The whole database as Kysely sees it; each module owns the tables it declares. */
export interface Database {
  operators: OperatorsTable;
  change_log: ChangeLogTable;
  journal_stamps: JournalStampsTable;
  journal_saves: JournalSavesTable;
  schools: SchoolsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  login_addresses: LoginAddressesTable;
  mfa_totp: MfaTotpTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  mfa_school_settings: MfaSchoolSettingsTable;
  read_budget_counters: ReadBudgetCountersTable;
  read_budget_alerts: ReadBudgetAlertsTable;
  academic_years: AcademicYearsTable;
  study_periods: StudyPeriodsTable;
  holidays: HolidaysTable;
  bells: BellsTable;
  staff: StaffTable;
  classes: ClassesTable;
  study_groups: StudyGroupsTable;
  subjects: SubjectsTable;
  curriculum: CurriculumTable;
  students: StudentsTable;
  parents: ParentsTable;
  student_parents: StudentParentsTable;
  student_movements: StudentMovementsTable;
  class_memberships: ClassMembershipsTable;
  group_memberships: GroupMembershipsTable;
  audit_log: AuditLogTable;
  service_applications: ServiceApplicationsTable;
  service_consents: ServiceConsentsTable;
  access_codes: AccessCodesTable;
  working_calendars: WorkingCalendarsTable;
  complaints: ComplaintsTable;
  inspections: InspectionsTable;
  timetable_entries: TimetableEntriesTable;
  timetable_changes: TimetableChangesTable;
  thematic_plan_items: ThematicPlanItemsTable;
  lessons: LessonsTable;
  lesson_attachments: LessonAttachmentsTable;
  grade_scales: GradeScalesTable;
  journal_settings: JournalSettingsTable;
  curriculum_scales: CurriculumScalesTable;
  work_types: WorkTypesTable;
  grades: GradesTable;
  attendance_marks: AttendanceMarksTable;
  period_grades: PeriodGradesTable;
  journal_history: JournalHistoryTable;
  diary_stamps: DiaryStampsTable;
  diary_seen: DiarySeenTable;
  diary_calendar_feeds: DiaryCalendarFeedsTable;
  notify_settings: NotifySettingsTable;
  notify_contacts: NotifyContactsTable;
  notify_outbox: NotifyOutboxTable;
  notify_sms_parts: NotifySmsPartsTable;
  notify_school_settings: NotifySchoolSettingsTable;
  backup_runs: BackupRunsTable;
}
