import type { Db } from '../../db/connect.js';
import type { SchoolWorld } from '../../test/factories.js';

/** Who knocks: every role of the test school, and outsiders who must be turned away. */
export const MATRIX_ROLES = [
  'anonymous',
  'operator',
  'admin',
  'director',
  'deputy',
  'secretary',
  'teacher',
  'classTeacher',
  'otherTeacher',
  'parent',
  'student',
  'otherParent',
  'otherSchoolAdmin',
  'otherOperator',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export interface MatrixWorld extends SchoolWorld {
  /** A school of another operator, with its own people. */
  other: SchoolWorld;
  /** A parent in the same school, of the student in 5Б (not of the 5А student). */
  otherParentId: string;
  /** The test database, for cases that need a fresh row to change or delete on every call. */
  db: Db;
}

export interface MatrixCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route exactly as registered, e.g. '/api/schools/:schoolId/classes'. */
  route: string;
  /** The concrete URL to call; called once per role so each write can target fresh data. */
  url: (w: MatrixWorld, role: MatrixRole) => string | Promise<string>;
  /** A valid body, built fresh for each call (unique names etc.). */
  body?: (w: MatrixWorld, role: MatrixRole) => unknown | Promise<unknown>;
  /** Extra request headers, e.g. the content type of a multipart body. */
  headers?: (w: MatrixWorld, role: MatrixRole) => Record<string, string>;
  /** Roles that must succeed (2xx); every other role must get 401, 403 or 404. */
  allow: readonly MatrixRole[];
  /**
   * For routes that end or replace the caller's own session (logout, password change): the
   * matrix checks only that an anonymous caller is refused; their behaviour is tested elsewhere.
   */
  gateOnly?: boolean;
}

export const STAFF_READERS: readonly MatrixRole[] = ['operator', 'admin', 'director', 'deputy', 'secretary'];
export const EVERYONE_IN_SCHOOL: readonly MatrixRole[] = [
  'operator',
  'admin',
  'director',
  'deputy',
  'secretary',
  'teacher',
  'classTeacher',
  'otherTeacher',
  'parent',
  'student',
  'otherParent',
];
