import type { MessageKey } from '@contract/i18n/translate';
import type { Permission } from '@contract/permissions';
import { CLASS_TEACHER, type EffectiveRole, ROLES } from '@contract/roles';
import type { MySchool } from './resources/me';

/** Which home a user with several roles lands on: the widest responsibility first. */
export const ROLE_ORDER: readonly EffectiveRole[] = [
  'operator',
  'school_admin',
  'director',
  'deputy',
  'secretary',
  CLASS_TEACHER,
  'teacher',
  'parent',
  'student',
];

export function isEffectiveRole(value: string): value is EffectiveRole {
  return value === CLASS_TEACHER || (ROLES as readonly string[]).includes(value);
}

/** The school's roles of the user, known ones only, in ROLE_ORDER. */
export function rolesOf(school: MySchool): EffectiveRole[] {
  return ROLE_ORDER.filter((role) => school.roles.includes(role));
}

export function primaryRole(school: MySchool): EffectiveRole | null {
  return rolesOf(school)[0] ?? null;
}

/** The server sends permissions with the user (describeMe); the UI only hides what is not there. */
export function can(school: MySchool, permission: Permission): boolean {
  return school.permissions.includes(permission);
}

export function hasAnyRole(school: MySchool, roles: readonly EffectiveRole[]): boolean {
  return roles.some((role) => school.roles.includes(role));
}

export const roleNameKey: Record<EffectiveRole, MessageKey> = {
  operator: 'web.role.operator',
  school_admin: 'web.role.school_admin',
  director: 'web.role.director',
  deputy: 'web.role.deputy',
  secretary: 'web.role.secretary',
  teacher: 'web.role.teacher',
  class_teacher: 'web.role.class_teacher',
  parent: 'web.role.parent',
  student: 'web.role.student',
};

export const schoolPath = (schoolId: string, rest = '') => `/schools/${encodeURIComponent(schoolId)}${rest ? `/${rest}` : ''}`;
export const homePath = (schoolId: string, role: EffectiveRole) => schoolPath(schoolId, `home/${role}`);

const LAST_SCHOOL_KEY = 'otmetka.lastSchool';

/** Remembers the school last opened on this device, so the next visit lands there. */
export function rememberSchool(schoolId: string): void {
  try {
    localStorage.setItem(LAST_SCHOOL_KEY, schoolId);
  } catch {
    // Storage may be disabled (private mode); landing then falls back to the main role.
  }
}

function lastSchool(): string | null {
  try {
    return localStorage.getItem(LAST_SCHOOL_KEY);
  } catch {
    return null;
  }
}

const rank = (school: MySchool) => {
  const role = primaryRole(school);
  return role ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length;
};

/**
 * Where a signed-in user goes first: the school last opened on this device, else the school where
 * they hold their widest role; there, the home of their main role.
 */
export function landingPath(schools: readonly MySchool[]): string {
  if (schools.length === 0) return '/no-school';
  const remembered = schools.find((s) => s.id === lastSchool());
  const school = remembered ?? [...schools].sort((a, b) => rank(a) - rank(b))[0]!;
  const role = primaryRole(school);
  return role ? homePath(school.id, role) : schoolPath(school.id, 'home');
}
