import { translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { ComplaintForm, ComplaintStatus, InspectionKind } from '../../../contract/schemas/oversight.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import { addDays } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { foldForSearch, searchTextOf } from '../../lib/search-text.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { requireFreshSecondFactor } from '../auth/mfa.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { schoolToday } from '../school/school.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { complaintBookPdf } from './oversight.pdf.js';
import * as repo from './oversight.repository.js';

/** seed 002 §5.1.3–5.1.4: 30 days from registration, extendable once by at most 30 days. */
const COMPLAINT_DAYS = 30;
const EXTENSION_DAYS = 30;

export function presentComplaint(r: repo.ComplaintRow, onDate: string) {
  const due = r.extended_due_on ?? r.due_on;
  return {
    id: r.id,
    number: r.number,
    form: r.form as ComplaintForm,
    addressee: r.addressee,
    complainantName: r.complainant_name,
    complainantAddress: r.complainant_address,
    substance: r.substance,
    registeredOn: r.registered_on,
    dueOn: r.due_on,
    extendedDueOn: r.extended_due_on,
    extensionReason: r.extension_reason,
    extensionNoticeOn: r.extension_notice_on,
    status: r.status as ComplaintStatus,
    answerText: r.answer_text,
    answeredOn: r.answered_on,
    answerMethod: r.answer_method,
    repeatOfId: r.repeat_of_id,
    declinedOn: r.declined_on,
    overdue: r.status === 'open' && onDate > due,
  };
}
export type Complaint = ReturnType<typeof presentComplaint>;

export interface ComplaintInput {
  form: ComplaintForm;
  addressee: string;
  complainantName: string;
  complainantAddress: string;
  substance: string;
  registeredOn?: string;
}

/** Registers a complaint in the book (seed 002 §2.13 row 1, §5.1.2); due in 30 days. */
export async function registerComplaint(deps: Deps, actor: Actor, schoolId: string, input: ComplaintInput): Promise<Complaint> {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const now = deps.clock.now();
  const onDate = await schoolToday(deps, schoolId);
  const registeredOn = input.registeredOn ?? onDate;
  if (registeredOn > onDate) throw invalid('error.service.dateInFuture');
  const year = Number(registeredOn.slice(0, 4));
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextComplaintSeq(trx, schoolId, year);
    const number = `Ж-${year}/${String(seq).padStart(4, '0')}`;
    await trx
      .insertInto('complaints')
      .values({
        id,
        school_id: schoolId,
        reg_year: year,
        reg_seq: seq,
        number,
        form: input.form,
        addressee: input.addressee.trim(),
        complainant_name: input.complainantName.trim(),
        complainant_address: input.complainantAddress.trim(),
        substance: input.substance.trim(),
        registered_on: registeredOn,
        due_on: addDays(registeredOn, COMPLAINT_DAYS),
        extended_due_on: null,
        extension_reason: null,
        extension_notice_on: null,
        status: 'open',
        answer_text: null,
        answered_on: null,
        answer_method: null,
        repeat_of_id: null,
        declined_on: null,
        search_text: searchTextOf(number, input.complainantName, input.substance),
        created_by: actor.userId ?? 'system',
        created_at: now.toISOString(),
      })
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.complaint,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'complaint',
      entityId: id,
      details: { number, form: input.form },
    });
  });
  return presentComplaint(await mustFind(deps, schoolId, id), onDate);
}

async function mustFind(deps: Deps, schoolId: string, id: string): Promise<repo.ComplaintRow> {
  const row = await repo.findComplaint(deps.db, schoolId, id);
  if (!row) throw notFound();
  return row;
}

/** The complaint book; `overdue` lists open complaints past their (extended) deadline for the director. */
export async function listComplaints(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: { status?: ComplaintStatus | 'overdue'; q?: string },
): Promise<Complaint[]> {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const onDate = await schoolToday(deps, schoolId);
  const rows = await repo.listComplaints(deps.db, deps.dialect, schoolId, { ...q, q: q.q ? foldForSearch(q.q) : undefined }, onDate);
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'complaint',
    details: { count: rows.length },
  });
  return rows.map((r) => presentComplaint(r, onDate));
}

/** One complaint (the complainant's personal data: audited). */
export async function getComplaint(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Complaint> {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const row = await mustFind(deps, schoolId, id);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: 'complaint', entityId: id });
  return presentComplaint(row, await schoolToday(deps, schoolId));
}

async function update(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  set: Partial<repo.ComplaintRow>,
  details: Record<string, unknown>,
) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('complaints')
      .set(set)
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('error.oversight.closed');
    await recordChange(trx, {
      kind: ChangeKind.complaint,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'complaint', entityId: id, details });
  });
  return presentComplaint(await mustFind(deps, schoolId, id), await schoolToday(deps, schoolId));
}

function checkDate(row: repo.ComplaintRow, date: string, onDate: string): void {
  if (date > onDate) throw invalid('error.service.dateInFuture');
  if (date < row.registered_on) throw invalid('error.oversight.dateBeforeRegistration', { date: row.registered_on });
}

/** Extends the deadline once by 30 days, with the written notice to the complainant recorded (§5.1.3). */
export async function extendComplaint(deps: Deps, actor: Actor, schoolId: string, id: string, input: { reason: string; noticeOn: string }) {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const row = await mustFind(deps, schoolId, id);
  if (row.status !== 'open') throw conflict('error.oversight.closed');
  if (row.extended_due_on) throw conflict('error.oversight.alreadyExtended');
  checkDate(row, input.noticeOn, await schoolToday(deps, schoolId));
  // §5.1.3: the term is extended within it; a notice dated after the due date extends nothing.
  if (input.noticeOn > row.due_on) throw invalid('error.oversight.extensionAfterDue', { date: row.due_on });
  return update(
    deps,
    actor,
    schoolId,
    id,
    { extended_due_on: addDays(row.due_on, EXTENSION_DAYS), extension_reason: input.reason.trim(), extension_notice_on: input.noticeOn },
    { extended: true },
  );
}

/** Records the answer sent to the complainant (§5.1.4, §5.2): text, date, how. */
export async function answerComplaint(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { text: string; answeredOn: string; method: string },
) {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const row = await mustFind(deps, schoolId, id);
  if (row.status !== 'open') throw conflict('error.oversight.closed');
  checkDate(row, input.answeredOn, await schoolToday(deps, schoolId));
  return update(
    deps,
    actor,
    schoolId,
    id,
    { status: 'answered', answer_text: input.text.trim(), answered_on: input.answeredOn, answer_method: input.method.trim() },
    { answered: true },
  );
}

/** Declines a repeated complaint already answered on the merits (§5.1.2), recording which one. */
export async function declineRepeatedComplaint(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { repeatOfId: string; declinedOn: string },
) {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  const row = await mustFind(deps, schoolId, id);
  if (row.status !== 'open') throw conflict('error.oversight.closed');
  if (input.repeatOfId === id) throw invalid('error.oversight.repeatSelf');
  const earlier = await repo.findComplaint(deps.db, schoolId, input.repeatOfId);
  if (!earlier)
    throw new AppError(
      422,
      'invalid',
      'error.referenceNotFound',
      { what: translate(actor.locale, 'oversight.ref.complaint') },
      { field: 'repeatOfId' },
    );
  if (earlier.status !== 'answered') throw invalid('error.oversight.repeatNotAnswered');
  checkDate(row, input.declinedOn, await schoolToday(deps, schoolId));
  return update(
    deps,
    actor,
    schoolId,
    id,
    { status: 'declined', repeat_of_id: earlier.id, declined_on: input.declinedOn },
    { declined: true },
  );
}

export function presentInspection(r: repo.InspectionRow) {
  return {
    id: r.id,
    kind: r.kind as InspectionKind,
    complaintId: r.complaint_id,
    complaintNumber: r.complaint_number,
    subject: r.subject,
    orderRef: r.order_ref,
    startsOn: r.starts_on,
    resultText: r.result_text,
    resultOn: r.result_on,
    resultSentOn: r.result_sent_on,
    resultSentMethod: r.result_sent_method,
  };
}
export type Inspection = ReturnType<typeof presentInspection>;

async function mustFindInspection(deps: Deps, schoolId: string, id: string): Promise<repo.InspectionRow> {
  const row = await repo.findInspection(deps.db, schoolId, id);
  if (!row) throw notFound();
  return row;
}

/**
 * Records an inspection (seed 002 §4.1): planned ones at most once a calendar year (a unique index
 * backs the check), unplanned ones on a complaint.
 */
export async function createInspection(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  input: { kind: InspectionKind; complaintId?: string | null; subject: string; orderRef: string; startsOn: string },
): Promise<Inspection> {
  requireSchoolPermission(actor, schoolId, Permission.inspectionManage);
  const year = Number(input.startsOn.slice(0, 4));
  if (input.kind === 'planned') {
    if (input.complaintId) throw invalid('error.oversight.plannedNoComplaint');
    if (await repo.plannedInYear(deps.db, schoolId, year)) throw conflict('error.oversight.plannedThisYear', { year });
  } else {
    if (!input.complaintId) throw invalid('error.oversight.unplannedNeedsComplaint');
    if (!(await repo.findComplaint(deps.db, schoolId, input.complaintId))) {
      throw new AppError(
        422,
        'invalid',
        'error.referenceNotFound',
        { what: translate(actor.locale, 'oversight.ref.complaint') },
        { field: 'complaintId' },
      );
    }
  }
  const now = deps.clock.now();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('inspections')
        .values({
          id,
          school_id: schoolId,
          kind: input.kind,
          planned_year: input.kind === 'planned' ? year : null,
          complaint_id: input.kind === 'unplanned' ? (input.complaintId ?? null) : null,
          subject: input.subject.trim(),
          order_ref: input.orderRef.trim(),
          starts_on: input.startsOn,
          result_text: null,
          result_on: null,
          result_sent_on: null,
          result_sent_method: null,
          created_by: actor.userId ?? 'system',
          created_at: now.toISOString(),
        })
        .execute();
      await recordChange(trx, {
        kind: ChangeKind.inspection,
        action: 'create',
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at: now.toISOString(),
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: AuditAction.create,
        entity: 'inspection',
        entityId: id,
        details: { kind: input.kind },
      });
    });
  } catch (e) {
    // Two planned inspections registered at once: the unique index answers for the loser.
    if (input.kind === 'planned' && (await repo.plannedInYear(deps.db, schoolId, year)))
      throw conflict('error.oversight.plannedThisYear', { year });
    throw e;
  }
  return presentInspection(await mustFindInspection(deps, schoolId, id));
}

/** The register of quality checks (seed 002 §2.13 row 1). */
export async function listInspections(deps: Deps, actor: Actor, schoolId: string): Promise<Inspection[]> {
  requireSchoolPermission(actor, schoolId, Permission.inspectionManage);
  return (await repo.listInspections(deps.db, schoolId)).map(presentInspection);
}

/** The written result («справка», §4.1). */
export async function recordInspectionResult(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { resultText: string; resultOn: string },
) {
  requireSchoolPermission(actor, schoolId, Permission.inspectionManage);
  const row = await mustFindInspection(deps, schoolId, id);
  if (row.result_on) throw conflict('error.oversight.resultExists');
  const onDate = await schoolToday(deps, schoolId);
  if (input.resultOn > onDate) throw invalid('error.service.dateInFuture');
  if (input.resultOn < row.starts_on) throw invalid('error.oversight.dateBeforeRegistration', { date: row.starts_on });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('inspections')
      .set({ result_text: input.resultText.trim(), result_on: input.resultOn })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.inspection,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'inspection',
      entityId: id,
      details: { result: true },
    });
  });
  return presentInspection(await mustFindInspection(deps, schoolId, id));
}

/** The result of an inspection on a complaint is sent to the complainant in writing (§4.1). */
export async function recordInspectionResultSent(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  input: { sentOn: string; method: string },
) {
  requireSchoolPermission(actor, schoolId, Permission.inspectionManage);
  const row = await mustFindInspection(deps, schoolId, id);
  if (!row.complaint_id) throw invalid('error.oversight.notOnComplaint');
  if (!row.result_on) throw invalid('error.oversight.noResultYet');
  const onDate = await schoolToday(deps, schoolId);
  if (input.sentOn > onDate) throw invalid('error.service.dateInFuture');
  if (input.sentOn < row.result_on) throw invalid('error.oversight.dateBeforeRegistration', { date: row.result_on });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('inspections')
      .set({ result_sent_on: input.sentOn, result_sent_method: input.method.trim() })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.inspection,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'inspection',
      entityId: id,
      details: { resultSent: true },
    });
  });
  return presentInspection(await mustFindInspection(deps, schoolId, id));
}

/** The complaint book as PDF; the complainants' data is personal: audited as an export. */
export async function printComplaintBook(deps: Deps, actor: Actor, schoolId: string): Promise<Buffer> {
  requireSchoolPermission(actor, schoolId, Permission.complaintManage);
  // A bulk export of personal data: a fresh second factor (issue 12.3, decision 013).
  await requireFreshSecondFactor(deps, actor);
  const onDate = await schoolToday(deps, schoolId);
  const rows = await repo.listComplaints(deps.db, deps.dialect, schoolId, {}, onDate);
  const school = await deps.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst();
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'complaint',
    details: { count: rows.length },
  });
  return complaintBookPdf(actor.locale, school?.name ?? '', rows, new Map(rows.map((r) => [r.id, r.number])), onDate);
}

/**
 * Whether the complaint book and the register of checks are kept (seed 002 table 2.13 row 1,
 * decision 015 §3): open complaints past their (extended) due date, and inspections started more
 * than 30 days before `onDate` with no result. For the reports module (no access check: its
 * caller has made its own).
 */
export async function oversightKeeping(
  deps: Deps,
  schoolId: string,
  onDate: string,
): Promise<{ overdueComplaints: number; inspectionsWithoutResult: number }> {
  const [overdue, inspections] = await Promise.all([
    repo.listComplaints(deps.db, deps.dialect, schoolId, { status: 'overdue' }, onDate),
    repo.listInspections(deps.db, schoolId),
  ]);
  const stale = addDays(onDate, -30);
  return {
    overdueComplaints: overdue.length,
    inspectionsWithoutResult: inspections.filter((i) => i.result_on === null && i.starts_on < stale).length,
  };
}
