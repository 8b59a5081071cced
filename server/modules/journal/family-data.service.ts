import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { camelRow } from '../../lib/rows.js';
import { schoolToday } from '../school/school.service.js';
import { journalRowsOf } from './family-data.repository.js';

/** The journal's part of a family's export (issue 12.13): every grade, attendance mark and period grade of the children. */
export async function familyJournalData(deps: Deps, actor: Actor, schoolId: string) {
  const childIds = await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const rows = await journalRowsOf(deps.db, schoolId, childIds);
  return {
    grades: rows.grades.map((r) => camelRow(r)),
    attendance: rows.attendance.map((r) => camelRow(r)),
    periodGrades: rows.periodGrades.map((r) => camelRow(r)),
  };
}
