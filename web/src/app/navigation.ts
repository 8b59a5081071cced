import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import type { EffectiveRole } from '@contract/roles';
import { can, hasAnyRole } from '../lib/access';
import type { MySchool } from '../lib/resources/me';

export interface Section {
  id: string;
  /** Path inside the school: /schools/:schoolId/<path>. */
  path: string;
  label: MessageKey;
  description: MessageKey;
  visible: (school: MySchool) => boolean;
}

/** Staff see the school's structure; families see their own diary instead (later). */
const STRUCTURE_READERS: readonly EffectiveRole[] = [
  'operator',
  'school_admin',
  'director',
  'deputy',
  'secretary',
  'teacher',
  'class_teacher',
];

/** Every section of a school; the header, the mobile menu and the home pages show the visible ones. */
export const SECTIONS: readonly Section[] = [
  {
    id: 'structure',
    path: 'structure',
    label: 'web.nav.structure',
    description: 'web.nav.structure.description',
    visible: (s) => can(s, Permission.schoolManage) || (can(s, Permission.schoolRead) && hasAnyRole(s, STRUCTURE_READERS)),
  },
  {
    id: 'students',
    path: 'students',
    label: 'web.nav.students',
    description: 'web.nav.students.description',
    visible: (s) => can(s, Permission.personRead),
  },
  {
    id: 'parents',
    path: 'parents',
    label: 'web.nav.parents',
    description: 'web.nav.parents.description',
    visible: (s) => can(s, Permission.personRead),
  },
  {
    id: 'staff',
    path: 'staff',
    label: 'web.nav.staff',
    description: 'web.nav.staff.description',
    visible: (s) => can(s, Permission.personRead),
  },
  {
    id: 'diary',
    path: 'diary',
    label: 'diaryWeb.nav.diary',
    description: 'diaryWeb.nav.diary.description',
    // Families read their own diary; staff reach a student's diary from the journal and cards.
    visible: (s) => hasAnyRole(s, ['parent', 'student']),
  },
  {
    id: 'journal',
    path: 'journal',
    label: 'journalWeb.nav.journal',
    description: 'journalWeb.nav.journal.description',
    visible: (s) => can(s, Permission.journalRead),
  },
  {
    id: 'timetable',
    path: 'timetable',
    label: 'journalWeb.nav.timetable',
    description: 'journalWeb.nav.timetable.description',
    visible: (s) => can(s, Permission.timetableRead),
  },
  {
    id: 'grading',
    path: 'grading',
    label: 'journalWeb.nav.grading',
    description: 'journalWeb.nav.grading.description',
    visible: (s) => can(s, Permission.gradingManage),
  },
  {
    id: 'service',
    path: 'service/applications',
    label: 'serviceWeb.nav.service',
    description: 'serviceWeb.nav.service.description',
    visible: (s) => can(s, Permission.applicationRead),
  },
  {
    // The operator sees the consents of its schools (seed 002 §3.2.4), not the applications.
    id: 'consents',
    path: 'service/consents',
    label: 'serviceWeb.tab.consents',
    description: 'serviceWeb.consents.title',
    visible: (s) => can(s, Permission.consentRead) && !can(s, Permission.applicationRead),
  },
  {
    id: 'codes',
    path: 'service/codes',
    label: 'serviceWeb.nav.codes',
    description: 'serviceWeb.nav.codes.description',
    visible: (s) => can(s, Permission.codeIssue),
  },
  {
    id: 'myData',
    path: 'my-data',
    label: 'serviceWeb.nav.myData',
    description: 'serviceWeb.nav.myData.description',
    visible: (s) => hasAnyRole(s, ['parent']),
  },
  {
    // Issue 12.13: the family sees which staff opened their child's data, and exports all of it.
    id: 'whoViewed',
    path: 'who-viewed',
    label: 'family.nav',
    description: 'family.nav.description',
    visible: (s) => hasAnyRole(s, ['parent']),
  },
  {
    id: 'notifications',
    path: 'notifications',
    label: 'notifyWeb.nav',
    description: 'notifyWeb.nav.description',
    // The family sets up its own notices (seed 002 §3.2.5, §3.3).
    visible: (s) => hasAnyRole(s, ['parent', 'student']),
  },
  {
    id: 'deliveryLog',
    path: 'notifications/log',
    label: 'notifyWeb.log.nav',
    description: 'notifyWeb.log.nav.description',
    visible: (s) => can(s, Permission.notifyManage),
  },
  {
    id: 'oversight',
    path: 'oversight',
    label: 'serviceWeb.nav.oversight',
    description: 'serviceWeb.nav.oversight.description',
    visible: (s) => can(s, Permission.complaintManage) || can(s, Permission.inspectionManage),
  },
  {
    id: 'audit',
    path: 'audit',
    label: 'web.nav.audit',
    description: 'web.nav.audit.description',
    visible: (s) => can(s, Permission.auditRead),
  },
  {
    // Issue 14: the director's monitoring and the quality indicators of table 2.13.
    id: 'monitoring',
    path: 'monitoring',
    label: 'reports.menu',
    description: 'reports.description',
    visible: (s) => can(s, Permission.reportRead),
  },
  {
    // Issue 12, items 3 and 12: the staff second-factor rule and over-budget reads of personal data.
    id: 'security',
    path: 'security',
    label: 'web.security.menu',
    description: 'web.security.description',
    visible: (s) => can(s, Permission.auditRead) || hasAnyRole(s, ['school_admin', 'director']),
  },
  {
    // Issue 16: the installation's backups and restore drills, run by its operators.
    id: 'backups',
    path: 'backups',
    label: 'operations.menu',
    description: 'operations.description',
    visible: (s) => hasAnyRole(s, ['operator']),
  },
];

export const visibleSections = (school: MySchool) => SECTIONS.filter((section) => section.visible(school));
