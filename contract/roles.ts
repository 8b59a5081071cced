/** Roles a user holds, each in one school (or, for an operator, over an operator's schools). */
export const Role = {
  operator: 'operator',
  schoolAdmin: 'school_admin',
  director: 'director',
  deputy: 'deputy',
  secretary: 'secretary',
  teacher: 'teacher',
  parent: 'parent',
  student: 'student',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

/** A teacher who leads a class; derived from classes.class_teacher_id, shown as a role in the UI. */
export const CLASS_TEACHER = 'class_teacher' as const;
export type EffectiveRole = Role | typeof CLASS_TEACHER;

export const STAFF_ROLES: readonly Role[] = [Role.schoolAdmin, Role.director, Role.deputy, Role.secretary, Role.teacher];
export const MANAGEMENT_ROLES: readonly Role[] = [Role.schoolAdmin, Role.director, Role.deputy];
