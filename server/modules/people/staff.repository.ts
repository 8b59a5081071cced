import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { StaffTable } from './people.table.js';

export type StaffRow = StaffTable;

export interface StaffListFilter {
  schoolId: string;
  q?: string | undefined;
  /** Staff who left before this date are hidden unless includeLeft. */
  today: string;
  includeLeft: boolean;
  limit: number;
  offset: number;
}

export async function listStaff(db: Db, dialect: Dialect, f: StaffListFilter) {
  const base = () => {
    let q = db.selectFrom('staff as s').where('s.school_id', '=', f.schoolId);
    if (!f.includeLeft) q = q.where((eb) => eb.or([eb('s.left_on', 'is', null), eb('s.left_on', '>=', f.today)]));
    if (f.q) q = q.where((eb) => dialect.containsInsensitive(eb.ref('s.search_text'), f.q as string));
    return q;
  };
  const rows = await base()
    .select(['s.id', 's.surname', 's.name', 's.patronymic', 's.position', 's.left_on', 's.user_id'])
    .orderBy('s.surname')
    .orderBy('s.name')
    .orderBy('s.patronymic')
    .orderBy('s.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = await base()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

export function findStaff(db: Db, schoolId: string, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export async function insertStaff(db: Db, row: Insertable<StaffTable>): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function updateStaff(db: Db, schoolId: string, id: string, patch: Updateable<StaffTable>): Promise<void> {
  await db.updateTable('staff').set(patch).where('school_id', '=', schoolId).where('id', '=', id).execute();
}

/** Roles of an account in one school (read-only look-up onto `role_assignments` of the auth module). */
/** Whether anyone holds school_admin in the school (read-only look at the auth module's grants). */
export async function schoolHasAdmin(db: Db, schoolId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('role', '=', 'school_admin')
    .executeTakeFirst();
  return row !== undefined;
}

export async function rolesInSchoolOfUser(db: Db, userId: string, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('role')
    .where('user_id', '=', userId)
    .where('school_id', '=', schoolId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}
