import { BuiltInScale, type Grade } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { runWrite } from '../../db/group-commit.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { scaleOfItem, scaleName } from './curriculum-scales.service.js';
import * as repo from './journal.repository.js';
import {
  ensureWorkTypes,
  guardLockOn,
  type JournalContext,
  openJournal,
  presentGrade,
  requireInYear,
  requireItemWrite,
  requireLesson,
  requireLessonWrite,
  requireOnRoster,
  resolveScale,
  scalesOf,
  whatMissing,
} from './journal-context.js';
import { builtInScale } from './scales.js';

const snapshot = (g: { value: string; scale: string; work_type_id: string; comment: string }) => ({
  value: g.value,
  scale: g.scale,
  workTypeId: g.work_type_id,
  comment: g.comment,
});

/**
 * A grade's value on its journal's scale (R3.2): the curriculum item's own, else the school's
 * default. «зач»/«незач» may be given on any item for one piece of work (never averaged); another
 * scale is refused. A changed grade may keep a value of the scale it was given on (`kept`).
 */
async function checkedValue(
  deps: Deps,
  actor: Actor,
  ctx: JournalContext,
  value: string,
  scaleCode: string | undefined,
  kept?: string,
) {
  const own = await scaleOfItem(deps, actor, ctx.schoolId, ctx.item.id);
  let scale = own;
  if (scaleCode !== undefined && scaleCode !== own.code) {
    if (scaleCode !== BuiltInScale.passFail) throw invalid('error.journal.scaleNotOfItem', { scale: scaleName(actor, own) });
    scale = await resolveScale(deps, actor, ctx.schoolId, scaleCode);
  }
  let found = scale.values.find((v) => v.value === value);
  if (!found && kept !== undefined && kept !== scale.code) {
    const old = builtInScale(kept) ?? (await scalesOf(deps, actor, ctx.schoolId)).scales.find((s) => s.code === kept);
    found = old?.values.find((v) => v.value === value);
    if (old && found) scale = old;
  }
  if (!found) throw invalid('error.journal.valueNotInScale', { value, scale: scaleName(actor, scale) });
  return { scale: scale.code, value: found.value, numeric: found.numeric };
}

async function checkedWorkType(deps: Deps, actor: Actor, schoolId: string, workTypeId: string) {
  const types = await ensureWorkTypes(deps, schoolId);
  if (!types.some((t) => t.id === workTypeId)) throw whatMissing(actor, 'journal.what.workType');
}

/**
 * Gives a grade (R3.2): in a lesson (date + lessonNumber; the lesson is materialised on first
 * write) or outside a lesson for a dated piece of work (no lessonNumber).
 */
export async function createGrade(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  body: {
    studentId: string;
    date: string;
    lessonNumber?: number;
    value: string;
    scale?: string;
    workTypeId: string;
    comment?: string;
    reason?: string;
  },
): Promise<Grade> {
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  if (body.lessonNumber !== undefined) {
    await requireLessonWrite(deps, ctx, body.date, body.lessonNumber);
    await requireLesson(deps, ctx, body.date, body.lessonNumber);
  } else {
    requireItemWrite(ctx);
    requireInYear(ctx, body.date);
  }
  await requireOnRoster(deps, ctx, body.studentId, body.date);
  await checkedWorkType(deps, actor, schoolId, body.workTypeId);
  const checked = await checkedValue(deps, actor, ctx, body.value, body.scale);
  const reason = await guardLockOn(deps, ctx, body.date, body.reason);
  const id = newId();
  const now = deps.clock.now();
  const at = now.toISOString();
  await runWrite(deps, async (trx) => {
    const lesson =
      body.lessonNumber === undefined
        ? null
        : await repo.ensureLesson(trx, schoolId, curriculumId, body.date, body.lessonNumber, at, actor.userId);
    await trx
      .insertInto('grades')
      .values({
        id,
        school_id: schoolId,
        curriculum_id: curriculumId,
        lesson_id: lesson?.id ?? null,
        student_id: body.studentId,
        work_date: body.date,
        value: checked.value,
        numeric_value: checked.numeric,
        scale: checked.scale,
        work_type_id: body.workTypeId,
        comment: body.comment ?? '',
        version: 1,
        entered_by: actor.userId,
        entered_at: at,
        updated_by: actor.userId,
        updated_at: at,
      })
      .execute();
    await repo.appendHistory(trx, {
      schoolId,
      curriculumId,
      entity: 'grade',
      entityId: id,
      action: 'create',
      studentId: body.studentId,
      lessonId: lesson?.id ?? null,
      oldValue: null,
      newValue: { value: checked.value, scale: checked.scale, workTypeId: body.workTypeId, comment: body.comment ?? '' },
      reason,
      changedBy: actor.userId,
      changedAt: at,
    });
    await recordChange(trx, {
      kind: ChangeKind.grade,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at,
      students: [body.studentId],
      curricula: [curriculumId],
      dates: [body.date],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'grade',
      entityId: id,
      details: { curriculumId, ...(reason ? { closedPeriodReason: reason } : {}) },
    });
  });
  return presentGrade((await repo.findGrade(deps.db, schoolId, id)) as repo.GradeRow);
}

async function loadForChange(deps: Deps, actor: Actor, schoolId: string, gradeId: string) {
  const grade = await repo.findGrade(deps.db, schoolId, gradeId);
  if (!grade) throw notFound();
  const ctx = await openJournal(deps, actor, schoolId, grade.curriculum_id);
  if (grade.lesson_id && grade.lesson_number !== null) await requireLessonWrite(deps, ctx, grade.work_date, grade.lesson_number);
  else requireItemWrite(ctx);
  return { grade, ctx };
}

/** 409 with the grade as it now is; reads through the open transaction (SQLite has one connection). */
async function stale(db: Db, schoolId: string, gradeId: string) {
  const current = await repo.findGrade(db, schoolId, gradeId);
  return conflict('error.journal.stale', {}, { current: current ? presentGrade(current) : null });
}

/** Changes a grade's value, work type or comment; a stale version gets 409 with the current grade. */
export async function updateGrade(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  gradeId: string,
  body: { value?: string; workTypeId?: string; comment?: string; version: number; reason?: string },
): Promise<Grade> {
  const { grade, ctx } = await loadForChange(deps, actor, schoolId, gradeId);
  if (body.version !== grade.version) throw conflict('error.journal.stale', {}, { current: presentGrade(grade) });
  if (body.workTypeId !== undefined) await checkedWorkType(deps, actor, schoolId, body.workTypeId);
  const checked = body.value === undefined ? null : await checkedValue(deps, actor, ctx, body.value, undefined, grade.scale);
  const reason = await guardLockOn(deps, ctx, grade.work_date, body.reason);
  const now = deps.clock.now();
  const at = now.toISOString();
  const next = {
    value: checked?.value ?? grade.value,
    scale: checked?.scale ?? grade.scale,
    work_type_id: body.workTypeId ?? grade.work_type_id,
    comment: body.comment ?? grade.comment,
  };
  await runWrite(deps, async (trx) => {
    const res = await trx
      .updateTable('grades')
      .set({
        value: next.value,
        numeric_value: checked ? checked.numeric : grade.numeric_value,
        scale: next.scale,
        work_type_id: next.work_type_id,
        comment: next.comment,
        version: grade.version + 1,
        updated_by: actor.userId,
        updated_at: at,
      })
      .where('id', '=', gradeId)
      .where('school_id', '=', schoolId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw await stale(trx, schoolId, gradeId);
    await repo.appendHistory(trx, {
      schoolId,
      curriculumId: grade.curriculum_id,
      entity: 'grade',
      entityId: gradeId,
      action: 'update',
      studentId: grade.student_id,
      lessonId: grade.lesson_id,
      oldValue: snapshot(grade),
      newValue: snapshot(next),
      reason,
      changedBy: actor.userId,
      changedAt: at,
    });
    await recordChange(trx, {
      kind: ChangeKind.grade,
      action: 'update',
      schoolId,
      entityId: gradeId,
      actorId: actor.userId,
      at,
      students: [grade.student_id],
      curricula: [grade.curriculum_id],
      dates: [grade.work_date],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'grade',
      entityId: gradeId,
      details: {
        curriculumId: grade.curriculum_id,
        fields: Object.keys(body).filter((k) => k !== 'version' && k !== 'reason'),
        ...(reason ? { closedPeriodReason: reason } : {}),
      },
    });
  });
  return presentGrade((await repo.findGrade(deps.db, schoolId, gradeId)) as repo.GradeRow);
}

/** Removes a grade; the history keeps what it was. A stale version gets 409. */
export async function deleteGrade(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  gradeId: string,
  q: { version: number; reason?: string },
): Promise<void> {
  const { grade, ctx } = await loadForChange(deps, actor, schoolId, gradeId);
  if (q.version !== grade.version) throw conflict('error.journal.stale', {}, { current: presentGrade(grade) });
  const reason = await guardLockOn(deps, ctx, grade.work_date, q.reason);
  const now = deps.clock.now();
  const at = now.toISOString();
  await runWrite(deps, async (trx) => {
    const res = await trx
      .deleteFrom('grades')
      .where('id', '=', gradeId)
      .where('school_id', '=', schoolId)
      .where('version', '=', q.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw await stale(trx, schoolId, gradeId);
    await repo.appendHistory(trx, {
      schoolId,
      curriculumId: grade.curriculum_id,
      entity: 'grade',
      entityId: gradeId,
      action: 'delete',
      studentId: grade.student_id,
      lessonId: grade.lesson_id,
      oldValue: snapshot(grade),
      newValue: null,
      reason,
      changedBy: actor.userId,
      changedAt: at,
    });
    await recordChange(trx, {
      kind: ChangeKind.grade,
      action: 'delete',
      schoolId,
      entityId: gradeId,
      actorId: actor.userId,
      at,
      students: [grade.student_id],
      curricula: [grade.curriculum_id],
      dates: [grade.work_date],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.delete,
      entity: 'grade',
      entityId: gradeId,
      details: { curriculumId: grade.curriculum_id, ...(reason ? { closedPeriodReason: reason } : {}) },
    });
  });
}
