import { translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { ReadAlert } from '../../../contract/schemas/security.js';
import type { Actor } from '../../access/actor.js';
import { isStaffIn, requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as repo from './security.repository.js';

// Copying protection (issue 12.12, R7.2 «защита данных от несанкционированного доступа и
// копирования»; decision 013). Every read of personal data — a list, a card, an export — is
// charged to the reader as the number of records it serves (a card 1, a list or an export its
// rows, an empty answer 1). Past READ_BUDGET_PER_HOUR or READ_BUDGET_PER_DAY the read is refused
// with 429 before a byte is sent, and a staff account's first refusal in a window alerts the
// school's director. The counters are shared by every app node through the database.

const WINDOWS = [
  { kind: 'hour', ms: 3_600_000 },
  { kind: 'day', ms: 86_400_000 },
] as const;
type WindowKind = (typeof WINDOWS)[number]['kind'];

function budgetOf(deps: Deps, kind: WindowKind): number {
  return kind === 'hour' ? deps.config.readBudget.perHour : deps.config.readBudget.perDay;
}

/** «12 мин» / «3 ч 5 мин» in the reader's language. */
function waitText(actor: Actor, seconds: number): string {
  const total = Math.max(1, Math.ceil(seconds / 60));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return translate(actor.locale, 'error.readBudget.wait.minutes', { minutes });
  if (minutes === 0) return translate(actor.locale, 'error.readBudget.wait.wholeHours', { hours });
  return translate(actor.locale, 'error.readBudget.wait.hours', { hours, minutes });
}

export class ReadBudgetExceeded extends AppError {
  constructor(actor: Actor, kind: WindowKind, reads: number, budget: number, retryAfterSeconds: number) {
    super(
      429,
      'read_budget_exceeded',
      'error.readBudget.exceeded',
      {
        window: translate(actor.locale, kind === 'hour' ? 'error.readBudget.window.hour' : 'error.readBudget.window.day'),
        reads,
        budget,
        wait: waitText(actor, retryAfterSeconds),
      },
      { retryAfterSeconds },
    );
  }
}

/**
 * Charges `records` personal-data records to the reader and throws 429 read_budget_exceeded when a
 * window's budget is spent. Call it after the query and before the answer (and before the read's
 * audit entry: a refused read shows nothing). The system actor and anonymous callers are not counted.
 */
export async function chargeReads(deps: Deps, actor: Actor, schoolId: string | null, records: number): Promise<void> {
  if (actor.kind === 'system' || !actor.userId) return;
  const userId = actor.userId;
  const now = deps.clock.now();
  const n = Math.max(1, records);
  let over: { kind: WindowKind; reads: number; budget: number; windowStart: string; retryAfter: number } | null = null;
  for (const w of WINDOWS) {
    const budget = budgetOf(deps, w.kind);
    if (budget === 0) continue;
    const startMs = Math.floor(now.getTime() / w.ms) * w.ms;
    const windowStart = new Date(startMs).toISOString();
    const reads = await repo.addReads(deps.db, userId, w.kind, windowStart, n);
    // A reader's first read of a day clears their counters of earlier days (they mean nothing now).
    if (w.kind === 'day' && reads === n) await repo.pruneCounters(deps.db, userId, windowStart);
    if (reads > budget) {
      // A refused try counts in the window that refused it and no further: the hour's refusals must
      // not eat the day's budget of the reads that the hour lets through (two nodes at once).
      over = { kind: w.kind, reads, budget, windowStart, retryAfter: Math.ceil((startMs + w.ms - now.getTime()) / 1000) };
      break;
    }
  }
  if (!over) return;
  if (schoolId && isStaffIn(actor, schoolId)) await raiseAlert(deps, actor, schoolId, userId, over, now);
  throw new ReadBudgetExceeded(actor, over.kind, over.reads, over.budget, over.retryAfter);
}

async function raiseAlert(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  userId: string,
  over: { kind: WindowKind; reads: number; budget: number; windowStart: string },
  now: Date,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const id = newId();
    const recorded = await repo.insertAlert(trx, {
      id,
      school_id: schoolId,
      user_id: userId,
      window_kind: over.kind,
      window_start: over.windowStart,
      reads: over.reads,
      budget: over.budget,
      created_at: now.toISOString(),
    });
    if (!recorded) return;
    await recordChange(trx, {
      kind: ChangeKind.account,
      action: 'create',
      schoolId,
      entityId: userId,
      actorId: userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'read_budget_alert',
      entityId: id,
      details: { window: over.kind, reads: over.reads, budget: over.budget },
    });
  });
}

/** The school's over-budget alerts, newest first: for the director, the deputy, the admin and the operator (audit.read). */
export async function listReadAlerts(
  deps: Deps,
  actor: Actor,
  schoolId: string,
): Promise<{ items: ReadAlert[]; budget: { perHour: number; perDay: number } }> {
  requireSchoolPermission(actor, schoolId, Permission.auditRead);
  const rows = await repo.listAlerts(deps.db, schoolId, 200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.display_name ?? r.login ?? r.user_id,
      window: r.window_kind as WindowKind,
      windowStart: r.window_start,
      reads: r.reads,
      budget: r.budget,
      createdAt: r.created_at,
    })),
    budget: deps.config.readBudget,
  };
}
