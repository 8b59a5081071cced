import type { SchoolMfaPolicy } from '../../../contract/schemas/security.js';
import type { Actor } from '../../access/actor.js';
import { requireSecuritySettingsChange, requireSecuritySettingsRead } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as repo from './mfa.repository.js';
import { requireFreshSecondFactor } from './mfa.service.js';

// Issue 12 item 3 (decision 013): a school may ask a second factor of every staff role, not only
// of its admin and director (always asked, decision 010). Its admin or director sets the rule.

/** The school's second-factor rule (staff and the operator read it). */
export async function getSchoolMfaPolicy(deps: Deps, actor: Actor, schoolId: string): Promise<SchoolMfaPolicy> {
  requireSecuritySettingsRead(actor, schoolId);
  const row = await repo.findSchoolMfaSetting(deps.db, schoolId);
  return { staffMfaRequired: row?.staff_mfa_required === 1, updatedAt: row?.updated_at ?? null };
}

/**
 * Sets the rule (a fresh second factor first: it weakens or strengthens every staff account). When it
 * is turned on, the sessions of the school's staff without a second factor end in the same
 * transaction, so nobody keeps working past the rule on an old session.
 */
export async function setSchoolMfaPolicy(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  input: { staffMfaRequired: boolean },
): Promise<SchoolMfaPolicy> {
  requireSecuritySettingsChange(actor, schoolId);
  await requireFreshSecondFactor(deps, actor);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveSchoolMfaSetting(trx, schoolId, input.staffMfaRequired, actor.userId, now.toISOString());
    const sessionsEnded = input.staffMfaRequired ? await repo.endStaffSessionsWithoutSecondFactor(trx, schoolId, actor.userId) : 0;
    await recordChange(trx, {
      kind: ChangeKind.account,
      action: 'update',
      schoolId,
      entityId: schoolId,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'mfa_policy',
      entityId: schoolId,
      details: { staffMfaRequired: input.staffMfaRequired, sessionsEnded },
    });
  });
  return getSchoolMfaPolicy(deps, actor, schoolId);
}
