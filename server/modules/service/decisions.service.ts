import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { RefusalGround } from '../../../contract/schemas/service.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { type ApplicationDetail, detailOf } from './applications.service.js';
import { schoolToday } from './service.common.js';
import * as repo from './service.repository.js';

const APPLICATION_ENTITY = 'service_application';

export interface DecisionInput {
  decision: 'granted' | 'refused';
  ground?: RefusalGround;
  note?: string;
}

/**
 * The school's decision (seed 002 §3.2.3): granted when the application and a consent in the
 * established form are there; refused only on a ground of §2.8 that actually holds.
 */
export async function decideApplication(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: DecisionInput,
): Promise<ApplicationDetail> {
  requireSchoolPermission(actor, schoolId, Permission.applicationDecide);
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  if (row.status !== 'registered') throw conflict('error.service.alreadyDecided');
  const consents = (await repo.consentsOfApplication(deps.db, schoolId, id)).filter((c) => c.withdrawn_at === null);
  const personal = consents.find((c) => c.depersonalised_only === 0);
  if (input.decision === 'granted') {
    if (input.ground) throw invalid('error.service.groundOnGrant');
    if (consents.length === 0) throw invalid('error.service.grantNeedsConsent');
    if (!personal) throw invalid('error.service.grantDepersonalised');
  } else {
    if (!input.ground) throw invalid('error.service.groundRequired');
    if (input.ground === 'no_consent' && consents.length > 0) {
      throw invalid('error.service.groundDoesNotApply', { reason: reasonText(actor, 'error.service.groundReason.consentPresent') });
    }
    if (input.ground === 'consent_depersonalised') {
      if (consents.length === 0) {
        throw invalid('error.service.groundDoesNotApply', { reason: reasonText(actor, 'error.service.groundReason.noConsent') });
      }
      if (personal) {
        throw invalid('error.service.groundDoesNotApply', { reason: reasonText(actor, 'error.service.groundReason.consentPersonal') });
      }
    }
  }
  const today = await schoolToday(deps, schoolId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('service_applications')
      .set({
        status: input.decision,
        decision: input.decision,
        refusal_ground: input.decision === 'refused' ? (input.ground ?? null) : null,
        decision_note: input.note?.trim() ?? '',
        decided_on: today,
        decided_at: now.toISOString(),
        decided_by: actor.userId ?? 'system',
        updated_at: now.toISOString(),
      })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('status', '=', 'registered') // a concurrent second decision loses
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('error.service.alreadyDecided');
    await recordChange(trx, {
      kind: ChangeKind.application,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: APPLICATION_ENTITY,
      entityId: id,
      details: { decision: input.decision, ground: input.ground ?? null },
    });
  });
  const updated = await repo.findApplication(deps.db, schoolId, id);
  if (!updated) throw notFound();
  return detailOf(deps, schoolId, updated);
}

function reasonText(actor: Actor, key: MessageKey): string {
  return translate(actor.locale, key);
}

/** The director's order granting the service (seed 002 §3.2.5), only after a decision to grant. */
export async function signOrder(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { orderNumber: string; orderDate: string },
): Promise<ApplicationDetail> {
  requireSchoolPermission(actor, schoolId, Permission.orderSign);
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  if (row.status === 'registered') throw conflict('error.service.notDecided');
  if (row.status === 'refused') throw conflict('error.service.refusedNoOrder');
  if (row.status !== 'granted') throw conflict('error.service.alreadyOrdered');
  const today = await schoolToday(deps, schoolId);
  if (row.decided_on && input.orderDate < row.decided_on) throw invalid('error.service.orderBeforeDecision', { date: row.decided_on });
  if (input.orderDate > today) throw invalid('error.service.dateInFuture');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('service_applications')
      .set({
        status: 'ordered',
        order_number: input.orderNumber.trim(),
        order_date: input.orderDate,
        ordered_by: actor.userId ?? 'system',
        updated_at: now.toISOString(),
      })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('status', '=', 'granted')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('error.service.alreadyOrdered');
    await recordChange(trx, {
      kind: ChangeKind.application,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: APPLICATION_ENTITY,
      entityId: id,
      details: { order: true },
    });
  });
  const updated = await repo.findApplication(deps.db, schoolId, id);
  if (!updated) throw notFound();
  return detailOf(deps, schoolId, updated);
}
