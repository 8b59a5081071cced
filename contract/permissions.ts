import { type EffectiveRole, Role } from './roles.js';

/** Coarse permissions, `resource.verb`; object-level rules live in server/access. */
export const Permission = {
  schoolRead: 'school.read',
  schoolCreate: 'school.create',
  schoolManage: 'school.manage',
  personRead: 'person.read',
  personManage: 'person.manage',
  movementManage: 'movement.manage',
  accountManage: 'account.manage',
  auditRead: 'audit.read',
  // The public service and its oversight (seed 002 §3, §4–5).
  applicationRegister: 'application.register',
  applicationRead: 'application.read',
  applicationDecide: 'application.decide',
  orderSign: 'order.sign',
  codeIssue: 'code.issue',
  consentRead: 'consent.read',
  complaintManage: 'complaint.manage',
  inspectionManage: 'inspection.manage',
  // Timetable and class journal (R2–R4); object rules (teacher ↔ curriculum item, class teacher ↔
  // class, substitute ↔ lesson) live in server/access/policy.ts.
  timetableRead: 'timetable.read',
  timetableManage: 'timetable.manage',
  journalRead: 'journal.read',
  journalWrite: 'journal.write',
  gradingManage: 'grading.manage',
  periodClose: 'period.close',
  /** The school's notification delivery log, SMS budget and channel check (issue 13). */
  notifyManage: 'notify.manage',
  /** Statistics, the quality indicators of table 2.13 and the director's monitoring (R9, issue 14). */
  reportRead: 'report.read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;

/** What each role may do in a school it belongs to; the web hides what is not listed. */
export const ROLE_PERMISSIONS: Record<EffectiveRole, readonly Permission[]> = {
  [Role.operator]: [
    P.schoolRead,
    P.schoolCreate,
    P.schoolManage,
    P.personRead,
    P.auditRead,
    P.accountManage,
    P.consentRead,
    P.timetableRead,
    P.reportRead,
  ],
  [Role.schoolAdmin]: [
    P.schoolRead,
    P.schoolManage,
    P.personRead,
    P.personManage,
    P.movementManage,
    P.accountManage,
    P.auditRead,
    P.applicationRegister,
    P.applicationRead,
    P.codeIssue,
    P.timetableRead,
    P.timetableManage,
    P.journalRead,
    P.journalWrite,
    P.gradingManage,
    P.periodClose,
    P.notifyManage,
    P.reportRead,
  ],
  [Role.director]: [
    P.schoolRead,
    P.personRead,
    P.auditRead,
    P.applicationRead,
    P.applicationDecide,
    P.orderSign,
    P.complaintManage,
    P.inspectionManage,
    P.timetableRead,
    P.journalRead,
    P.reportRead,
  ],
  [Role.deputy]: [
    P.schoolRead,
    P.personRead,
    P.auditRead,
    P.applicationRead,
    P.complaintManage,
    P.inspectionManage,
    P.timetableRead,
    P.journalRead,
    P.reportRead,
  ],
  [Role.secretary]: [P.schoolRead, P.personRead, P.applicationRegister, P.applicationRead, P.complaintManage, P.timetableRead],
  [Role.teacher]: [P.schoolRead, P.personRead, P.timetableRead, P.journalRead, P.journalWrite],
  // code.issue only for the students of the class they lead: checked in server/access/policy.ts.
  class_teacher: [P.schoolRead, P.personRead, P.codeIssue, P.timetableRead, P.journalRead, P.journalWrite],
  [Role.parent]: [P.schoolRead],
  [Role.student]: [P.schoolRead],
};

export function roleHas(role: EffectiveRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
