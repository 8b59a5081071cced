import { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { requireFreshSecondFactor } from '../auth/mfa.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { consentForPrint } from './consents.service.js';
import { schoolInfo, schoolToday } from './service.common.js';
import { applicationPdf, consentPdf, registerPdf } from './service.pdf.js';
import * as repo from './service.repository.js';

/** The application form (Приложение 1) as PDF; printing personal data is audited as an export. */
export async function printApplication(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Buffer> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'service_application',
    entityId: id,
  });
  return applicationPdf(actor.locale, await schoolInfo(deps.db, schoolId), row);
}

/** The consent form (Приложение 2) as PDF: for staff, the operator (seed 002 §3.2.4) and the parent who signed it. */
export async function printConsent(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Buffer> {
  const row = await consentForPrint(deps, actor, schoolId, id);
  const application = row.application_id ? await repo.findApplication(deps.db, schoolId, row.application_id) : undefined;
  return consentPdf(actor.locale, await schoolInfo(deps.db, schoolId), row, application);
}

/** The register of applications for a period (default: the current calendar year). */
export async function printRegister(deps: Deps, actor: Actor, schoolId: string, q: { from?: string; to?: string }): Promise<Buffer> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  // A bulk export of personal data: a fresh second factor (issue 12.3, decision 013).
  await requireFreshSecondFactor(deps, actor);
  const today = await schoolToday(deps, schoolId);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const rows = await repo.listApplications(deps.db, deps.dialect, schoolId, { from, to });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'service_application',
    details: { count: rows.length },
  });
  return registerPdf(actor.locale, await schoolInfo(deps.db, schoolId), rows, { from, to }, today);
}
