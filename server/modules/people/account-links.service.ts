import type { Db } from '../../db/connect.js';
import { newId } from '../../lib/ids.js';
import { searchTextOf } from '../../lib/search-text.js';
import * as parents from './parents.repository.js';
import * as students from './students.repository.js';

/**
 * The people module's side of redeeming a registration code (service module): a user account is
 * bound to a student or parent record. Each function runs in the caller's transaction (`trx`), so
 * the code is spent, the account created and the records bound together or not at all; the caller
 * has already checked the code, the consent and the school, and records the audit entry.
 */

/** What binding an account to a person record did: bound, or refused because another account holds it or the record is gone. */
export type AccountBinding = 'bound' | 'taken' | 'missing';

/** Binds a user account to a student record of the school (a student redeeming their code). */
export async function bindStudentAccount(trx: Db, schoolId: string, studentId: string, userId: string): Promise<AccountBinding> {
  if (await students.bindStudentUser(trx, schoolId, studentId, userId)) return 'bound';
  return (await students.findStudent(trx, schoolId, studentId)) ? 'taken' : 'missing';
}

/** Binds a user account to a parent record of the school (a parent redeeming the code an application named them in). */
export async function bindParentAccount(trx: Db, schoolId: string, parentId: string, userId: string): Promise<AccountBinding> {
  if (await parents.bindParentUser(trx, schoolId, parentId, userId)) return 'bound';
  return (await parents.findParent(trx, schoolId, parentId)) ? 'taken' : 'missing';
}

/** The parent record of the school that a user account already holds, or null. */
export async function parentRecordOfAccount(trx: Db, schoolId: string, userId: string): Promise<string | null> {
  return (await parents.parentIdOfUser(trx, schoolId, userId)) ?? null;
}

export interface ParentNames {
  surname: string;
  name: string;
  patronymic: string;
}

/** Creates the parent record of an account from the names an application gave (Приложение 1); its contacts stay empty. */
export async function createParentForAccount(trx: Db, now: Date, schoolId: string, userId: string, names: ParentNames): Promise<string> {
  const id = newId();
  await parents.insertParent(trx, {
    id,
    school_id: schoolId,
    user_id: userId,
    surname: names.surname,
    name: names.name,
    patronymic: names.patronymic,
    sex: null,
    birth_date: null,
    residence_address: null,
    home_phone: null,
    mobile_phone: null,
    workplace: null,
    position: null,
    work_phone: null,
    email: null,
    school_help: null,
    extra_contact: null,
    search_text: searchTextOf(names.surname, names.name, names.patronymic),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  return id;
}

/** Links a parent record to a child unless they are linked already; a new link's kinship is «other» until the school sets it. */
export async function ensureParentLink(trx: Db, schoolId: string, studentId: string, parentId: string): Promise<void> {
  if (await parents.findLink(trx, schoolId, studentId, parentId)) return;
  await parents.insertLink(trx, { school_id: schoolId, student_id: studentId, parent_id: parentId, kinship: 'other' });
}
