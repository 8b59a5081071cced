import type { MatrixCase } from '../../access/matrix/types.js';

export const auditMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/schools/:schoolId/audit',
    url: (w) => `/api/schools/${w.schoolId}/audit`,
    allow: ['operator', 'admin', 'director', 'deputy'],
  },
];
