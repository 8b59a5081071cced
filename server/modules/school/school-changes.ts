import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { type ChangeAction, type ChangeKind, recordChange } from '../changes/changes.service.js';

/**
 * School structure and reference data (names, bells, holidays, periods, subjects, curriculum) show
 * in every diary and journal of the school, so their changes touch the whole school.
 */
export async function recordSchoolChange(
  deps: Deps,
  trx: Db,
  actor: Actor,
  schoolId: string,
  kind: ChangeKind,
  action: ChangeAction,
  entityId: string | null,
): Promise<void> {
  await recordChange(trx, {
    kind,
    action,
    schoolId,
    entityId,
    actorId: actor.userId,
    at: deps.clock.now().toISOString(),
    wholeSchool: true,
  });
}
