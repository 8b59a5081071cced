import type { MatrixCase } from '../../access/matrix/types.js';
import { backupSettled } from './operations.service.js';

// Issue 16: backups are the installation's, so every account with an operator grant — of this
// school's operator or another's — reaches them, and no school role does.
export const operationsMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/operations/backups',
    url: () => '/api/operations/backups',
    allow: ['operator', 'otherOperator'],
  },
  {
    method: 'POST',
    route: '/api/operations/backups',
    url: async () => {
      // One backup at a time: let the previous caller's finish before the next asks.
      await backupSettled();
      return '/api/operations/backups';
    },
    allow: ['operator', 'otherOperator'],
  },
];
