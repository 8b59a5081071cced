import { EVERYONE_IN_SCHOOL, type MatrixCase, type MatrixRole, STAFF_READERS } from '../../access/matrix/types.js';

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

const ALL_STAFF: readonly MatrixRole[] = [...STAFF_READERS, 'teacher', 'classTeacher', 'otherTeacher'];
/** Who may see the 5А student `inA`: whole-school staff, the teacher of 5А, the parent, the student. */
const SEE_IN_A: readonly MatrixRole[] = [...STAFF_READERS, 'teacher', 'parent', 'student'];
const TODAY = '2026-11-23';

export const peopleMatrix: MatrixCase[] = [
  // ---------------------------------------------------------------- students
  {
    method: 'GET',
    route: '/api/schools/:schoolId/students',
    url: (w) => `/api/schools/${w.schoolId}/students`,
    // Everyone in the school gets a list, filtered to what they may see.
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/students/:id',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}`,
    allow: SEE_IN_A,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/students',
    url: (w) => `/api/schools/${w.schoolId}/students`,
    body: () => ({ fileNumber: fresh('М'), surname: 'Матрицын', name: 'Пётр', birthDate: '2015-01-02', sex: 'm' }),
    allow: ['admin'],
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/students/:id',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}`,
    body: () => ({ foreignLanguage: fresh('английский') }),
    allow: ['admin'],
  },
  {
    method: 'GET',
    route: '/api/my/students',
    url: () => '/api/my/students',
    allow: [...EVERYONE_IN_SCHOOL, 'otherSchoolAdmin', 'otherOperator'],
  },
  // ---------------------------------------------------------------- parents
  {
    method: 'GET',
    route: '/api/schools/:schoolId/parents',
    url: (w) => `/api/schools/${w.schoolId}/parents`,
    allow: [...ALL_STAFF, 'parent', 'otherParent'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/parents/:id',
    url: (w) => `/api/schools/${w.schoolId}/parents/${w.parentId}`,
    allow: [...STAFF_READERS, 'teacher', 'parent'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/parents',
    url: (w) => `/api/schools/${w.schoolId}/parents`,
    body: () => ({ surname: fresh('Родителева'), name: 'Ольга' }),
    allow: ['admin'],
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/parents/:id',
    url: (w) => `/api/schools/${w.schoolId}/parents/${w.parentId}`,
    body: () => ({ workplace: fresh('завод') }),
    allow: ['admin'],
  },
  // Unlink then re-link the same pair, back to back, so the world is as before for later cases.
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/students/:id/parents/:parentId',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}/parents/${w.parentId}`,
    allow: ['admin'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/students/:id/parents',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}/parents`,
    body: (w) => ({ parentId: w.parentId, kinship: 'mother' }),
    allow: ['admin'],
  },
  // ---------------------------------------------------------------- staff
  { method: 'GET', route: '/api/schools/:schoolId/staff', url: (w) => `/api/schools/${w.schoolId}/staff`, allow: ALL_STAFF },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/staff/:id',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.teacher}`,
    allow: ALL_STAFF,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/staff',
    url: (w) => `/api/schools/${w.schoolId}/staff`,
    body: () => ({ surname: fresh('Кадрова'), name: 'Нина', position: 'учитель' }),
    allow: ['admin'],
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/staff/:id',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.teacher}`,
    body: () => ({ position: fresh('учитель математики') }),
    allow: ['admin'],
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/staff/:id/roles',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.otherTeacher}/roles`,
    body: () => ({ roles: ['teacher'] }),
    allow: ['operator', 'admin'],
  },
  // Resetting a password ends that account's sessions — every staff member of the matrix world is
  // signed in here — so only the gate is checked; roles are tested in staff.api.test.ts.
  {
    method: 'POST',
    route: '/api/schools/:schoolId/staff/:id/password-reset',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.otherTeacher}/password-reset`,
    allow: [],
    gateOnly: true,
  },
  // Disabling ends the account's sessions, as a reset does: only the gate is checked here; who may
  // is tested in staff-access.api.test.ts.
  {
    method: 'POST',
    route: '/api/schools/:schoolId/staff/:id/disable',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.otherTeacher}/disable`,
    allow: [],
    gateOnly: true,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/staff/:id/enable',
    url: (w) => `/api/schools/${w.schoolId}/staff/${w.staffIds.otherTeacher}/enable`,
    allow: ['admin'],
  },
  // ---------------------------------------------------------------- movement
  {
    method: 'GET',
    route: '/api/schools/:schoolId/students/:id/movements',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA}/movements`,
    allow: SEE_IN_A,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/movements',
    url: (w) => `/api/schools/${w.schoolId}/movements`,
    allow: STAFF_READERS,
  },
  // Out of the group and back in on the same day: one success each, and the group is as before.
  {
    method: 'POST',
    route: '/api/schools/:schoolId/students/:id/movements',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA2}/movements`,
    body: (w) => ({ kind: 'group_leave', onDate: TODAY, groupId: w.groupId, orderNumber: fresh('п'), orderDate: TODAY }),
    allow: ['admin'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/students/:id/movements',
    url: (w) => `/api/schools/${w.schoolId}/students/${w.studentIds.inA2}/movements`,
    body: (w) => ({ kind: 'group_join', onDate: TODAY, groupId: w.groupId, orderNumber: fresh('п'), orderDate: TODAY }),
    allow: ['admin'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/classes/:classId/students',
    url: (w) => `/api/schools/${w.schoolId}/classes/${w.classIds.a}/students`,
    allow: ALL_STAFF,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/groups/:groupId/students',
    url: (w) => `/api/schools/${w.schoolId}/groups/${w.groupId}/students`,
    allow: ALL_STAFF,
  },
];
