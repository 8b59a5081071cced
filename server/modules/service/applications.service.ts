import { Permission } from '../../../contract/permissions.js';
import type { ApplicationStatus } from '../../../contract/schemas/service.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { foldForSearch, searchTextOf } from '../../lib/search-text.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { workingCalendarFor } from './calendar.service.js';
import { nextDeadline, yearsFor } from './deadlines.js';
import { referenceNotFound, registerNumber, schoolToday } from './service.common.js';
import { presentApplicationDetail, presentApplicationSummary } from './service.presenter.js';
import * as repo from './service.repository.js';

export interface ApplicationInput {
  parentSurname: string;
  parentName: string;
  parentPatronymic: string;
  addressCity: string;
  addressStreet: string;
  addressHouse: string;
  addressBuilding: string;
  addressFlat: string;
  phone: string;
  passportSeries: string;
  passportNumber: string;
  passportIssuedBy: string;
  childFullName: string;
  childClass: string;
  studentId?: string | null;
  parentId?: string | null;
}

export type ApplicationDetail = ReturnType<typeof presentApplicationDetail>;
export type ApplicationSummary = ReturnType<typeof presentApplicationSummary>;

const APPLICATION_ENTITY = 'service_application';

/** Checks optional links to the school's own student and parent records (422 otherwise). */
export async function checkLinks(db: Db, actor: Actor, schoolId: string, links: { studentId?: string | null; parentId?: string | null }) {
  if (links.studentId && !(await repo.studentInSchool(db, schoolId, links.studentId))) {
    throw referenceNotFound(actor, 'service.ref.student', 'studentId');
  }
  if (links.parentId && !(await repo.parentInSchool(db, schoolId, links.parentId))) {
    throw referenceNotFound(actor, 'service.ref.parent', 'parentId');
  }
}

function searchText(number: string, r: { parentSurname: string; parentName: string; parentPatronymic: string; childFullName: string }) {
  return searchTextOf(number, r.parentSurname, r.parentName, r.parentPatronymic, r.childFullName);
}

/** Presents one application with its next deadline, computed on the school's working-day calendar. */
export async function detailOf(deps: Deps, schoolId: string, row: repo.ApplicationRow): Promise<ApplicationDetail> {
  const calendar = await workingCalendarFor(deps.db, schoolId, yearsFor([row.registered_on]));
  const today = await schoolToday(deps, schoolId);
  const consents = await repo.consentsOfApplication(deps.db, schoolId, row.id);
  return presentApplicationDetail(
    row,
    nextDeadline(row, calendar, today),
    consents.map((c) => c.id),
  );
}

/**
 * Registers a parent's application (Приложение 1) in the register, the same day (seed 002 §2.11,
 * §3.2.2): number and date come from the clock in the school's time zone.
 */
export async function registerApplication(deps: Deps, actor: Actor, schoolId: string, input: ApplicationInput): Promise<ApplicationDetail> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRegister);
  await checkLinks(deps.db, actor, schoolId, input);
  const today = await schoolToday(deps, schoolId);
  const now = deps.clock.now();
  const year = Number(today.slice(0, 4));
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextApplicationSeq(trx, schoolId, year);
    const number = registerNumber('З', year, seq);
    await trx
      .insertInto('service_applications')
      .values({
        id,
        school_id: schoolId,
        reg_year: year,
        reg_seq: seq,
        number,
        registered_on: today,
        registered_at: now.toISOString(),
        registered_by: actor.userId ?? 'system',
        parent_surname: input.parentSurname.trim(),
        parent_name: input.parentName.trim(),
        parent_patronymic: input.parentPatronymic.trim(),
        address_city: input.addressCity.trim(),
        address_street: input.addressStreet.trim(),
        address_house: input.addressHouse.trim(),
        address_building: input.addressBuilding.trim(),
        address_flat: input.addressFlat.trim(),
        phone: input.phone.trim(),
        passport_series: input.passportSeries,
        passport_number: input.passportNumber,
        passport_issued_by: input.passportIssuedBy.trim(),
        personal_data_erased_at: null,
        child_full_name: input.childFullName.trim(),
        child_class: input.childClass.trim(),
        student_id: input.studentId ?? null,
        parent_id: input.parentId ?? null,
        status: 'registered',
        decision: null,
        refusal_ground: null,
        decision_note: '',
        decided_on: null,
        decided_at: null,
        decided_by: null,
        order_number: null,
        order_date: null,
        ordered_by: null,
        access_issued_on: null,
        search_text: searchText(number, input),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    // Passport data and names never go into the audit details.
    await recordChange(trx, {
      kind: ChangeKind.application,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: APPLICATION_ENTITY,
      entityId: id,
      details: { number },
    });
  });
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  return detailOf(deps, schoolId, row);
}

export interface ApplicationQuery {
  number?: string;
  from?: string;
  to?: string;
  name?: string;
  status?: ApplicationStatus;
}

/** The register of applications, searchable by number, date range, name and status; no passport data. */
export async function listApplicationRegister(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: ApplicationQuery,
): Promise<ApplicationSummary[]> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  const rows = await repo.listApplications(deps.db, deps.dialect, schoolId, { ...q, name: q.name ? foldForSearch(q.name) : undefined });
  const calendar = await workingCalendarFor(deps.db, schoolId, yearsFor(rows.map((r) => r.registered_on)));
  const today = await schoolToday(deps, schoolId);
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: APPLICATION_ENTITY,
    details: { count: rows.length },
  });
  return rows.map((r) => presentApplicationSummary(r, nextDeadline(r, calendar, today)));
}

/** One application with the applicant's passport data (a read of personal data: audited). */
export async function getApplication(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<ApplicationDetail> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRead);
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: APPLICATION_ENTITY, entityId: id });
  return detailOf(deps, schoolId, row);
}

/** Links an application to the school's student and parent records once they exist. */
export async function linkApplication(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  links: { studentId?: string | null; parentId?: string | null },
): Promise<ApplicationDetail> {
  requireSchoolPermission(actor, schoolId, Permission.applicationRegister);
  const row = await repo.findApplication(deps.db, schoolId, id);
  if (!row) throw notFound();
  await checkLinks(deps.db, actor, schoolId, links);
  const now = deps.clock.now();
  const changes: { student_id?: string | null; parent_id?: string | null } = {};
  if (links.studentId !== undefined) changes.student_id = links.studentId;
  if (links.parentId !== undefined) changes.parent_id = links.parentId;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service_applications')
      .set({ ...changes, updated_at: now.toISOString() })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    // Consents of this application follow the links so the policy can match the family.
    if (changes.student_id !== undefined) {
      await trx
        .updateTable('service_consents')
        .set({ student_id: changes.student_id })
        .where('school_id', '=', schoolId)
        .where('application_id', '=', id)
        .execute();
    }
    if (changes.parent_id !== undefined) {
      await trx
        .updateTable('service_consents')
        .set({ parent_id: changes.parent_id })
        .where('school_id', '=', schoolId)
        .where('application_id', '=', id)
        .execute();
    }
    await recordChange(trx, {
      kind: ChangeKind.application,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: APPLICATION_ENTITY,
      entityId: id,
      details: { fields: Object.keys(changes) },
    });
  });
  const updated = await repo.findApplication(deps.db, schoolId, id);
  if (!updated) throw notFound();
  return detailOf(deps, schoolId, updated);
}
