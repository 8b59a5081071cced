import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { type AuditEntry, recordAudits } from '../audit/audit.service.js';

/**
 * Sign-in events (a sign-in, a wrong password or code, the second factor's set-up and use) go into
 * the audit log of every school where the account holds a role (issue 12.9), so that the school's
 * admin and director see them on the audit page; an account with no school role (an operator)
 * keeps them in the log outside any school. Given the database itself, the call returns once the
 * rows are stored (the audit's group commit); given a transaction, they ride in it.
 */
export async function recordSignInEvent(
  db: Db,
  actor: Actor,
  at: Date,
  userId: string,
  entry: Omit<AuditEntry, 'schoolId'>,
): Promise<void> {
  const schools = await db
    .selectFrom('role_assignments')
    .select('school_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('school_id', 'is not', null)
    .execute();
  const ids = schools.map((s) => s.school_id).filter((id): id is string => id !== null);
  await recordAudits(
    db,
    actor,
    at,
    (ids.length > 0 ? ids : [null]).map((schoolId) => ({ ...entry, schoolId })),
  );
}
