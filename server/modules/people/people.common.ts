import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import type { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { hasPermission, requireStudentsVisible, rolesInSchool } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { schoolToday } from '../school/school.service.js';

/** «Today» for a school is its own calendar day: the school module's one answer. */
export { schoolToday };

/** 422 for an id in a body that is not of this school (or does not exist), naming what in the caller's language. */
export function referenceNotFound(actor: Actor, what: MessageKey): AppError {
  return new AppError(422, 'reference_not_found', 'error.referenceNotFound', { what: translate(actor.locale, what) });
}

/**
 * The columns of a row patch whose value really changes, so the update writes only those and the
 * audit names them (API field names; never the values).
 */
export function changedColumns<R extends object>(current: R, patch: Partial<R>): { patch: Partial<R>; fields: string[] } {
  const out: Record<string, unknown> = {};
  const fields: string[] = [];
  const now = current as Record<string, unknown>;
  for (const [column, value] of Object.entries(patch)) {
    if (value === undefined || now[column] === value) continue;
    out[column] = value;
    fields.push(column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
  }
  return { patch: out as Partial<R>, fields };
}

/**
 * A write permission over one student. Someone without it who may not even see the student gets
 * 404, not 403, so the answer does not reveal that the student exists.
 */
export async function requirePermissionOverStudent(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  permission: Permission,
): Promise<void> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  if (hasPermission(actor, schoolId, permission)) return;
  await requireStudentsVisible(deps.db, actor, schoolId, [studentId], await schoolToday(deps, schoolId));
  throw forbidden();
}
