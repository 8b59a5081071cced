import { BuiltInScale, type Grade } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { runWrite } from '../../db/group-commit.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { scaleName } from './curriculum-scales.service.js';
import * as repo from './journal.repository.js';
import {
  type JournalContext,
  openJournal,
  presentGrade,
  requireInYear,
  requireItemWrite,
  requireLessonWrite,
  resolveScale,
  scalesOf,
} from './journal-context.js';
import { openJournalForSave } from './save-context.js';
import { claimSaveKey, lostRaceTo, savedUnder, saveKeyOf } from './save-keys.js';
import { builtInScale } from './scales.js';
import { guardWrite } from './write-guard.js';

const snapshot = (g: { value: string; scale: string; work_type_id: string; comment: string }) => ({
  value: g.value,
  scale: g.scale,
  workTypeId: g.work_type_id,
  comment: g.comment,
});

/**
 * A grade's value on its journal's scale (R3.2): the curriculum item's own, else the school's
 * default (`ownCode`, read in the save's guard). «зач»/«незач» may be given on any item for one
 * piece of work (never averaged); another scale is refused. A changed grade may keep a value of the
 * scale it was given on (`kept`). `deps.db` is the save's transaction.
 */
async function checkedValue(
  deps: Deps,
  actor: Actor,
  ctx: JournalContext,
  value: string,
  scaleCode: string | undefined,
  ownCode: string,
  kept?: string,
) {
  const own = builtInScale(ownCode) ?? (await resolveScale(deps, actor, ctx.schoolId, ownCode));
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

/** What a grade save may be retried under: the header's key, bound to this request. */
export interface SaveOptions {
  idempotencyKey?: string;
  /** The session the actor came from (the route may take it from the short session cache). */
  sessionId?: string | null;
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
  options: SaveOptions = {},
): Promise<Grade> {
  const key = saveKeyOf(actor, options.idempotencyKey, `grade.create:${schoolId}:${curriculumId}`, body);
  const earlier = key ? await savedUnder(deps.db, key) : undefined;
  if (earlier) return replayGrade(deps, schoolId, earlier.entityId);
  const ctx = await openJournalForSave(deps, actor, schoolId, curriculumId, options.sessionId);
  if (body.lessonNumber !== undefined) await requireLessonWrite(deps, ctx, body.date, body.lessonNumber);
  else requireItemWrite(ctx);
  requireInYear(ctx, body.date);
  const id = newId();
  const now = deps.clock.now();
  const at = now.toISOString();
  let saved: Grade | undefined;
  try {
    await runWrite(deps, async (trx) => {
      if (key) await claimSaveKey(trx, key, schoolId, id, now);
      const inTrx = { ...deps, db: trx };
      let checked: Awaited<ReturnType<typeof checkedValue>> | undefined;
      const guarded = await guardWrite(
        deps,
        trx,
        ctx,
        {
          studentId: body.studentId,
          date: body.date,
          lessonNumber: body.lessonNumber ?? null,
          workTypeId: body.workTypeId,
          reason: body.reason,
        },
        async (code) => {
          checked = await checkedValue(inTrx, actor, ctx, body.value, body.scale, code);
        },
      );
      if (!checked) throw new Error('grade value not checked');
      saved = await insertGrade(trx, actor, ctx, body, { id, at, now, checked, lessonId: guarded.lessonId, reason: guarded.reason });
    });
  } catch (error) {
    const won = await lostRaceTo(deps.db, key, error);
    if (won) return replayGrade(deps, schoolId, won.entityId);
    throw error;
  }
  return saved as Grade;
}

/** The answer a retried save gets: the grade its key created or changed, as it is now. */
async function replayGrade(deps: Deps, schoolId: string, gradeId: string | null): Promise<Grade> {
  const row = gradeId ? await repo.findGrade(deps.db, schoolId, gradeId) : undefined;
  if (!row) throw conflict('error.journal.stale', {}, { current: null });
  return presentGrade(row);
}

/** The rows of a new grade, inside the save's transaction; answers the grade as written. */
async function insertGrade(
  trx: Db,
  actor: Actor,
  ctx: JournalContext,
  body: { studentId: string; date: string; lessonNumber?: number; workTypeId: string; comment?: string },
  w: {
    id: string;
    at: string;
    now: Date;
    checked: { value: string; numeric: number | null; scale: string };
    lessonId: string | null;
    reason: string | null;
  },
): Promise<Grade> {
  const { schoolId } = ctx;
  const curriculumId = ctx.item.id;
  const { id, at, now, checked, reason } = w;
  const lesson =
    body.lessonNumber === undefined
      ? null
      : w.lessonId !== null
        ? { id: w.lessonId }
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
  return {
    id,
    studentId: body.studentId,
    curriculumId,
    lessonId: lesson?.id ?? null,
    date: body.date,
    lessonNumber: lesson ? (body.lessonNumber ?? null) : null,
    value: checked.value,
    numeric: checked.numeric,
    scale: checked.scale,
    workTypeId: body.workTypeId,
    comment: body.comment ?? '',
    version: 1,
    enteredBy: actor.userId,
    enteredAt: at,
    updatedAt: at,
  };
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
  options: SaveOptions = {},
): Promise<Grade> {
  const key = saveKeyOf(actor, options.idempotencyKey, `grade.update:${schoolId}:${gradeId}`, body);
  const earlier = key ? await savedUnder(deps.db, key) : undefined;
  if (earlier) return replayGrade(deps, schoolId, earlier.entityId);
  const { grade, ctx } = await loadForChange(deps, actor, schoolId, gradeId);
  if (body.version !== grade.version) throw conflict('error.journal.stale', {}, { current: presentGrade(grade) });
  const now = deps.clock.now();
  const at = now.toISOString();
  try {
    await runWrite(deps, async (trx) => {
      if (key) await claimSaveKey(trx, key, schoolId, gradeId, now);
      let checked: Awaited<ReturnType<typeof checkedValue>> | null = null;
      const { reason } = await guardWrite(
        deps,
        trx,
        ctx,
        { studentId: null, date: grade.work_date, lessonNumber: null, workTypeId: body.workTypeId ?? null, reason: body.reason },
        async (code) => {
          if (body.value !== undefined)
            checked = await checkedValue({ ...deps, db: trx }, actor, ctx, body.value, undefined, code, grade.scale);
        },
      );
      await changeGrade(trx, actor, schoolId, grade, body, { at, now, checked, reason });
    });
  } catch (error) {
    const won = await lostRaceTo(deps.db, key, error);
    if (won) return replayGrade(deps, schoolId, won.entityId);
    throw error;
  }
  return presentGrade((await repo.findGrade(deps.db, schoolId, gradeId)) as repo.GradeRow);
}

async function changeGrade(
  trx: Db,
  actor: Actor,
  schoolId: string,
  grade: repo.GradeRow,
  body: { value?: string; workTypeId?: string; comment?: string; version: number },
  w: { at: string; now: Date; checked: { value: string; numeric: number | null; scale: string } | null; reason: string | null },
): Promise<void> {
  const { at, now, checked, reason } = w;
  const gradeId = grade.id;
  const next = {
    value: checked?.value ?? grade.value,
    scale: checked?.scale ?? grade.scale,
    work_type_id: body.workTypeId ?? grade.work_type_id,
    comment: body.comment ?? grade.comment,
  };
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
}

/** Removes a grade; the history keeps what it was. A stale version gets 409. */
export async function deleteGrade(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  gradeId: string,
  q: { version: number; reason?: string },
  options: SaveOptions = {},
): Promise<void> {
  const key = saveKeyOf(actor, options.idempotencyKey, `grade.delete:${schoolId}:${gradeId}`, q);
  if (key && (await savedUnder(deps.db, key))) return;
  const { grade, ctx } = await loadForChange(deps, actor, schoolId, gradeId);
  if (q.version !== grade.version) throw conflict('error.journal.stale', {}, { current: presentGrade(grade) });
  const now = deps.clock.now();
  const at = now.toISOString();
  try {
    await runWrite(deps, async (trx) => {
      if (key) await claimSaveKey(trx, key, schoolId, gradeId, now);
      const { reason } = await guardWrite(deps, trx, ctx, {
        studentId: null,
        date: grade.work_date,
        lessonNumber: null,
        workTypeId: null,
        reason: q.reason,
      });
      await removeGrade(trx, actor, schoolId, grade, q.version, { at, now, reason });
    });
  } catch (error) {
    if (await lostRaceTo(deps.db, key, error)) return;
    throw error;
  }
}

async function removeGrade(
  trx: Db,
  actor: Actor,
  schoolId: string,
  grade: repo.GradeRow,
  version: number,
  w: { at: string; now: Date; reason: string | null },
): Promise<void> {
  const { at, now, reason } = w;
  const gradeId = grade.id;
  const q = { version };
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
}
