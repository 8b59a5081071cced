import { auditMatrix } from '../../modules/audit/audit.matrix.js';
import { authMatrix } from '../../modules/auth/auth.matrix.js';
import { diaryMatrix } from '../../modules/diary/diary.matrix.js';
import { familyMatrix } from '../../modules/family/family.matrix.js';
import { journalMatrix } from '../../modules/journal/journal.matrix.js';
import { notificationsMatrix } from '../../modules/notifications/notifications.matrix.js';
import { operationsMatrix } from '../../modules/operations/operations.matrix.js';
import { oversightMatrix } from '../../modules/oversight/oversight.matrix.js';
import { peopleMatrix } from '../../modules/people/people.matrix.js';
import { reportsMatrix } from '../../modules/reports/reports.matrix.js';
import { schoolMatrix } from '../../modules/school/school.matrix.js';
import { securityMatrix } from '../../modules/security/security.matrix.js';
import { serviceMatrix } from '../../modules/service/service.matrix.js';
import { timetableMatrix } from '../../modules/timetable/timetable.matrix.js';
import type { MatrixCase } from './types.js';

/** Every route's allow-list. A route registered without an entry here fails the matrix test. */
export const MATRIX_CASES: readonly MatrixCase[] = [
  ...authMatrix,
  ...auditMatrix,
  ...peopleMatrix,
  ...schoolMatrix,
  ...timetableMatrix,
  ...journalMatrix,
  ...diaryMatrix,
  ...serviceMatrix,
  ...oversightMatrix,
  ...securityMatrix,
  ...familyMatrix,
  ...notificationsMatrix,
  ...operationsMatrix,
  ...reportsMatrix,
];
