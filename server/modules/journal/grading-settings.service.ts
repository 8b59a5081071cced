import { Permission } from '../../../contract/permissions.js';
import type { GradeScale, WorkType } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as repo from './journal.repository.js';
import { ensureWorkTypes, presentWorkType, scalesOf, whatMissing } from './journal-context.js';

/** The message key naming a work type: the diary shows it beside each grade. */
export { workTypeNameKey } from './scales.js';

/** The school's grade scales (built-in and its own) and which one is the default (R3.2). */
export async function listScales(deps: Deps, actor: Actor, schoolId: string): Promise<{ defaultScale: string; items: GradeScale[] }> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const { defaultScale, scales } = await scalesOf(deps, actor, schoolId);
  return { defaultScale, items: scales.map((s) => ({ code: s.code, name: s.name, builtIn: s.builtIn, values: s.values })) };
}

/** Defines a school's own scale: allowed values with numeric equivalents (null: not averaged). */
export async function createScale(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  body: { name: string; values: Array<{ value: string; numeric: number | null }> },
): Promise<GradeScale> {
  requireSchoolPermission(actor, schoolId, Permission.gradingManage);
  const values = body.values.map((v) => ({ value: v.value.trim(), numeric: v.numeric }));
  if (new Set(values.map((v) => v.value)).size !== values.length || values.some((v) => v.value === '')) {
    throw invalid('error.journal.scaleValuesDuplicate');
  }
  const id = newId();
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('grade_scales')
        .values({ id, school_id: schoolId, name: body.name.trim(), values_json: JSON.stringify(values), created_at: now.toISOString() })
        .execute();
      await recordChange(trx, {
        kind: ChangeKind.gradingSettings,
        action: 'create',
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at: now.toISOString(),
        wholeSchool: true,
      });
      await recordAudit(trx, actor, now, { schoolId, action: AuditAction.create, entity: 'grade_scale', entityId: id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('error.journal.duplicateScale');
    throw error;
  }
  return { code: id, name: body.name.trim(), builtIn: false, values };
}

/** Chooses the school's default scale (a built-in code or one of its own scales). */
export async function setDefaultScale(deps: Deps, actor: Actor, schoolId: string, scale: string): Promise<{ defaultScale: string }> {
  requireSchoolPermission(actor, schoolId, Permission.gradingManage);
  const { scales } = await scalesOf(deps, actor, schoolId);
  if (!scales.some((s) => s.code === scale)) throw whatMissing(actor, 'journal.what.scale');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('journal_settings')
      .values({ school_id: schoolId, default_scale: scale, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('school_id').doUpdateSet({ default_scale: scale, updated_at: now.toISOString() }))
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.gradingSettings,
      action: 'update',
      schoolId,
      entityId: schoolId,
      actorId: actor.userId,
      at: now.toISOString(),
      wholeSchool: true,
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'journal_settings',
      entityId: schoolId,
      details: { defaultScale: scale },
    });
  });
  return { defaultScale: scale };
}

/** The school's work types with weights (defaults written on first use). */
export async function listWorkTypes(deps: Deps, actor: Actor, schoolId: string): Promise<WorkType[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await ensureWorkTypes(deps, schoolId)).map((w) => presentWorkType(actor, w));
}

/** Adds a school's own work type with its weight. */
export async function createWorkType(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  body: { name: string; weight: number; isControl?: boolean },
): Promise<WorkType> {
  requireSchoolPermission(actor, schoolId, Permission.gradingManage);
  const existing = await ensureWorkTypes(deps, schoolId);
  const name = body.name.trim();
  if (existing.some((w) => presentWorkType(actor, w).name.toLowerCase() === name.toLowerCase())) throw conflict('error.duplicateName');
  const id = newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('work_types')
      .values({
        id,
        school_id: schoolId,
        code: null,
        name,
        weight: body.weight,
        is_control: body.isControl ? 1 : 0,
        ordinal: existing.length + 1,
        created_at: now.toISOString(),
      })
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.gradingSettings,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      wholeSchool: true,
    });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.create, entity: 'work_type', entityId: id });
  });
  const row = (await repo.workTypesOf(deps.db, schoolId)).find((w) => w.id === id) as repo.WorkTypeRow;
  return presentWorkType(actor, row);
}

/** Renames a work type, changes its weight or its control flag; averages follow at once (they are computed on read). */
export async function updateWorkType(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  body: { name?: string; weight?: number; isControl?: boolean },
): Promise<WorkType> {
  requireSchoolPermission(actor, schoolId, Permission.gradingManage);
  const all = await ensureWorkTypes(deps, schoolId);
  const existing = all.find((w) => w.id === id);
  if (!existing) throw notFound();
  if (body.name === undefined && body.weight === undefined && body.isControl === undefined) return presentWorkType(actor, existing);
  const name = body.name?.trim().toLowerCase();
  if (name !== undefined && all.some((w) => w.id !== id && presentWorkType(actor, w).name.toLowerCase() === name)) {
    throw conflict('error.duplicateName');
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('work_types')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.weight !== undefined ? { weight: body.weight } : {}),
        ...(body.isControl !== undefined ? { is_control: body.isControl ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.gradingSettings,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      wholeSchool: true,
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'work_type',
      entityId: id,
      details: { fields: Object.keys(body) },
    });
  });
  const row = (await repo.workTypesOf(deps.db, schoolId)).find((w) => w.id === id) as repo.WorkTypeRow;
  return presentWorkType(actor, row);
}
