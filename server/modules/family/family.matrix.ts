import type { MatrixCase } from '../../access/matrix/types.js';

/** The family's own pages (issue 12.13): a parent of the school; each parent sees their own family. */
export const familyMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/schools/:schoolId/family/access-log',
    url: (w) => `/api/schools/${w.schoolId}/family/access-log`,
    allow: ['parent', 'otherParent'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/family/export',
    url: (w) => `/api/schools/${w.schoolId}/family/export`,
    body: () => ({ format: 'json' }),
    allow: ['parent', 'otherParent'],
  },
];
