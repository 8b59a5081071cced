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
  // Timetable and class journal (R2–R4); object rules (teacher ↔ curriculum item, class teacher ↔
  // class, substitute ↔ lesson) live in server/access/policy.ts.
  timetableRead: 'timetable.read',
  timetableManage: 'timetable.manage',
  journalRead: 'journal.read',
  journalWrite: 'journal.write',
  gradingManage: 'grading.manage',
  periodClose: 'period.close',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;

/** What each role may do in a school it belongs to; the web hides what is not listed. */
export const ROLE_PERMISSIONS: Record<EffectiveRole, readonly Permission[]> = {
  [Role.operator]: [P.schoolRead, P.schoolCreate, P.schoolManage, P.personRead, P.auditRead, P.accountManage, P.timetableRead],
  [Role.schoolAdmin]: [
    P.schoolRead,
    P.schoolManage,
    P.personRead,
    P.personManage,
    P.movementManage,
    P.accountManage,
    P.auditRead,
    P.timetableRead,
    P.timetableManage,
    P.journalRead,
    P.journalWrite,
    P.gradingManage,
    P.periodClose,
  ],
  [Role.director]: [P.schoolRead, P.personRead, P.auditRead, P.timetableRead, P.journalRead],
  [Role.deputy]: [P.schoolRead, P.personRead, P.auditRead, P.timetableRead, P.journalRead],
  [Role.secretary]: [P.schoolRead, P.personRead, P.timetableRead],
  [Role.teacher]: [P.schoolRead, P.personRead, P.timetableRead, P.journalRead, P.journalWrite],
  class_teacher: [P.schoolRead, P.personRead, P.timetableRead, P.journalRead, P.journalWrite],
  [Role.parent]: [P.schoolRead],
  [Role.student]: [P.schoolRead],
};

export function roleHas(role: EffectiveRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
