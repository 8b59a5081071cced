import { EVERYONE_IN_SCHOOL, type MatrixCase } from '../../access/matrix/types.js';

const EVERY_SIGNED_IN = [...EVERYONE_IN_SCHOOL, 'otherSchoolAdmin', 'otherOperator'] as const;
const EVERYONE = ['anonymous', ...EVERY_SIGNED_IN] as const;

export const authMatrix: MatrixCase[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', allow: EVERYONE },
  { method: 'GET', route: '/api/health/live', url: () => '/api/health/live', allow: EVERYONE },
  { method: 'GET', route: '/api/health/ready', url: () => '/api/health/ready', allow: EVERYONE },
  { method: 'GET', route: '/api/openapi.json', url: () => '/api/openapi.json', allow: EVERYONE },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', allow: EVERY_SIGNED_IN },
  { method: 'PUT', route: '/api/auth/locale', url: () => '/api/auth/locale', body: () => ({ locale: 'ru' }), allow: EVERYONE },
  // Login, logout and password change are exercised in auth.api.test.ts: they change the session
  // the matrix itself signs in with, so here they are checked only for their gate.
  {
    method: 'POST',
    route: '/api/auth/login',
    url: () => '/api/auth/login',
    body: (_w, role) => ({ login: `no-such-${role}`, password: 'x' }),
    allow: [],
  },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', allow: [], gateOnly: true },
  // The second factor (issue 12 item 3): status and starting an enrolment are open to every
  // signed-in account; codes are tested in mfa.api.test.ts (a wrong code is a 400).
  { method: 'GET', route: '/api/auth/mfa', url: () => '/api/auth/mfa', allow: EVERY_SIGNED_IN },
  { method: 'POST', route: '/api/auth/mfa/enrol', url: () => '/api/auth/mfa/enrol', allow: EVERY_SIGNED_IN },
  {
    method: 'POST',
    route: '/api/auth/mfa/enrol/confirm',
    url: () => '/api/auth/mfa/enrol/confirm',
    body: () => ({ code: '000000' }),
    allow: [],
    gateOnly: true,
  },
  {
    method: 'POST',
    route: '/api/auth/mfa/verify',
    url: () => '/api/auth/mfa/verify',
    body: () => ({ code: '000000' }),
    allow: [],
    gateOnly: true,
  },
  {
    method: 'POST',
    route: '/api/auth/mfa/step-up',
    url: () => '/api/auth/mfa/step-up',
    body: () => ({ code: '000000' }),
    allow: [],
    gateOnly: true,
  },
  {
    method: 'POST',
    route: '/api/auth/password',
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: 'wrong-current', newPassword: 'whatever-long-1' }),
    allow: [],
    gateOnly: true,
  },
];
