import type { MatrixCase, MatrixRole } from '../../access/matrix/types.js';

// Issue 14 (decision 015): statistics and the indicators are for those who answer for the school.
const READERS: readonly MatrixRole[] = ['operator', 'admin', 'director', 'deputy'];
const base = (schoolId: string) => `/api/schools/${schoolId}/reports`;

export const reportsMatrix: MatrixCase[] = [
  { method: 'GET', route: '/api/schools/:schoolId/reports/indicators', url: (w) => `${base(w.schoolId)}/indicators`, allow: READERS },
  { method: 'GET', route: '/api/schools/:schoolId/reports/monitoring', url: (w) => `${base(w.schoolId)}/monitoring`, allow: READERS },
  { method: 'GET', route: '/api/schools/:schoolId/reports/performance', url: (w) => `${base(w.schoolId)}/performance`, allow: READERS },
  { method: 'GET', route: '/api/schools/:schoolId/reports/attendance', url: (w) => `${base(w.schoolId)}/attendance`, allow: READERS },
  { method: 'GET', route: '/api/schools/:schoolId/reports/movement', url: (w) => `${base(w.schoolId)}/movement`, allow: READERS },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/reports/indicators/export',
    url: (w) => `${base(w.schoolId)}/indicators/export?format=csv`,
    allow: READERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/reports/monitoring/export',
    url: (w) => `${base(w.schoolId)}/monitoring/export?format=xlsx`,
    allow: READERS,
  },
];
