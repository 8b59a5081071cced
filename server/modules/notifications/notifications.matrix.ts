import { MATRIX_ROLES, type MatrixCase, type MatrixRole, type MatrixWorld } from '../../access/matrix/types.js';
import { makePendingEmail, makeSettings, makeVerifiedContact, userOfParent } from './notifications.fixtures.js';

const school = (w: MatrixWorld) => `/api/schools/${w.schoolId}/notifications`;
const FAMILY: readonly MatrixRole[] = ['parent', 'student', 'otherParent'];
const ADMIN: readonly MatrixRole[] = ['admin'];
const EVERYONE: readonly MatrixRole[] = MATRIX_ROLES;
const choice = { email: true, sms: false, inapp: true, night: false };

/** The account acting as a family role, for cases that prepare its rows. */
async function userOf(w: MatrixWorld, role: MatrixRole): Promise<string | null> {
  if (role === 'parent') return w.users.parent.id;
  if (role === 'student') return w.users.student.id;
  if (role === 'otherParent') return userOfParent(w.db, w.otherParentId);
  return null;
}

export const notificationsMatrix: MatrixCase[] = [
  { method: 'GET', route: '/api/schools/:schoolId/notifications/settings', url: (w) => `${school(w)}/settings`, allow: FAMILY },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/notifications/settings/:studentId',
    url: (w) => `${school(w)}/settings/${w.studentIds.inA}`,
    body: () => ({
      events: { grade: choice, attendance: choice, homework: choice, periodGrade: choice },
      quietFrom: '21:00',
      quietTo: '08:00',
      language: 'ru',
    }),
    allow: ['parent', 'student'],
  },
  { method: 'GET', route: '/api/notifications/contacts', url: () => '/api/notifications/contacts', allow: FAMILY },
  {
    method: 'PUT',
    route: '/api/notifications/contacts/:channel',
    url: () => '/api/notifications/contacts/email',
    body: (_w, role) => ({ address: `${role}@example.ru` }),
    allow: FAMILY,
  },
  { method: 'DELETE', route: '/api/notifications/contacts/:channel', url: () => '/api/notifications/contacts/sms', allow: FAMILY },
  {
    method: 'POST',
    route: '/api/notifications/contacts/sms/confirm',
    url: async (w, role) => {
      const userId = await userOf(w, role);
      if (userId) await makeVerifiedContact(w.db, userId, 'sms', '+79001234567');
      return '/api/notifications/contacts/sms/confirm';
    },
    body: () => ({ code: '123456' }),
    allow: FAMILY,
  },
  {
    method: 'POST',
    route: '/api/notifications/contacts/email/confirm',
    url: () => '/api/notifications/contacts/email/confirm',
    body: async (w) => ({ token: await makePendingEmail(w.db, w.users.parent.id) }),
    allow: EVERYONE,
  },
  {
    method: 'POST',
    route: '/api/notifications/unsubscribe/:token',
    url: async (w) =>
      `/api/notifications/unsubscribe/${await makeSettings(w.db, { userId: w.users.parent.id, studentId: w.studentIds.inA, schoolId: w.schoolId })}`,
    allow: EVERYONE,
  },
  { method: 'GET', route: '/api/notifications/feed', url: () => '/api/notifications/feed', allow: FAMILY },
  { method: 'POST', route: '/api/notifications/feed/read', url: () => '/api/notifications/feed/read', allow: FAMILY },
  { method: 'GET', route: '/api/notifications/history', url: () => '/api/notifications/history', allow: FAMILY },
  { method: 'GET', route: '/api/schools/:schoolId/notifications/log', url: (w) => `${school(w)}/log?status=failed`, allow: ADMIN },
  { method: 'GET', route: '/api/schools/:schoolId/notifications/sms-usage', url: (w) => `${school(w)}/sms-usage`, allow: ADMIN },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/notifications/sms-budget',
    url: (w) => `${school(w)}/sms-budget`,
    body: () => ({ budget: 1000 }),
    allow: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/notifications/test',
    url: (w) => `${school(w)}/test`,
    body: () => ({ channel: 'email', address: 'check@example.ru' }),
    allow: ADMIN,
  },
];
