import { Permission } from '../../../contract/permissions.js';
import type {
  CurriculumCreate,
  CurriculumEntry,
  CurriculumFilter,
  CurriculumPatch,
  Subject,
  SubjectCreate,
  SubjectPatch,
} from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind } from '../changes/changes.service.js';
import {
  type CurriculumRow,
  deleteCurriculumRow,
  deleteSubjectRow,
  findClassRow,
  findCurriculumDuplicate,
  findCurriculumRow,
  findGroupRow,
  findSubject,
  findSubjectByName,
  insertCurriculum,
  insertSubject,
  isCurrentStaff,
  listCurriculumRows,
  listSubjectRows,
  subjectInUse,
  updateCurriculumRow,
  updateSubjectRow,
} from './classes.repository.js';
import { presentCurriculum, presentSubject } from './school.presenter.js';
import { changedFields, cleanText, referenceNotFound, requireSomeField, withConstraintErrors } from './school.rules.js';
import type { SubjectsTable } from './school.table.js';
import { recordSchoolChange } from './school-changes.js';

/** Subjects and the curriculum: who teaches which subject to which class or group, hours per week (R1.3). */

async function audit(deps: Deps, db: Db, actor: Actor, schoolId: string, action: AuditAction, entity: string, id: string, details = {}) {
  await recordAudit(db, actor, deps.clock.now(), { schoolId, action, entity, entityId: id, details });
}

const duplicateSubject = (name: string) => conflict('error.school.duplicateSubject', { name });
const duplicateEntry = () => conflict('error.school.duplicateCurriculum');

// ---------------------------------------------------------------- subjects

/** Subjects of a school by name. Checks school.read. */
export async function listSubjects(deps: Deps, actor: Actor, schoolId: string): Promise<Subject[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listSubjectRows(deps.db, schoolId)).map(presentSubject);
}

/** Adds a subject; its name is unique within the school. */
export async function createSubject(deps: Deps, actor: Actor, schoolId: string, input: SubjectCreate): Promise<Subject> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const row: SubjectsTable = {
    id: newId(),
    school_id: schoolId,
    name: cleanText('name', input.name),
    short_name: cleanText('shortName', input.shortName),
  };
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'create', row.id);
    if (await findSubjectByName(trx, schoolId, row.name)) throw duplicateSubject(row.name);
    await withConstraintErrors(
      () => insertSubject(trx, row),
      () => duplicateSubject(row.name),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'subject', row.id);
  });
  return presentSubject(row);
}

/** Renames a subject or changes its short name. */
export async function updateSubject(deps: Deps, actor: Actor, schoolId: string, subjectId: string, patch: SubjectPatch): Promise<Subject> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'update', subjectId);
    const subject = await findSubject(trx, schoolId, subjectId);
    if (!subject) throw notFound();
    const next: SubjectsTable = {
      ...subject,
      ...(patch.name !== undefined ? { name: cleanText('name', patch.name) } : {}),
      ...(patch.shortName !== undefined ? { short_name: cleanText('shortName', patch.shortName) } : {}),
    };
    const clash = await findSubjectByName(trx, schoolId, next.name);
    if (clash && clash.id !== subjectId) throw duplicateSubject(next.name);
    await withConstraintErrors(
      () => updateSubjectRow(trx, schoolId, subjectId, { name: next.name, short_name: next.short_name }),
      () => duplicateSubject(next.name),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'subject', subjectId, { fields: changedFields(patch) });
    return presentSubject(next);
  });
}

/** Deletes a subject nobody teaches; 409 while the curriculum uses it. */
export async function deleteSubject(deps: Deps, actor: Actor, schoolId: string, subjectId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'delete', subjectId);
    if (!(await findSubject(trx, schoolId, subjectId))) throw notFound();
    if (await subjectInUse(trx, schoolId, subjectId)) throw conflict('error.inUse');
    await withConstraintErrors(() => deleteSubjectRow(trx, schoolId, subjectId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'subject', subjectId);
  });
}

// ---------------------------------------------------------------- curriculum

/**
 * Curriculum entries of a school with subject, teacher («Иванова М. П.») and class or group
 * names; filters combine with AND (classId matches entries for the class itself, not its groups).
 * Checks school.read.
 */
export async function listCurriculum(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  filter: CurriculumFilter = {},
): Promise<CurriculumEntry[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listCurriculumRows(deps.db, schoolId, filter)).map(presentCurriculum);
}

async function requireSubjectRef(db: Db, actor: Actor, schoolId: string, subjectId: string): Promise<void> {
  if (!(await findSubject(db, schoolId, subjectId))) throw referenceNotFound(actor, 'school.ref.subject', 'subjectId');
}

async function requireTeacherRef(db: Db, actor: Actor, schoolId: string, teacherId: string): Promise<void> {
  if (!(await isCurrentStaff(db, schoolId, teacherId))) throw referenceNotFound(actor, 'school.ref.teacher', 'teacherId');
}

/** Adds who teaches a subject to a class or a group (exactly one); the year is the class's or group's. */
export async function createCurriculum(deps: Deps, actor: Actor, schoolId: string, input: CurriculumCreate): Promise<CurriculumEntry> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const classId = input.classId ?? null;
  const groupId = input.groupId ?? null;
  if ((classId === null) === (groupId === null)) throw invalid('error.classOrGroup');
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'create', null);
    await requireSubjectRef(trx, actor, schoolId, input.subjectId);
    await requireTeacherRef(trx, actor, schoolId, input.teacherId);
    let yearId: string;
    if (classId) {
      const owner = await findClassRow(trx, schoolId, classId);
      if (!owner) throw referenceNotFound(actor, 'school.ref.class', 'classId');
      yearId = owner.year_id;
    } else {
      const group = await findGroupRow(trx, schoolId, groupId as string);
      if (!group) throw referenceNotFound(actor, 'school.ref.group', 'groupId');
      yearId = group.year_id;
    }
    const entry = { subjectId: input.subjectId, teacherId: input.teacherId, classId, groupId };
    if (await findCurriculumDuplicate(trx, schoolId, entry, null)) throw duplicateEntry();
    const id = newId();
    await insertCurriculum(trx, {
      id,
      school_id: schoolId,
      year_id: yearId,
      subject_id: input.subjectId,
      teacher_id: input.teacherId,
      class_id: classId,
      group_id: groupId,
      hours_per_week: input.hoursPerWeek,
    });
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'curriculum', id);
    return presentCurriculum((await findCurriculumRow(trx, schoolId, id)) as CurriculumRow);
  });
}

/** Changes the subject, teacher or hours of an entry (its class or group stays). */
export async function updateCurriculum(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  patch: CurriculumPatch,
): Promise<CurriculumEntry> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'update', id);
    const current = await findCurriculumRow(trx, schoolId, id);
    if (!current) throw notFound();
    if (patch.subjectId !== undefined) await requireSubjectRef(trx, actor, schoolId, patch.subjectId);
    if (patch.teacherId !== undefined) await requireTeacherRef(trx, actor, schoolId, patch.teacherId);
    const entry = {
      subjectId: patch.subjectId ?? current.subject_id,
      teacherId: patch.teacherId ?? current.teacher_id,
      classId: current.class_id,
      groupId: current.group_id,
    };
    if (await findCurriculumDuplicate(trx, schoolId, entry, id)) throw duplicateEntry();
    await updateCurriculumRow(trx, schoolId, id, {
      subject_id: entry.subjectId,
      teacher_id: entry.teacherId,
      hours_per_week: patch.hoursPerWeek ?? current.hours_per_week,
    });
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'curriculum', id, { fields: changedFields(patch) });
    return presentCurriculum((await findCurriculumRow(trx, schoolId, id)) as CurriculumRow);
  });
}

/** Removes a curriculum entry; 409 while the timetable or journal still refer to it. */
export async function deleteCurriculum(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.curriculum, 'delete', id);
    if (!(await findCurriculumRow(trx, schoolId, id))) throw notFound();
    await withConstraintErrors(() => deleteCurriculumRow(trx, schoolId, id));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'curriculum', id);
  });
}
