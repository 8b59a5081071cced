import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { ParentsTable } from './people.table.js';
import type { IdFilter } from './students.repository.js';

export type ParentRow = ParentsTable;

export interface ParentListFilter {
  schoolId: string;
  q?: string | undefined;
  studentId?: string | undefined;
  visible: IdFilter;
  limit: number;
  offset: number;
}

export async function listParents(db: Db, dialect: Dialect, f: ParentListFilter) {
  if (f.visible.kind === 'some' && f.visible.ids.length === 0) return { rows: [], total: 0 };
  const base = () => {
    let q = db.selectFrom('parents as p').where('p.school_id', '=', f.schoolId);
    if (f.visible.kind === 'some') q = q.where('p.id', 'in', [...f.visible.ids]);
    if (f.studentId) {
      const studentId = f.studentId;
      q = q.where('p.id', 'in', (eb) =>
        eb
          .selectFrom('student_parents as sp')
          .select('sp.parent_id')
          .where('sp.school_id', '=', f.schoolId)
          .where('sp.student_id', '=', studentId),
      );
    }
    if (f.q) q = q.where((eb) => dialect.containsInsensitive(eb.ref('p.search_text'), f.q as string));
    return q;
  };
  const rows = await base()
    .select(['p.id', 'p.surname', 'p.name', 'p.patronymic', 'p.user_id'])
    .orderBy('p.surname')
    .orderBy('p.name')
    .orderBy('p.patronymic')
    .orderBy('p.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = await base()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

export function findParent(db: Db, schoolId: string, id: string): Promise<ParentRow | undefined> {
  return db.selectFrom('parents').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export async function insertParent(db: Db, row: Insertable<ParentsTable>): Promise<void> {
  await db.insertInto('parents').values(row).execute();
}

export async function updateParent(db: Db, schoolId: string, id: string, patch: Updateable<ParentsTable>): Promise<void> {
  await db.updateTable('parents').set(patch).where('school_id', '=', schoolId).where('id', '=', id).execute();
}

/** The parent record of this school that a user account holds, if any. */
export async function parentIdOfUser(db: Db, schoolId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('parents')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.id;
}

/** Gives the parent record this account unless another account holds it; whether the record now has it. */
export async function bindParentUser(db: Db, schoolId: string, parentId: string, userId: string): Promise<boolean> {
  const res = await db
    .updateTable('parents')
    .set({ user_id: userId })
    .where('school_id', '=', schoolId)
    .where('id', '=', parentId)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', userId)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function childrenOfParent(db: Db, schoolId: string, parentId: string) {
  return db
    .selectFrom('student_parents as sp')
    .innerJoin('students as s', 's.id', 'sp.student_id')
    .select(['sp.student_id', 's.surname', 's.name', 's.patronymic', 'sp.kinship'])
    .where('sp.school_id', '=', schoolId)
    .where('sp.parent_id', '=', parentId)
    .orderBy('s.surname')
    .orderBy('s.name')
    .execute();
}

export function findLink(db: Db, schoolId: string, studentId: string, parentId: string) {
  return db
    .selectFrom('student_parents')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('parent_id', '=', parentId)
    .executeTakeFirst();
}

export async function insertLink(
  db: Db,
  row: { school_id: string; student_id: string; parent_id: string; kinship: string },
): Promise<void> {
  await db.insertInto('student_parents').values(row).execute();
}

export async function deleteLink(db: Db, schoolId: string, studentId: string, parentId: string): Promise<void> {
  await db
    .deleteFrom('student_parents')
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('parent_id', '=', parentId)
    .execute();
}
