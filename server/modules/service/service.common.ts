import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../lib/errors.js';

export interface SchoolInfo {
  id: string;
  name: string;
  address: string;
  directorName: string;
  timezone: string;
}

/** The school's name, address, director and time zone (read-only look-up of the school module's table). */
export async function schoolInfo(db: Db, schoolId: string): Promise<SchoolInfo> {
  const row = await db
    .selectFrom('schools')
    .select(['id', 'name', 'address', 'director_name', 'timezone'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { id: row.id, name: row.name, address: row.address, directorName: row.director_name, timezone: row.timezone };
}

/** Registration dates and deadlines are school-local: «today» is the school module's one answer. */
export { schoolToday } from '../school/school.service.js';

export function referenceNotFound(actor: Actor, what: MessageKey, field: string): AppError {
  return new AppError(422, 'invalid', 'error.referenceNotFound', { what: translate(actor.locale, what) }, { field });
}

export function fullName(surname: string, name: string, patronymic: string): string {
  return [surname, name, patronymic].filter((p) => p.trim() !== '').join(' ');
}

/** «З-2026/0007»: sequential per school per year (seed 002 §3.2.2, журнал регистрации). */
export function registerNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}/${String(seq).padStart(4, '0')}`;
}
