import type { Locale } from '../../contract/i18n/index.js';
import { type Role, STAFF_ROLES } from '../../contract/roles.js';
import type { Db } from '../db/connect.js';
import type { Actor } from './actor.js';

/** «Today» at a school (the school module's schoolToday, handed in: access sits below the modules). */
export type SchoolTodayOf = (schoolId: string) => Promise<string>;

/**
 * Builds the actor for a user from their role grants; operators get their operator's schools.
 * A leaver's staff grants stop counting from their leaving date (issue 12 item 4): in a school
 * where every staff record of the user has left_on on or before the school's today, the staff
 * roles of that school are dropped (a parent's or a student's grant there stays).
 */
export async function loadActor(db: Db, userId: string, ip: string, locale: Locale, todayOf: SchoolTodayOf): Promise<Actor> {
  const [allGrants, staffRows] = await Promise.all([
    db.selectFrom('role_assignments').select(['role', 'school_id', 'operator_id']).where('user_id', '=', userId).execute(),
    // Read-only look at the people module's staff table: who has left where.
    db.selectFrom('staff').select(['school_id', 'left_on']).where('user_id', '=', userId).execute(),
  ]);
  const left = new Set<string>();
  const staying = new Set<string>();
  for (const s of staffRows) {
    if (s.left_on !== null && s.left_on <= (await todayOf(s.school_id))) left.add(s.school_id);
    else staying.add(s.school_id);
  }
  const staffRoles: readonly string[] = STAFF_ROLES;
  const grants = allGrants.filter(
    (g) => !(g.school_id && left.has(g.school_id) && !staying.has(g.school_id) && staffRoles.includes(g.role)),
  );
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
