import { Permission } from '../../../contract/permissions.js';
import type { DeadlineStage } from '../../../contract/schemas/service.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { workingCalendarFor } from './calendar.service.js';
import { nextDeadline, operatorCopyDueOn, yearsFor } from './deadlines.js';
import { schoolToday } from './service.common.js';

export interface DeadlineItem {
  stage: DeadlineStage;
  dueOn: string;
  overdue: boolean;
  applicationId: string | null;
  consentId: string | null;
  number: string | null;
  childFullName: string;
}

/**
 * What is due and what is overdue (R6.3): the next stage of every open application and every
 * consent copy not yet passed to the operator, earliest first — the director's control (seed 002 §4.1).
 */
export async function listDeadlines(deps: Deps, actor: Actor, schoolId: string, q: { overdueOnly?: boolean }): Promise<DeadlineItem[]> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  const today = await schoolToday(deps, schoolId);
  const open = await deps.db
    .selectFrom('service_applications')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('status', 'in', ['registered', 'granted', 'ordered'])
    .execute();
  const calendar = await workingCalendarFor(deps.db, schoolId, yearsFor(open.map((r) => r.registered_on)));
  const items: DeadlineItem[] = [];
  for (const row of open) {
    const d = nextDeadline(row, calendar, today);
    if (d) items.push({ ...d, applicationId: row.id, consentId: null, number: row.number, childFullName: row.child_full_name });
  }
  const copies = await deps.db
    .selectFrom('service_consents as c')
    .leftJoin('service_applications as a', 'a.id', 'c.application_id')
    .select(['c.id', 'c.received_on', 'c.child_full_name', 'c.application_id', 'a.number'])
    .where('c.school_id', '=', schoolId)
    .where('c.operator_copy_sent_on', 'is', null)
    .where('c.withdrawn_at', 'is', null)
    .execute();
  for (const c of copies) {
    const dueOn = operatorCopyDueOn(c.received_on);
    items.push({
      stage: 'operatorCopy',
      dueOn,
      overdue: today > dueOn,
      applicationId: c.application_id,
      consentId: c.id,
      number: c.number ?? null,
      childFullName: c.child_full_name,
    });
  }
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'service_deadline',
    details: { count: items.length },
  });
  return items.filter((i) => !q.overdueOnly || i.overdue).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
