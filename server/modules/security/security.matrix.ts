import type { MatrixCase } from '../../access/matrix/types.js';

// Issue 12 items 3 and 12 (decision 013). The staff second-factor rule is set by the school's admin
// or director; the matrix's accounts have no second factor, so no step-up is asked of them here
// (read-budget.api.test.ts and mfa-policy.api.test.ts test the step-up and the budgets).
export const securityMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/schools/:schoolId/security/read-alerts',
    url: (w) => `/api/schools/${w.schoolId}/security/read-alerts`,
    allow: ['operator', 'admin', 'director', 'deputy'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/security/mfa',
    url: (w) => `/api/schools/${w.schoolId}/security/mfa`,
    allow: ['operator', 'admin', 'director', 'deputy', 'secretary', 'teacher', 'classTeacher', 'otherTeacher'],
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/security/mfa',
    url: (w) => `/api/schools/${w.schoolId}/security/mfa`,
    // Off: turning it on would end the matrix's own staff sessions, which have no second factor.
    body: () => ({ staffMfaRequired: false }),
    allow: ['admin', 'director'],
  },
];
