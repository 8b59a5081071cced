import type { Db } from '../../db/connect.js';

/*
 * Read-only look-ups onto tables of other modules (school structure, auth) that the people
 * module needs for its own rules and read models. Nothing here writes to those tables.
 */

export function findSchool(db: Db, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name', 'timezone']).where('id', '=', schoolId).executeTakeFirst();
}

export function findSchools(db: Db, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('schools')
    .select(['id', 'name', 'timezone'])
    .where('id', 'in', [...schoolIds])
    .execute();
}

export function findClass(db: Db, schoolId: string, classId: string) {
  return db.selectFrom('classes').select(['id', 'name']).where('school_id', '=', schoolId).where('id', '=', classId).executeTakeFirst();
}

export function findGroup(db: Db, schoolId: string, groupId: string) {
  return db
    .selectFrom('study_groups')
    .select(['id', 'name', 'class_id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', groupId)
    .executeTakeFirst();
}

export function findUser(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'login', 'display_name', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
}

/** Every role grant of a user (to see whether an account reaches beyond one school). */
export function grantsOfUser(db: Db, userId: string) {
  return db.selectFrom('role_assignments').select(['role', 'school_id', 'operator_id']).where('user_id', '=', userId).execute();
}
