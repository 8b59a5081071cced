import { Permission } from '../../../contract/permissions.js';
import {
  type ChildConsentField,
  type ConsentPurpose,
  IDENTIFYING_CHILD_FIELDS,
  IDENTIFYING_PARENT_FIELDS,
  type ParentConsentField,
} from '../../../contract/schemas/service.js';
import type { Actor } from '../../access/actor.js';
import { hasPermission, requireSchoolPermission, rolesInSchool, validConsents } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { requireFreshSecondFactor } from '../auth/mfa.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { eraseUnconsentedPersonalData } from '../people/parents.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { checkLinks } from './applications.service.js';
import { operatorCopyDueOn } from './deadlines.js';
import { referenceNotFound, schoolToday } from './service.common.js';
import { presentConsent } from './service.presenter.js';
import * as repo from './service.repository.js';

const CONSENT_ENTITY = 'service_consent';

export type Consent = ReturnType<typeof presentConsent>;

export interface ConsentInput {
  applicationId?: string | null;
  studentId?: string | null;
  parentId?: string | null;
  childFullName: string;
  parentFullName: string;
  childFields: ChildConsentField[];
  parentFields: ParentConsentField[];
  purposes: ConsentPurpose[];
  signedOn: string;
}

/**
 * A consent allows only depersonalised data when the child's or the parent's column has no field
 * that identifies the person (152-FZ art. 3 п. 9) — a ground for refusal (seed 002 §2.8).
 */
export function isDepersonalisedOnly(childFields: readonly string[], parentFields: readonly string[]): boolean {
  const childIdentified = IDENTIFYING_CHILD_FIELDS.some((f) => childFields.includes(f));
  const parentIdentified = IDENTIFYING_PARENT_FIELDS.some((f) => parentFields.includes(f));
  return !childIdentified || !parentIdentified;
}

async function isValid(deps: Deps, schoolId: string, row: repo.ConsentRow, today: string): Promise<boolean> {
  return (await validConsents(deps.db, schoolId, today).where('c.id', '=', row.id).executeTakeFirst()) !== undefined;
}

async function present(deps: Deps, schoolId: string, row: repo.ConsentRow, today: string): Promise<Consent> {
  return presentConsent(row, operatorCopyDueOn(row.received_on), await isValid(deps, schoolId, row, today));
}

/** Records a signed consent (Приложение 2) received by the school today. */
export async function recordConsent(deps: Deps, actor: Actor, schoolId: string, input: ConsentInput): Promise<Consent> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRegister);
  let studentId = input.studentId ?? null;
  let parentId = input.parentId ?? null;
  if (input.applicationId) {
    const application = await repo.findApplication(deps.db, schoolId, input.applicationId);
    if (!application) throw referenceNotFound(actor, 'service.ref.application', 'applicationId');
    if (
      (studentId && application.student_id && studentId !== application.student_id) ||
      (parentId && application.parent_id && parentId !== application.parent_id)
    ) {
      throw invalid('error.service.applicationMismatch');
    }
    studentId ??= application.student_id;
    parentId ??= application.parent_id;
  }
  await checkLinks(deps.db, actor, schoolId, { studentId, parentId });
  const today = await schoolToday(deps, schoolId);
  if (input.signedOn > today) throw invalid('error.service.dateInFuture');
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_consents')
      .values({
        id,
        school_id: schoolId,
        application_id: input.applicationId ?? null,
        student_id: studentId,
        parent_id: parentId,
        child_full_name: input.childFullName.trim(),
        parent_full_name: input.parentFullName.trim(),
        child_fields: JSON.stringify(input.childFields),
        parent_fields: JSON.stringify(input.parentFields),
        purposes: JSON.stringify(input.purposes),
        depersonalised_only: isDepersonalisedOnly(input.childFields, input.parentFields) ? 1 : 0,
        signed_on: input.signedOn,
        received_on: today,
        withdrawn_on: null,
        withdrawn_at: null,
        withdrawn_by: null,
        operator_copy_sent_on: null,
        operator_copy_method: null,
        created_by: actor.userId ?? 'system',
        created_at: now.toISOString(),
      })
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.consent,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      students: [studentId],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: CONSENT_ENTITY,
      entityId: id,
      details: { childFields: input.childFields.length, parentFields: input.parentFields.length },
    });
  });
  const row = await repo.findConsent(deps.db, schoolId, id);
  if (!row) throw notFound();
  return present(deps, schoolId, row, today);
}

/** Staff (and the operator, seed 002 §3.2.4) see every consent of the school; a parent their own. */
function canReadAll(actor: Actor, schoolId: string): boolean {
  return hasPermission(actor, schoolId, Permission.applicationRead) || hasPermission(actor, schoolId, Permission.consentRead);
}

async function ownParentIds(db: Db, actor: Actor, schoolId: string): Promise<string[]> {
  if (!actor.userId) return [];
  // Read-only look-up of the people module's table: which parent records are this account.
  const rows = await db.selectFrom('parents').select('id').where('school_id', '=', schoolId).where('user_id', '=', actor.userId).execute();
  return rows.map((r) => r.id);
}

/** Consents of a school: all for staff and the operator, one's own for a parent. */
export async function listConsents(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: { studentId?: string; applicationId?: string },
): Promise<Consent[]> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  // The school's consent list (every family's): a fresh second factor for staff (issue 12.3, decision 013).
  if (canReadAll(actor, schoolId)) await requireFreshSecondFactor(deps, actor);
  let query = deps.db.selectFrom('service_consents').selectAll().where('school_id', '=', schoolId);
  if (!canReadAll(actor, schoolId)) {
    const own = await ownParentIds(deps.db, actor, schoolId);
    if (own.length === 0) throw forbidden();
    query = query.where('parent_id', 'in', own);
  }
  if (q.studentId) query = query.where('student_id', '=', q.studentId);
  if (q.applicationId) query = query.where('application_id', '=', q.applicationId);
  const rows = await query.orderBy('received_on').orderBy('id').limit(5000).execute();
  const today = await schoolToday(deps, schoolId);
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: CONSENT_ENTITY,
    details: { count: rows.length },
  });
  return Promise.all(rows.map((r) => present(deps, schoolId, r, today)));
}

async function visibleConsent(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<repo.ConsentRow> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  const row = await repo.findConsent(deps.db, schoolId, id);
  if (!row) throw notFound();
  if (canReadAll(actor, schoolId)) return row;
  const own = await ownParentIds(deps.db, actor, schoolId);
  if (!row.parent_id || !own.includes(row.parent_id)) throw notFound();
  return row;
}

/** One consent (a read of personal data: audited). */
export async function getConsent(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Consent> {
  const row = await visibleConsent(deps, actor, schoolId, id);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: CONSENT_ENTITY, entityId: id });
  return present(deps, schoolId, row, await schoolToday(deps, schoolId));
}

/** The raw consent row for printing, after the same access check as getConsent. */
export async function consentForPrint(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<repo.ConsentRow> {
  const row = await visibleConsent(deps, actor, schoolId, id);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.export, entity: CONSENT_ENTITY, entityId: id });
  return row;
}

/**
 * Withdraws a consent (152-FZ art. 9 п. 2), by the school on a written withdrawal or by the parent
 * themself. From now on the policy hides the child from this family, unused codes are revoked, and
 * personal data beyond the school's own obligations is erased (docs/decisions/consent-withdrawal.md).
 */
export async function withdrawConsent(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { withdrawnOn?: string },
): Promise<Consent> {
  const row = await visibleConsent(deps, actor, schoolId, id);
  if (!hasPermission(actor, schoolId, Permission.applicationRegister)) {
    const own = await ownParentIds(deps.db, actor, schoolId);
    if (!row.parent_id || !own.includes(row.parent_id)) throw forbidden();
  }
  if (row.withdrawn_at !== null) throw conflict('error.service.consentWithdrawn');
  const today = await schoolToday(deps, schoolId);
  const withdrawnOn = input.withdrawnOn ?? today;
  if (withdrawnOn > today) throw invalid('error.service.dateInFuture');
  if (withdrawnOn < row.signed_on) throw invalid('error.service.withdrawBeforeSigned');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('service_consents')
      .set({ withdrawn_on: withdrawnOn, withdrawn_at: now.toISOString(), withdrawn_by: actor.userId ?? 'system' })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('error.service.consentWithdrawn');
    // The passport served only the identity check at submission (seed 002 §3.2.1), the address and
    // phone only reaching the applicant about this service: erased with the consent that ends it.
    if (row.application_id) {
      await trx
        .updateTable('service_applications')
        .set({
          passport_series: '',
          passport_number: '',
          passport_issued_by: '',
          address_city: '',
          address_street: '',
          address_house: '',
          address_building: '',
          address_flat: '',
          phone: '',
          personal_data_erased_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .where('school_id', '=', schoolId)
        .where('id', '=', row.application_id)
        .execute();
    }
    if (row.student_id) {
      await trx
        .updateTable('access_codes')
        .set({ revoked_at: now.toISOString() })
        .where('school_id', '=', schoolId)
        .where('student_id', '=', row.student_id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
    }
    // The optional fields were placed only by consent (decision 013): what no remaining valid
    // consent allows is erased, the child's and the signing parent's.
    const erased = await eraseUnconsentedPersonalData(trx, now, schoolId, { studentId: row.student_id, parentId: row.parent_id }, today);
    await recordChange(trx, {
      kind: ChangeKind.consent,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      students: [row.student_id],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: CONSENT_ENTITY,
      entityId: id,
      details: { withdrawn: true, erased: [...erased.student.map((f) => `student.${f}`), ...erased.parent.map((f) => `parent.${f}`)] },
    });
  });
  await deps.dialect.flushErased(deps.db);
  const updated = await repo.findConsent(deps.db, schoolId, id);
  if (!updated) throw notFound();
  return present(deps, schoolId, updated, today);
}

/** Records that the copy of the consent went to the operator (seed 002 §3.2.4: within 10 days). */
export async function recordOperatorCopy(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { sentOn: string; method: string },
): Promise<Consent> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRegister);
  const row = await repo.findConsent(deps.db, schoolId, id);
  if (!row) throw notFound();
  const today = await schoolToday(deps, schoolId);
  if (input.sentOn > today) throw invalid('error.service.dateInFuture');
  if (input.sentOn < row.received_on) throw invalid('error.service.copyBeforeReceipt', { date: row.received_on });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service_consents')
      .set({ operator_copy_sent_on: input.sentOn, operator_copy_method: input.method.trim() })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.consent,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: CONSENT_ENTITY,
      entityId: id,
      details: { operatorCopy: true },
    });
  });
  const updated = await repo.findConsent(deps.db, schoolId, id);
  if (!updated) throw notFound();
  return present(deps, schoolId, updated, today);
}
