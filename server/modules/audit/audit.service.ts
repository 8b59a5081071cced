import { Permission } from '../../../contract/permissions.js';
import type { AuditRecord } from '../../../contract/schemas/audit.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { type ChainReport, sealUnchained, verifyChains } from '../../db/hash-chain.js';
import type { Deps } from '../../lib/deps.js';
import { newId } from '../../lib/ids.js';
import { appendAuditRows, readAuditCommitterOf } from './read-commit.js';

export const AuditAction = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  read: 'read',
  list: 'list',
  export: 'export',
  login: 'login',
  loginFailed: 'login_failed',
  logout: 'logout',
  passwordChange: 'password_change',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEntry {
  schoolId: string | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  /** Never personal data: changed field names, counts, reasons. */
  details?: Record<string, unknown>;
}

/** The row of one entry (the chain's link fields are added when it is appended). */
function rowOf(actor: Actor, at: Date, entry: AuditEntry) {
  return {
    id: newId(),
    school_id: entry.schoolId,
    actor_user_id: actor.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: actor.ip,
    at: at.toISOString(),
  };
}

/**
 * Appends audit records to their schools' hash chains (decision 012). Inside a write's
 * transaction the rows ride in it, so both land or neither. Given the database itself (a read,
 * a sign-in), the rows go through the group commit (read-commit.ts) and this resolves only once
 * they are durable: a read is never answered before its audit row is stored.
 */
export async function recordAudits(db: Db, actor: Actor, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  const rows = entries.map((e) => rowOf(actor, at, e));
  if (db.isTransaction) await appendAuditRows(db, rows);
  else await readAuditCommitterOf(db).commit(rows);
}

/** Appends one audit record (see recordAudits); call inside the write's transaction so both land or neither. */
export async function recordAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await recordAudits(db, actor, at, [entry]);
}

/** Waits until every audit row handed to the group commit is stored (server shutdown). */
export async function auditIdle(db: Db): Promise<void> {
  await readAuditCommitterOf(db).idle();
}

/** Every chain of the audit log checked link by link (`otmetka audit verify`). */
export async function verifyAuditChains(db: Db): Promise<ChainReport[]> {
  return verifyChains(db, 'audit_log');
}

/** Links audit rows written in bulk without a link (the demo generator). */
export async function sealAuditRows(db: Db): Promise<number> {
  return sealUnchained(db, 'audit_log', (trx, id, link) => trx.updateTable('audit_log').set(link).where('id', '=', id).execute());
}

export interface AuditQuery {
  actorUserId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  before?: string;
  /** Only what the school's operators did (issue 12 item 1: the director sees support's actions). */
  byOperator?: boolean;
}

/** One row of the log as the API shows it (contract/schemas/audit.ts, shared with the web). */
export type { AuditRecord };

/** The audit log of one school, newest first, for the director and admins. */
export async function listAudit(deps: Deps, actor: Actor, schoolId: string, q: AuditQuery): Promise<AuditRecord[]> {
  requireSchoolPermission(actor, schoolId, Permission.auditRead);
  let query = deps.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.entity', 'a.entity_id', 'a.actor_user_id', 'a.ip', 'a.details', 'u.display_name'])
    .where('a.school_id', '=', schoolId);
  if (q.actorUserId) query = query.where('a.actor_user_id', '=', q.actorUserId);
  if (q.entity) query = query.where('a.entity', '=', q.entity);
  if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
  if (q.action) query = query.where('a.action', '=', q.action);
  if (q.from) query = query.where('a.at', '>=', q.from);
  if (q.to) query = query.where('a.at', '<', q.to);
  if (q.before) query = query.where('a.id', '<', q.before);
  if (q.byOperator) {
    // Read-only look at the auth module's grants and the school's operator: who is support here.
    query = query.where('a.actor_user_id', 'in', (eb) =>
      eb
        .selectFrom('role_assignments as ra')
        .innerJoin('schools as s', 's.operator_id', 'ra.operator_id')
        .select('ra.user_id')
        .where('ra.role', '=', 'operator')
        .where('s.id', '=', schoolId),
    );
  }
  const rows = await query.orderBy('a.id', 'desc').limit(q.limit).execute();
  // Reading the log is itself logged (issue 12.9): who looked at whose traces, with the filter used.
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'audit_log',
    details: {
      rows: rows.length,
      ...Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'limit' && v !== undefined)),
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    actorUserId: r.actor_user_id,
    actorName: r.display_name,
    ip: r.ip,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
