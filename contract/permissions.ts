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
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;

/** What each role may do in a school it belongs to; the web hides what is not listed. */
export const ROLE_PERMISSIONS: Record<EffectiveRole, readonly Permission[]> = {
  [Role.operator]: [P.schoolRead, P.schoolCreate, P.schoolManage, P.personRead, P.auditRead, P.accountManage],
  [Role.schoolAdmin]: [P.schoolRead, P.schoolManage, P.personRead, P.personManage, P.movementManage, P.accountManage, P.auditRead],
  [Role.director]: [P.schoolRead, P.personRead, P.auditRead],
  [Role.deputy]: [P.schoolRead, P.personRead, P.auditRead],
  [Role.secretary]: [P.schoolRead, P.personRead],
  [Role.teacher]: [P.schoolRead, P.personRead],
  class_teacher: [P.schoolRead, P.personRead],
  [Role.parent]: [P.schoolRead],
  [Role.student]: [P.schoolRead],
};

export function roleHas(role: EffectiveRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
