import type { Updateable } from 'kysely';
import { Permission } from '../../../contract/permissions.js';
import type {
  MyStudent,
  Student,
  StudentCreate,
  StudentListItem,
  StudentListQuery,
  StudentUpdate,
} from '../../../contract/schemas/people.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission, requireStudentsVisible, rolesInSchool, studentScope } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { foldForSearch, searchTextOf } from '../../lib/search-text.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { chargeReads } from '../security/read-budget.service.js';
import { maskStudent, refuseWithheldInput, withheldStudentColumns } from './consent-fields.js';
import { findSchools } from './lookups.repository.js';
import { applyMovement } from './movements.service.js';
import { changedColumns, requirePermissionOverStudent, schoolToday } from './people.common.js';
import { presentStudent, presentStudentListItem } from './people.presenter.js';
import type { StudentsTable } from './people.table.js';
import * as repo from './students.repository.js';

const duplicateFileNumber = (fileNumber: string) => conflict('error.duplicateFileNumber', { fileNumber });

/**
 * Students of a school the actor may see (policy studentScope, filtered in SQL), with their class
 * on the date; names and file numbers only. Audited once per call.
 */
export async function listStudents(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: StudentListQuery,
): Promise<{ items: StudentListItem[]; total: number }> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  const onDate = q.onDate ?? (await schoolToday(deps, schoolId));
  const scope = await studentScope(deps.db, actor, schoolId, onDate);
  const { rows, total } = await repo.listStudents(deps.db, deps.dialect, {
    schoolId,
    onDate,
    classId: q.classId,
    groupId: q.groupId,
    q: q.q ? foldForSearch(q.q) : undefined,
    visible: scope.kind === 'all' ? { kind: 'all' } : { kind: 'some', ids: scope.studentIds },
    limit: q.limit,
    offset: q.offset,
  });
  await chargeReads(deps, actor, schoolId, rows.length);
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'student',
    details: { count: rows.length },
  });
  return { items: rows.map(presentStudentListItem), total };
}

async function loadStudent(db: Db, schoolId: string, id: string, today: string): Promise<Student> {
  const row = await repo.findStudent(db, schoolId, id);
  if (!row) throw notFound();
  const student = presentStudent(row, await repo.classOnDate(db, schoolId, id, today), await repo.parentsOfStudent(db, schoolId, id));
  // R6.2: what no valid consent allows is not shown, whoever asks (decision 013).
  return maskStudent(student, await withheldStudentColumns(db, schoolId, id, today));
}

/** A student's full record; 404 for a student the actor may not see. Audited as a read. */
export async function getStudent(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<Student> {
  const today = await schoolToday(deps, schoolId);
  await requireStudentsVisible(deps.db, actor, schoolId, [id], today);
  const student = await loadStudent(deps.db, schoolId, id, today);
  await chargeReads(deps, actor, schoolId, 1);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: 'student', entityId: id });
  return student;
}

function rowFields(input: StudentUpdate): Updateable<StudentsTable> {
  const row: Updateable<StudentsTable> = {};
  if (input.fileNumber !== undefined) row.file_number = input.fileNumber.trim();
  if (input.surname !== undefined) row.surname = input.surname.trim();
  if (input.name !== undefined) row.name = input.name.trim();
  if (input.patronymic !== undefined) row.patronymic = input.patronymic.trim();
  if (input.birthDate !== undefined) row.birth_date = input.birthDate;
  if (input.sex !== undefined) row.sex = input.sex;
  if (input.residenceAddress !== undefined) row.residence_address = input.residenceAddress;
  if (input.registrationAddress !== undefined) row.registration_address = input.registrationAddress;
  if (input.homePhone !== undefined) row.home_phone = input.homePhone;
  if (input.mobilePhone !== undefined) row.mobile_phone = input.mobilePhone;
  if (input.birthCertificate !== undefined) row.birth_certificate = input.birthCertificate;
  if (input.hasHomePc !== undefined) row.has_home_pc = input.hasHomePc === null ? null : input.hasHomePc ? 1 : 0;
  if (input.email !== undefined) row.email = input.email;
  if (input.foreignLanguage !== undefined) row.foreign_language = input.foreignLanguage;
  if (input.additionalEducation !== undefined) row.additional_education = input.additionalEducation;
  if (input.studyForm !== undefined) row.study_form = input.studyForm;
  if (input.studyProgram !== undefined) row.study_program = input.studyProgram;
  return row;
}

/** Creates a student (person.manage), optionally enrolled in a class in the same transaction. */
export async function createStudent(deps: Deps, actor: Actor, schoolId: string, input: StudentCreate): Promise<Student> {
  requireSchoolPermission(actor, schoolId, Permission.personManage);
  const now = deps.clock.now();
  const id = newId();
  const { enrolment, ...fields } = input;
  // A new record has no consent yet (a consent names its student): only the school's own fields.
  refuseWithheldInput(actor, 'student', fields, await withheldStudentColumns(deps.db, schoolId, null, ''));
  const row = rowFields(fields);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.fileNumberTaken(trx, schoolId, row.file_number as string)) throw duplicateFileNumber(row.file_number as string);
    await repo.insertStudent(trx, {
      ...row,
      id,
      school_id: schoolId,
      user_id: null,
      file_number: row.file_number as string,
      surname: row.surname as string,
      name: row.name as string,
      patronymic: row.patronymic ?? '',
      birth_date: input.birthDate,
      sex: input.sex,
      study_form: input.studyForm ?? 'full_time',
      search_text: searchTextOf(row.surname, row.name, row.patronymic, row.file_number),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordChange(trx, {
      kind: ChangeKind.student,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      students: [id],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'student',
      entityId: id,
      details: { fields: Object.keys(fields) },
    });
    if (enrolment) {
      await applyMovement({ db: trx, dialect: deps.dialect, actor, now, schoolId }, id, { kind: 'enrol', ...enrolment });
    }
  });
  return loadStudent(deps.db, schoolId, id, await schoolToday(deps, schoolId));
}

/** Changes some fields of a student (person.manage); the audit names the changed fields. */
export async function updateStudent(deps: Deps, actor: Actor, schoolId: string, id: string, input: StudentUpdate): Promise<Student> {
  await requirePermissionOverStudent(deps, actor, schoolId, id, Permission.personManage);
  const now = deps.clock.now();
  const today = await schoolToday(deps, schoolId);
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.findStudent(trx, schoolId, id);
    if (!current) throw notFound();
    refuseWithheldInput(actor, 'student', input, await withheldStudentColumns(trx, schoolId, id, today));
    const { patch, fields } = changedColumns(current, rowFields(input) as Partial<StudentsTable>);
    if (fields.length === 0) return;
    // Diaries and journals show the student's name.
    await recordChange(trx, {
      kind: ChangeKind.student,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      students: [id],
    });
    if (patch.file_number !== undefined && (await repo.fileNumberTaken(trx, schoolId, patch.file_number, id))) {
      throw duplicateFileNumber(patch.file_number);
    }
    const next = { ...current, ...patch };
    await repo.updateStudent(trx, schoolId, id, {
      ...patch,
      search_text: searchTextOf(next.surname, next.name, next.patronymic, next.file_number),
      updated_at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'student', entityId: id, details: { fields } });
  });
  return loadStudent(deps.db, schoolId, id, today);
}

/**
 * The students a user account is linked to across schools — their children (as a parent) or
 * themself (as a student) — with the class today. For the parent's child switcher. Trusted on
 * the user id: call it only with the signed-in user's own id.
 */
export async function studentsOfUser(deps: Deps, userId: string): Promise<MyStudent[]> {
  const linked = await repo.studentsLinkedToUser(deps.db, userId);
  const schools = new Map((await findSchools(deps.db, [...new Set(linked.map((s) => s.school_id))])).map((s) => [s.id, s]));
  const result: MyStudent[] = [];
  const seen = new Set<string>();
  for (const s of linked) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const school = schools.get(s.school_id);
    if (!school) continue;
    const today = await schoolToday(deps, s.school_id);
    result.push({
      id: s.id,
      schoolId: s.school_id,
      schoolName: school.name,
      surname: s.surname,
      name: s.name,
      patronymic: s.patronymic,
      relation: s.relation,
      class: await repo.classOnDate(deps.db, s.school_id, s.id, today),
    });
  }
  return result.sort((a, b) => a.surname.localeCompare(b.surname, 'ru') || a.name.localeCompare(b.name, 'ru'));
}

/** GET /api/my/students: the signed-in user's own children or themself. Audited once per call. */
export async function myStudents(deps: Deps, actor: Actor): Promise<MyStudent[]> {
  if (!actor.userId) return [];
  const linked = await studentsOfUser(deps, actor.userId);
  // R6.5: a child whose consent is withdrawn or missing disappears from the family's list too;
  // the access policy is the one place that knows which children are visible today.
  const visible = new Set<string>();
  for (const schoolId of new Set(linked.map((s) => s.schoolId))) {
    const scope = await studentScope(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
    for (const s of linked) {
      if (s.schoolId === schoolId && (scope.kind === 'all' || scope.studentIds.includes(s.id))) visible.add(s.id);
    }
  }
  const items = linked.filter((s) => visible.has(s.id));
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId: null,
    action: AuditAction.list,
    entity: 'student',
    details: { count: items.length },
  });
  return items;
}

/** The class a student is in on a date, or null. Trusted: no access check — for other modules' services. */
export async function classOfStudentOn(
  deps: Deps,
  schoolId: string,
  studentId: string,
  date: string,
): Promise<{ id: string; name: string } | null> {
  return repo.classOnDate(deps.db, schoolId, studentId, date);
}

/** A student's name, or null if no such student in the school. Trusted: no access check — for other modules' services (notifications, reports). */
export async function getStudentName(
  deps: Deps,
  schoolId: string,
  studentId: string,
): Promise<{ surname: string; name: string; patronymic: string } | null> {
  const row = await repo.findStudent(deps.db, schoolId, studentId);
  return row ? { surname: row.surname, name: row.name, patronymic: row.patronymic } : null;
}
