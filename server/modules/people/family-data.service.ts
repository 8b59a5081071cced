import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { camelRow } from '../../lib/rows.js';
import { schoolToday } from '../school/school.service.js';
import { familyRows } from './family-data.repository.js';

/** Columns that are the system's own bookkeeping, not data about the person. */
const INTERNAL = ['search_text', 'school_id'];

/**
 * The people module's part of a family's export (issue 12.13, 152-FZ art. 14): the parent's own
 * records, the children's cards under a valid consent, kinship, classes, groups and movements.
 */
export async function familyPeopleData(deps: Deps, actor: Actor, schoolId: string) {
  const childIds = await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const rows = await familyRows(deps.db, schoolId, actor.userId as string, childIds);
  return {
    parentRecords: rows.parents.map((r) => camelRow(r, INTERNAL)),
    children: rows.children.map((r) => camelRow(r, INTERNAL)),
    kinship: rows.kinship.map((r) => camelRow(r, INTERNAL)),
    classes: rows.classes.map((r) => camelRow(r)),
    groups: rows.groups.map((r) => camelRow(r)),
    movements: rows.movements.map((r) => camelRow(r)),
  };
}
