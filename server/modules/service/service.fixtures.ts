import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../../contract/schemas/service.js';
import type { Db } from '../../db/connect.js';
import { newId } from '../../lib/ids.js';
import { generateCode, hashCode } from './access-codes.service.js';

/** Test helpers: service records in a given state, written directly (each test builds its own). */

let seq = 0;

export interface FixtureApplication {
  status?: 'registered' | 'granted' | 'refused' | 'ordered' | 'issued';
  studentId?: string | null;
  parentId?: string | null;
  registeredOn?: string;
  consent?: 'personal' | 'depersonalised' | 'none';
}

/** An application (and, unless told otherwise, its personal consent) in the requested state. */
export async function makeApplication(
  db: Db,
  schoolId: string,
  opts: FixtureApplication = {},
): Promise<{ id: string; consentId: string | null }> {
  const id = newId();
  const n = ++seq;
  const status = opts.status ?? 'registered';
  const registeredOn = opts.registeredOn ?? '2026-11-20';
  const decided = status !== 'registered';
  const ordered = status === 'ordered' || status === 'issued';
  await db
    .insertInto('service_applications')
    .values({
      id,
      school_id: schoolId,
      reg_year: 1999,
      reg_seq: n,
      number: `Т-${n}`,
      registered_on: registeredOn,
      registered_at: `${registeredOn}T08:00:00.000Z`,
      registered_by: 'system',
      parent_surname: 'Петрова',
      parent_name: 'Анна',
      parent_patronymic: 'Викторовна',
      address_city: 'Калининград',
      address_street: 'Ленинский проспект',
      address_house: '1',
      address_building: '',
      address_flat: '2',
      phone: '+7 900 000-00-00',
      passport_series: '2710',
      passport_number: '123456',
      passport_issued_by: 'УМВД',
      personal_data_erased_at: null,
      child_full_name: 'Петров Иван Сергеевич',
      child_class: '5А',
      student_id: opts.studentId ?? null,
      parent_id: opts.parentId ?? null,
      status,
      decision: decided ? (status === 'refused' ? 'refused' : 'granted') : null,
      refusal_ground: status === 'refused' ? 'no_consent' : null,
      decision_note: '',
      decided_on: decided ? registeredOn : null,
      decided_at: decided ? `${registeredOn}T09:00:00.000Z` : null,
      decided_by: decided ? 'system' : null,
      order_number: ordered ? '1-у' : null,
      order_date: ordered ? registeredOn : null,
      ordered_by: ordered ? 'system' : null,
      access_issued_on: status === 'issued' ? registeredOn : null,
      search_text: 'петрова анна',
      created_at: `${registeredOn}T08:00:00.000Z`,
      updated_at: `${registeredOn}T08:00:00.000Z`,
    })
    .execute();
  const consent = opts.consent ?? 'personal';
  if (consent === 'none') return { id, consentId: null };
  const consentId = newId();
  await db
    .insertInto('service_consents')
    .values({
      id: consentId,
      school_id: schoolId,
      application_id: id,
      student_id: opts.studentId ?? null,
      parent_id: opts.parentId ?? null,
      child_full_name: 'Петров Иван Сергеевич',
      parent_full_name: 'Петрова Анна Викторовна',
      child_fields: JSON.stringify(consent === 'personal' ? CHILD_CONSENT_FIELDS : ['grades', 'sex']),
      parent_fields: JSON.stringify(consent === 'personal' ? PARENT_CONSENT_FIELDS : ['sex']),
      purposes: JSON.stringify(CONSENT_PURPOSES),
      depersonalised_only: consent === 'personal' ? 0 : 1,
      signed_on: registeredOn,
      received_on: registeredOn,
      withdrawn_on: null,
      withdrawn_at: null,
      withdrawn_by: null,
      operator_copy_sent_on: null,
      operator_copy_method: null,
      created_by: 'system',
      created_at: `${registeredOn}T08:00:00.000Z`,
    })
    .execute();
  return { id, consentId };
}

/** A fresh, unused code for a student; returns the plain code as printed on the slip. */
export async function makeCode(
  db: Db,
  schoolId: string,
  studentId: string,
  opts: { kind?: 'parent' | 'student'; applicationId?: string | null; expiresAt?: string; issuedBy?: string } = {},
): Promise<{ id: string; code: string }> {
  const code = generateCode();
  const id = newId();
  await db
    .insertInto('access_codes')
    .values({
      id,
      school_id: schoolId,
      kind: opts.kind ?? 'parent',
      student_id: studentId,
      application_id: opts.applicationId ?? null,
      code_hash: hashCode(code),
      issued_by: opts.issuedBy ?? 'system',
      issued_at: '2026-11-20T08:00:00.000Z',
      expires_at: opts.expiresAt ?? '2026-12-20T08:00:00.000Z',
      used_at: null,
      used_by: null,
      revoked_at: null,
    })
    .execute();
  return { id, code };
}
