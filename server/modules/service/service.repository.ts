import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Dialect } from '../../db/dialect.js';
import type { AccessCodesTable, ServiceApplicationsTable, ServiceConsentsTable } from './service.table.js';

export type ApplicationRow = Selectable<ServiceApplicationsTable>;
export type ConsentRow = Selectable<ServiceConsentsTable>;
export type CodeRow = Selectable<AccessCodesTable>;

export function findApplication(db: Db, schoolId: string, id: string) {
  return db.selectFrom('service_applications').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export async function nextApplicationSeq(db: Db, schoolId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('service_applications')
    .select((eb) => eb.fn.max('reg_seq').as('max'))
    .where('school_id', '=', schoolId)
    .where('reg_year', '=', year)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export interface ApplicationFilter {
  number?: string;
  from?: string;
  to?: string;
  name?: string;
  status?: string;
}

/** The register, filtered; `name` is already folded (see service.common fold). */
export function listApplications(db: Db, dialect: Dialect, schoolId: string, f: ApplicationFilter) {
  let q = db.selectFrom('service_applications').selectAll().where('school_id', '=', schoolId);
  if (f.number) q = q.where('number', '=', f.number);
  if (f.from) q = q.where('registered_on', '>=', f.from);
  if (f.to) q = q.where('registered_on', '<=', f.to);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.name) q = q.where(dialect.containsInsensitive(sql.ref<string>('search_text'), f.name));
  return q.orderBy('reg_year').orderBy('reg_seq').limit(5000).execute();
}

export function findConsent(db: Db, schoolId: string, id: string) {
  return db.selectFrom('service_consents').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export function consentsOfApplication(db: Db, schoolId: string, applicationId: string) {
  return db
    .selectFrom('service_consents')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
}

export async function studentInSchool(db: Db, schoolId: string, studentId: string) {
  // Read-only look-up of the people module's table.
  return db
    .selectFrom('students')
    .select(['id', 'surname', 'name', 'patronymic', 'user_id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .executeTakeFirst();
}

export async function parentInSchool(db: Db, schoolId: string, parentId: string) {
  // Read-only look-up of the people module's table.
  return db
    .selectFrom('parents')
    .select(['id', 'surname', 'name', 'patronymic', 'user_id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', parentId)
    .executeTakeFirst();
}

export function findCodeByHash(db: Db, hash: string) {
  return db.selectFrom('access_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
}

export function findCode(db: Db, schoolId: string, id: string) {
  return db.selectFrom('access_codes').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

export function codesOfStudent(db: Db, schoolId: string, studentId: string) {
  return db
    .selectFrom('access_codes as a')
    .leftJoin('users as u', 'u.id', 'a.issued_by')
    .select(['a.id', 'a.kind', 'a.issued_at', 'a.expires_at', 'a.used_at', 'a.revoked_at', 'u.display_name as issued_by_name'])
    .where('a.school_id', '=', schoolId)
    .where('a.student_id', '=', studentId)
    .orderBy('a.issued_at', 'desc')
    .execute();
}
