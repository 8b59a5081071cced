import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { ComplaintsTable, InspectionsTable } from './oversight.table.js';

export type ComplaintRow = Selectable<ComplaintsTable>;
export type InspectionRow = Selectable<InspectionsTable> & { complaint_number: string | null };

export async function nextComplaintSeq(db: Db, schoolId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.max('reg_seq').as('max'))
    .where('school_id', '=', schoolId)
    .where('reg_year', '=', year)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export function findComplaint(db: Db, schoolId: string, id: string) {
  return db.selectFrom('complaints').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export function listComplaints(db: Db, dialect: Dialect, schoolId: string, f: { status?: string; q?: string }, onDate: string) {
  let q = db.selectFrom('complaints').selectAll().where('school_id', '=', schoolId);
  if (f.status === 'overdue') {
    q = q.where('status', '=', 'open').where((eb) => eb(eb.fn.coalesce('extended_due_on', 'due_on'), '<', onDate));
  } else if (f.status) {
    q = q.where('status', '=', f.status);
  }
  if (f.q) q = q.where(dialect.containsInsensitive(sql.ref<string>('search_text'), f.q));
  return q.orderBy('reg_year').orderBy('reg_seq').limit(5000).execute();
}

export async function plannedInYear(db: Db, schoolId: string, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspections')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('planned_year', '=', year)
    .executeTakeFirst();
  return row !== undefined;
}

function inspections(db: Db, schoolId: string) {
  return db
    .selectFrom('inspections as i')
    .leftJoin('complaints as c', 'c.id', 'i.complaint_id')
    .selectAll('i')
    .select('c.number as complaint_number')
    .where('i.school_id', '=', schoolId);
}

export function findInspection(db: Db, schoolId: string, id: string) {
  return inspections(db, schoolId).where('i.id', '=', id).executeTakeFirst();
}

export function listInspections(db: Db, schoolId: string) {
  return inspections(db, schoolId).orderBy('i.starts_on').orderBy('i.id').limit(5000).execute();
}
