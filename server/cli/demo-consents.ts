// The demo school's public-service records (seed 002 §2–3, Приложения 1–2): every child's family
// applied at enrolment, signed the consent, got a decision, the director's order and access, and
// the copy of the consent went to the operator; a few applications of today's weeks are still in
// progress, so the register and the director's deadline dashboard have something to show.
//
// Rows are written directly, in bulk (see demo-school.ts); real records go through the service module.

import type { Insertable } from 'kysely';
import {
  CHILD_CONSENT_FIELDS,
  type ChildConsentField,
  CONSENT_PURPOSES,
  PARENT_CONSENT_FIELDS,
  type ParentConsentField,
} from '../../contract/schemas/service.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { addDays } from '../lib/dates.js';
import { newId } from '../lib/ids.js';
import { searchTextOf } from '../lib/search-text.js';
import { isDepersonalisedOnly } from '../modules/service/consents.service.js';
import { defaultCalendarYear } from '../modules/service/production-calendar.js';
import { fullName, registerNumber } from '../modules/service/service.common.js';
import { addWorkingDays, isWorkingDay, makeCalendar, type WorkingCalendar } from '../modules/service/working-days.js';
import { insertInBulk } from './demo-journal.js';
import { SeededRandom } from './demo-random.js';
import type { DemoSchool } from './demo-school.js';

const SEED = 20260825;

type ApplicationRow = Insertable<Database['service_applications']>;
type ConsentRow = Insertable<Database['service_consents']>;

export interface DemoConsentRows {
  service_applications: ApplicationRow[];
  service_consents: ConsentRow[];
  audit_log: Insertable<Database['audit_log']>[];
}

/** Europe/Kaliningrad, the demo school's zone: UTC+2 all year. */
const SCHOOL_UTC_OFFSET_HOURS = 2;

/** Fields a family may leave out of the consent (none of them identifies the person). */
const OPTIONAL_CHILD_FIELDS: readonly ChildConsentField[] = ['hasHomePc', 'additionalEducation'];
const OPTIONAL_PARENT_FIELDS: readonly ParentConsentField[] = ['workplace', 'position', 'workPhone', 'schoolHelp', 'extraContact'];
/** A consent that identifies nobody: only depersonalised data (a ground for refusal, seed 002 §2.8). */
const DEPERSONALISED_CHILD_FIELDS: readonly ChildConsentField[] = ['sex', 'grades', 'studyForm', 'foreignLanguage'];
const DEPERSONALISED_PARENT_FIELDS: readonly ParentConsentField[] = ['sex', 'kinship'];

/** A school-local time on a date as an ISO instant, never after `latest`. */
function instantAt(date: string, hour: number, minute: number, latest: string): string {
  const iso = `${date}T${String(hour - SCHOOL_UTC_OFFSET_HOURS).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
  return iso < latest ? iso : latest;
}

/** Moves back n working days from a date (the date itself not counted). */
function workingDaysBefore(date: string, n: number, calendar: WorkingCalendar): string {
  let current = date;
  for (let left = n; left > 0; ) {
    current = addDays(current, -1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/** Splits «г. Светлогорск, ул. Школьная, д. 5, кв. 12» into the application's address fields. */
function addressParts(address: string | null | undefined) {
  const parts = (address ?? '').split(',').map((p) => p.trim());
  const city = (parts.find((p) => p.startsWith('г.')) ?? 'г. Светлогорск').replace(/^г\.\s*/, '');
  const street = parts.find((p) => /^(ул\.|пр-т|пер\.|б-р)/.test(p)) ?? '';
  const house = (parts.find((p) => p.startsWith('д.')) ?? '').replace(/^д\.\s*/, '');
  const flat = (parts.find((p) => p.startsWith('кв.')) ?? '').replace(/^кв\.\s*/, '');
  return { city, street, house, flat };
}

/**
 * Applications, consents, decisions and orders of the demo families up to `today` (school-local):
 * the same rows the service module writes, each stage no later than today.
 */
export function buildDemoConsents(school: DemoSchool, today: string, now: Date): DemoConsentRows {
  const rng = new SeededRandom(SEED);
  const { rows } = school;
  const schoolId = school.schoolId;
  const nowIso = now.toISOString();
  const at = (date: string, hour: number, minute: number) => instantAt(date, hour, minute, nowIso);
  const secretary = school.accounts.secretary.userId;
  const director = school.accounts.director.userId;
  const calendar = makeCalendar([2026, 2027, 2028].map((y) => defaultCalendarYear(y)));
  const students = new Map(rows.students.map((s) => [s.id, s]));
  const parents = new Map(rows.parents.map((p) => [p.id, p]));
  const classOf = new Map(rows.class_memberships.map((m) => [m.student_id, rows.classes.find((c) => c.id === m.class_id)?.name ?? '']));
  const applications: ApplicationRow[] = [];
  const consents: ConsentRow[] = [];

  const passport = () => ({
    passport_series: `27${rng.int(0, 2)}${rng.int(0, 9)}`,
    passport_number: String(rng.int(100000, 999999)),
    passport_issued_by: rng.chance(0.6)
      ? 'УМВД России по Калининградской области'
      : 'Отделом УФМС России по Калининградской области в г. Светлогорске',
  });

  interface Stages {
    registeredOn: string;
    decision?: { on: string; granted: boolean };
    order?: { on: string; number: string };
    issuedOn?: string;
    copySentOn?: string;
  }

  const add = (studentId: string, parentId: string, stages: Stages, depersonalised = false) => {
    const student = students.get(studentId);
    const parent = parents.get(parentId);
    if (!student || !parent) return;
    const address = addressParts(parent.residence_address);
    const childName = fullName(student.surname, student.name, student.patronymic);
    const parentName = fullName(parent.surname, parent.name, parent.patronymic);
    const id = newId();
    const registeredAt = at(stages.registeredOn, rng.int(9, 16), rng.int(0, 59));
    const status = !stages.decision
      ? 'registered'
      : !stages.decision.granted
        ? 'refused'
        : stages.issuedOn
          ? 'issued'
          : stages.order
            ? 'ordered'
            : 'granted';
    const last = stages.issuedOn ?? stages.order?.on ?? stages.decision?.on ?? stages.registeredOn;
    applications.push({
      id,
      school_id: schoolId,
      reg_year: 0, // numbered below, in registration order
      reg_seq: 0,
      number: '',
      registered_on: stages.registeredOn,
      registered_at: registeredAt,
      registered_by: secretary,
      parent_surname: parent.surname,
      parent_name: parent.name,
      parent_patronymic: parent.patronymic,
      address_city: address.city,
      address_street: address.street,
      address_house: address.house,
      address_building: '',
      address_flat: address.flat,
      phone: parent.mobile_phone ?? '+7 4015 32-00-00',
      ...passport(),
      personal_data_erased_at: null,
      child_full_name: childName,
      child_class: classOf.get(studentId) ?? '',
      student_id: studentId,
      parent_id: parentId,
      status,
      decision: stages.decision ? (stages.decision.granted ? 'granted' : 'refused') : null,
      refusal_ground: stages.decision && !stages.decision.granted ? 'consent_depersonalised' : null,
      decision_note: stages.decision && !stages.decision.granted ? 'Согласие допускает только обезличенные данные' : '',
      decided_on: stages.decision?.on ?? null,
      decided_at: stages.decision ? at(stages.decision.on, rng.int(10, 17), rng.int(0, 59)) : null,
      decided_by: stages.decision ? director : null,
      order_number: stages.order?.number ?? null,
      order_date: stages.order?.on ?? null,
      ordered_by: stages.order ? director : null,
      access_issued_on: stages.issuedOn ?? null,
      search_text: '',
      created_at: registeredAt,
      updated_at: last === stages.registeredOn ? registeredAt : at(last, 17, 0),
    });
    const childFields = depersonalised
      ? [...DEPERSONALISED_CHILD_FIELDS]
      : CHILD_CONSENT_FIELDS.filter((f) => !OPTIONAL_CHILD_FIELDS.includes(f) || rng.chance(0.8));
    const parentFields = depersonalised
      ? [...DEPERSONALISED_PARENT_FIELDS]
      : PARENT_CONSENT_FIELDS.filter((f) => !OPTIONAL_PARENT_FIELDS.includes(f) || rng.chance(0.6));
    consents.push({
      id: newId(),
      school_id: schoolId,
      application_id: id,
      student_id: studentId,
      parent_id: parentId,
      child_full_name: childName,
      parent_full_name: parentName,
      child_fields: JSON.stringify(childFields),
      parent_fields: JSON.stringify(parentFields),
      purposes: JSON.stringify(CONSENT_PURPOSES),
      depersonalised_only: isDepersonalisedOnly(childFields, parentFields) ? 1 : 0,
      // Signed and handed in with the application (seed 002 §2.6).
      signed_on: stages.registeredOn,
      received_on: stages.registeredOn,
      withdrawn_on: null,
      withdrawn_at: null,
      withdrawn_by: null,
      operator_copy_sent_on: stages.copySentOn ?? null,
      operator_copy_method: stages.copySentOn ? 'по защищённому каналу связи' : null,
      created_by: secretary,
      created_at: registeredAt,
    });
  };

  // Every child: one application and consent by the first parent, at enrolment (late August to
  // mid-September), then each stage within its deadline, as long as it is not after today.
  const firstParent = new Map<string, string>();
  for (const link of rows.student_parents) if (!firstParent.has(link.student_id)) firstParent.set(link.student_id, link.parent_id);
  const enrolmentDays: string[] = [];
  for (let d = '2026-08-24'; d <= '2026-09-11'; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) enrolmentDays.push(d);
  const orderDates = new Set<string>();
  const planned: Array<{ studentId: string; parentId: string; stages: Stages }> = [];
  for (const s of rows.students) {
    const parentId = firstParent.get(s.id);
    if (!parentId) continue;
    const day = rng.pick(enrolmentDays);
    const registeredOn = day <= today ? day : today;
    const stages: Stages = { registeredOn };
    const decidedOn = addWorkingDays(registeredOn, rng.int(1, 4), calendar);
    // The director signs the access orders in weekly batches, on Fridays.
    let orderOn = decidedOn;
    while (new Date(`${orderOn}T00:00:00Z`).getUTCDay() !== 5) orderOn = addDays(orderOn, 1);
    const issuedOn = addWorkingDays(orderOn, rng.int(1, 3), calendar);
    const copySentOn = addWorkingDays(registeredOn, rng.int(2, 6), calendar);
    if (copySentOn <= today) stages.copySentOn = copySentOn;
    if (decidedOn <= today) {
      stages.decision = { on: decidedOn, granted: true };
      if (orderOn <= today) {
        stages.order = { on: orderOn, number: '' };
        orderDates.add(orderOn);
        if (issuedOn <= today) stages.issuedOn = issuedOn;
      }
    }
    planned.push({ studentId: s.id, parentId, stages });
  }
  const orderNumber = new Map([...orderDates].sort().map((d, i) => [d, `${141 + i * 7}-о`]));
  for (const p of planned) {
    if (p.stages.order) p.stages.order.number = orderNumber.get(p.stages.order.on) ?? '';
    add(p.studentId, p.parentId, p.stages);
  }

  // In progress: second parents (fathers) of a few families applying for their own access.
  const fathers = rng
    .shuffle(rows.student_parents.filter((sp) => sp.kinship === 'father' && firstParent.get(sp.student_id) !== sp.parent_id))
    .slice(0, 5);
  const [fresh, overdue, granted, ordered, refused] = fathers;
  if (fresh) add(fresh.student_id, fresh.parent_id, { registeredOn: today });
  if (overdue) {
    // Past its five working days (seed 002 §3.2.3) with no decision yet.
    const registeredOn = workingDaysBefore(today, 8, calendar);
    add(overdue.student_id, overdue.parent_id, { registeredOn, copySentOn: addWorkingDays(registeredOn, 2, calendar) });
  }
  if (granted) {
    const registeredOn = workingDaysBefore(today, 5, calendar);
    add(granted.student_id, granted.parent_id, {
      registeredOn,
      decision: { on: workingDaysBefore(today, 2, calendar), granted: true },
      copySentOn: addWorkingDays(registeredOn, 1, calendar),
    });
  }
  if (ordered) {
    const registeredOn = workingDaysBefore(today, 9, calendar);
    add(ordered.student_id, ordered.parent_id, {
      registeredOn,
      decision: { on: workingDaysBefore(today, 6, calendar), granted: true },
      order: { on: workingDaysBefore(today, 1, calendar), number: `${orderNumber.size * 7 + 141}-о` },
      copySentOn: addWorkingDays(registeredOn, 3, calendar),
    });
  }
  if (refused) {
    const registeredOn = workingDaysBefore(today, 14, calendar);
    add(
      refused.student_id,
      refused.parent_id,
      {
        registeredOn,
        decision: { on: addWorkingDays(registeredOn, 3, calendar), granted: false },
        copySentOn: addWorkingDays(registeredOn, 2, calendar),
      },
      true,
    );
  }

  // Register numbers: sequential per year in the order of registration (seed 002 §3.2.2).
  const bySeq = [...applications].sort((a, b) => (a.registered_at < b.registered_at ? -1 : a.registered_at > b.registered_at ? 1 : 0));
  const seqOfYear = new Map<number, number>();
  for (const a of bySeq) {
    const year = Number(a.registered_on.slice(0, 4));
    const seq = (seqOfYear.get(year) ?? 0) + 1;
    seqOfYear.set(year, seq);
    a.reg_year = year;
    a.reg_seq = seq;
    a.number = registerNumber('З', year, seq);
    a.search_text = searchTextOf(a.number, a.parent_surname, a.parent_name, a.parent_patronymic, a.child_full_name);
  }
  return {
    service_applications: bySeq,
    service_consents: consents,
    audit_log: [
      {
        id: newId(),
        school_id: schoolId,
        actor_user_id: null,
        action: 'create',
        entity: 'demo_service',
        entity_id: schoolId,
        details: JSON.stringify({ applications: applications.length, consents: consents.length }),
        ip: 'system',
        at: nowIso,
      },
    ],
  };
}

/** Writes the demo's applications and consents in one transaction. */
export async function insertDemoConsents(db: Db, rows: DemoConsentRows): Promise<void> {
  await db.transaction().execute(async (trx) => insertInBulk(trx, rows));
}
