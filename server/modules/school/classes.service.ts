import { Permission } from '../../../contract/permissions.js';
import type { ClassCreate, ClassPatch, GroupCreate, GroupPatch, SchoolClass, StudyGroup } from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind } from '../changes/changes.service.js';
import {
  type ClassRow,
  classInUse,
  deleteClassRow,
  deleteGroupRow,
  findClassByName,
  findClassRow,
  findGroupByName,
  findGroupRow,
  groupInUse,
  insertClass,
  insertGroup,
  isCurrentStaff,
  listClassRows,
  listGroupRows,
  updateClassRow,
  updateGroupRow,
} from './classes.repository.js';
import { presentClass, presentGroup } from './school.presenter.js';
import { findYear } from './school.repository.js';
import { changedFields, cleanText, referenceNotFound, requireSomeField, withConstraintErrors } from './school.rules.js';
import { recordSchoolChange } from './school-changes.js';

/** Classes (5А, 11Б) and study groups, inside a class or across classes (R1.2). */

async function audit(deps: Deps, db: Db, actor: Actor, schoolId: string, action: AuditAction, entity: string, id: string, details = {}) {
  await recordAudit(db, actor, deps.clock.now(), { schoolId, action, entity, entityId: id, details });
}

const duplicateClass = (name: string) => conflict('error.school.duplicateClass', { name });
const duplicateGroup = (name: string) => conflict('error.school.duplicateGroup', { name });

async function requireClassTeacher(db: Db, actor: Actor, schoolId: string, staffId: string | null | undefined): Promise<void> {
  if (staffId && !(await isCurrentStaff(db, schoolId, staffId)))
    throw referenceNotFound(actor, 'school.ref.classTeacher', 'classTeacherId');
}

// ---------------------------------------------------------------- classes

/** Classes of a school (optionally of one year) with their class teacher's name. */
export async function listClasses(deps: Deps, actor: Actor, schoolId: string, yearId?: string): Promise<SchoolClass[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listClassRows(deps.db, schoolId, yearId)).map(presentClass);
}

/** One class of the school with its class teacher's name; 404 when it is not this school's. Checks school.read. */
export async function getClass(deps: Deps, actor: Actor, schoolId: string, classId: string): Promise<SchoolClass> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const row = await findClassRow(deps.db, schoolId, classId);
  if (!row) throw notFound();
  return presentClass(row);
}

/** Opens a class in a year; its name is grade + letter (5А), unique within the year. */
export async function createClass(deps: Deps, actor: Actor, schoolId: string, input: ClassCreate): Promise<SchoolClass> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const letter = input.letter.toUpperCase();
  const name = `${input.gradeLevel}${letter}`;
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'create', null);
    if (!(await findYear(trx, schoolId, input.yearId))) throw referenceNotFound(actor, 'school.ref.year', 'yearId');
    await requireClassTeacher(trx, actor, schoolId, input.classTeacherId);
    if (await findClassByName(trx, schoolId, input.yearId, name)) throw duplicateClass(name);
    const row = {
      id: newId(),
      school_id: schoolId,
      year_id: input.yearId,
      grade_level: input.gradeLevel,
      letter,
      name,
      class_teacher_id: input.classTeacherId ?? null,
    };
    await withConstraintErrors(
      () => insertClass(trx, row),
      () => duplicateClass(name),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'class', row.id);
    return presentClass((await findClassRow(trx, schoolId, row.id)) as ClassRow);
  });
}

/** Changes a class's grade, letter or class teacher (null removes the class teacher). */
export async function updateClass(deps: Deps, actor: Actor, schoolId: string, classId: string, patch: ClassPatch): Promise<SchoolClass> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'update', classId);
    const current = await findClassRow(trx, schoolId, classId);
    if (!current) throw notFound();
    await requireClassTeacher(trx, actor, schoolId, patch.classTeacherId);
    const gradeLevel = patch.gradeLevel ?? current.grade_level;
    const letter = patch.letter?.toUpperCase() ?? current.letter;
    const name = `${gradeLevel}${letter}`;
    const clash = await findClassByName(trx, schoolId, current.year_id, name);
    if (clash && clash.id !== classId) throw duplicateClass(name);
    await withConstraintErrors(
      () =>
        updateClassRow(trx, schoolId, classId, {
          grade_level: gradeLevel,
          letter,
          name,
          ...(patch.classTeacherId !== undefined ? { class_teacher_id: patch.classTeacherId } : {}),
        }),
      () => duplicateClass(name),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'class', classId, { fields: changedFields(patch) });
    return presentClass((await findClassRow(trx, schoolId, classId)) as ClassRow);
  });
}

/** Deletes a class made by mistake; 409 once groups, curriculum or students refer to it. */
export async function deleteClass(deps: Deps, actor: Actor, schoolId: string, classId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'delete', classId);
    if (!(await findClassRow(trx, schoolId, classId))) throw notFound();
    if (await classInUse(trx, schoolId, classId)) throw conflict('error.inUse');
    await withConstraintErrors(() => deleteClassRow(trx, schoolId, classId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'class', classId);
  });
}

// ---------------------------------------------------------------- groups

/** Study groups of a school, optionally of one year and/or one class. */
export async function listGroups(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  filter: { yearId?: string; classId?: string },
): Promise<StudyGroup[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listGroupRows(deps.db, schoolId, filter)).map(presentGroup);
}

/** Creates a group inside a class of the same year, or a cross-class group (no class); names are unique within the year. */
export async function createGroup(deps: Deps, actor: Actor, schoolId: string, input: GroupCreate): Promise<StudyGroup> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  const name = cleanText('name', input.name);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'create', null);
    if (!(await findYear(trx, schoolId, input.yearId))) throw referenceNotFound(actor, 'school.ref.year', 'yearId');
    const classId = input.classId ?? null;
    if (classId) {
      const owner = await findClassRow(trx, schoolId, classId);
      if (!owner || owner.year_id !== input.yearId) throw referenceNotFound(actor, 'school.ref.class', 'classId');
    }
    if (await findGroupByName(trx, schoolId, input.yearId, name)) throw duplicateGroup(name);
    const row = { id: newId(), school_id: schoolId, year_id: input.yearId, class_id: classId, name };
    await insertGroup(trx, row);
    await audit(deps, trx, actor, schoolId, AuditAction.create, 'study_group', row.id);
    return presentGroup((await findGroupRow(trx, schoolId, row.id)) as NonNullable<Awaited<ReturnType<typeof findGroupRow>>>);
  });
}

/** Renames a group (its class and year stay: students and curriculum hang on them). */
export async function updateGroup(deps: Deps, actor: Actor, schoolId: string, groupId: string, patch: GroupPatch): Promise<StudyGroup> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'update', groupId);
    const group = await findGroupRow(trx, schoolId, groupId);
    if (!group) throw notFound();
    const name = patch.name === undefined ? group.name : cleanText('name', patch.name);
    const clash = await findGroupByName(trx, schoolId, group.year_id, name);
    if (clash && clash.id !== groupId) throw duplicateGroup(name);
    await updateGroupRow(trx, schoolId, groupId, { name });
    await audit(deps, trx, actor, schoolId, AuditAction.update, 'study_group', groupId, { fields: changedFields(patch) });
    return presentGroup({ ...group, name });
  });
}

/** Deletes a group made by mistake; 409 once curriculum or students refer to it. */
export async function deleteGroup(deps: Deps, actor: Actor, schoolId: string, groupId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.classes, 'delete', groupId);
    if (!(await findGroupRow(trx, schoolId, groupId))) throw notFound();
    if (await groupInUse(trx, schoolId, groupId)) throw conflict('error.inUse');
    await withConstraintErrors(() => deleteGroupRow(trx, schoolId, groupId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, 'study_group', groupId);
  });
}
