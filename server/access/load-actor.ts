import type { Locale } from '../../contract/i18n/index.js';
import type { Role } from '../../contract/roles.js';
import type { Db } from '../db/connect.js';
import type { Actor } from './actor.js';

/** Builds the actor for a user from their role grants; operators get their operator's schools. */
export async function loadActor(db: Db, userId: string, ip: string, locale: Locale): Promise<Actor> {
  const grants = await db
    .selectFrom('role_assignments')
    .select(['role', 'school_id', 'operator_id'])
    .where('user_id', '=', userId)
    .execute();
  const operatorIds = grants.filter((g) => g.role === 'operator' && g.operator_id).map((g) => g.operator_id as string);
  const operatorSchoolIds =
    operatorIds.length === 0
      ? []
      : (await db.selectFrom('schools').select('id').where('operator_id', 'in', operatorIds).execute()).map((s) => s.id);
  return {
    kind: 'user',
    userId,
    ip,
    locale,
    grants: grants.map((g) => ({ role: g.role as Role, schoolId: g.school_id, operatorId: g.operator_id })),
    operatorSchoolIds,
  };
}
