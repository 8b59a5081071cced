import type { LessonRecord } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { runWrite } from '../../db/group-commit.js';
import { addDays, earlierDate } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { deriveSlots } from '../timetable/timetable.service.js';
import * as repo from './journal.repository.js';
import { type JournalContext, lessonScopesOf, openJournal, requireLesson, requireLessonWrite } from './journal-context.js';
import { claimSaveKey, lostRaceTo, savedUnder, saveKeyOf } from './save-keys.js';
import { guardWrite } from './write-guard.js';

async function presentLesson(deps: Deps, schoolId: string, row: repo.LessonRow): Promise<LessonRecord> {
  const attachments = await repo.attachmentsOf(deps.db, schoolId, row.id);
  return {
    id: row.id,
    curriculumId: row.curriculum_id,
    date: row.date,
    lessonNumber: row.lesson_number,
    topic: row.topic,
    homework: row.homework,
    homeworkDueOn: row.homework_due_on,
    controlWorkTypeId: row.control_work_type_id,
    version: row.version,
    updatedAt: row.updated_at,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      uploadedAt: a.uploaded_at,
    })),
  };
}

/** Date of the next held lesson of the item after `date` (homework is due then by default). */
export async function nextLessonDate(deps: Deps, ctx: JournalContext, date: string): Promise<string | null> {
  const to = earlierDate(addDays(date, 45), ctx.item.yearEndsOn);
  if (to <= date) return null;
  const slots = await deriveSlots(deps, ctx.schoolId, [ctx.item], addDays(date, 1), to);
  return slots.find((s) => !s.cancelled)?.date ?? null;
}

const snapshot = (l: {
  topic: string | null;
  homework: string | null;
  homework_due_on: string | null;
  control_work_type_id: string | null;
}) => ({
  topic: l.topic,
  homework: l.homework,
  homeworkDueOn: l.homework_due_on,
  controlWorkTypeId: l.control_work_type_id,
});

/**
 * Writes a lesson's topic, homework, due date and control-work type (R3.1), materialising the
 * lesson on first write. `version` is the one the client saw (0 for a lesson with no record yet).
 */
export async function writeLessonRecord(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  date: string,
  lessonNumber: number,
  body: {
    topic?: string | null;
    homework?: string | null;
    homeworkDueOn?: string | null;
    controlWorkTypeId?: string | null;
    version: number;
    reason?: string;
  },
  options: { idempotencyKey?: string } = {},
): Promise<LessonRecord> {
  const key = saveKeyOf(actor, options.idempotencyKey, `lesson:${schoolId}:${curriculumId}:${date}:${lessonNumber}`, body);
  const replay = async (lessonId: string | null): Promise<LessonRecord> => {
    const row = lessonId ? await repo.findLesson(deps.db, schoolId, lessonId) : undefined;
    if (!row) throw conflict('error.journal.stale', {}, { current: null });
    return presentLesson(deps, schoolId, row);
  };
  const earlier = key ? await savedUnder(deps.db, key) : undefined;
  if (earlier) return replay(earlier.entityId);
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  await requireLessonWrite(deps, ctx, date, lessonNumber);
  const existing = await requireLesson(deps, ctx, date, lessonNumber);
  const staleWith = async (row: repo.LessonRow | undefined) =>
    conflict('error.journal.stale', {}, { current: row ? await presentLesson(deps, schoolId, row) : null });
  if ((existing?.version ?? 0) !== body.version) throw await staleWith(existing);
  const before = {
    topic: existing?.topic ?? null,
    homework: existing?.homework ?? null,
    homework_due_on: existing?.homework_due_on ?? null,
    control_work_type_id: existing?.control_work_type_id ?? null,
  };
  const after = {
    topic: body.topic === undefined ? before.topic : normalise(body.topic),
    homework: body.homework === undefined ? before.homework : normalise(body.homework),
    homework_due_on: body.homeworkDueOn === undefined ? before.homework_due_on : body.homeworkDueOn,
    control_work_type_id: body.controlWorkTypeId === undefined ? before.control_work_type_id : body.controlWorkTypeId,
  };
  // Homework given without a due date is due at the next lesson of this subject (R3.1).
  if (after.homework && !after.homework_due_on) after.homework_due_on = await nextLessonDate(deps, ctx, date);
  if (!after.homework && body.homeworkDueOn === undefined) after.homework_due_on = null;
  const now = deps.clock.now();
  const at = now.toISOString();
  let lessonId = '';
  try {
    await runWrite(deps, async (trx) => {
      // The work type and a closed period are checked in the transaction (the lesson was found above).
      const { reason } = await guardWrite(deps, trx, ctx, {
        studentId: null,
        date,
        lessonNumber: null,
        workTypeId: body.controlWorkTypeId ?? null,
        reason: body.reason,
      });
      const lesson = await repo.ensureLesson(trx, schoolId, curriculumId, date, lessonNumber, at, actor.userId);
      lessonId = lesson.id;
      if (key) await claimSaveKey(trx, key, schoolId, lesson.id, now);
      const res = await trx
        .updateTable('lessons')
        .set({ ...after, version: body.version + 1, updated_by: actor.userId, updated_at: at })
        .where('id', '=', lesson.id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw conflict('error.journal.stale', {}, { current: null });
      await repo.appendHistory(trx, {
        schoolId,
        curriculumId,
        entity: 'lesson',
        entityId: lesson.id,
        action: existing ? 'update' : 'create',
        studentId: null,
        lessonId: lesson.id,
        oldValue: existing ? snapshot(before) : null,
        newValue: snapshot(after),
        reason,
        changedBy: actor.userId,
        changedAt: at,
      });
      await recordChange(trx, {
        kind: ChangeKind.lessonRecord,
        action: existing ? 'update' : 'create',
        schoolId,
        entityId: lesson.id,
        actorId: actor.userId,
        at,
        ...lessonScopesOf(ctx),
        dates: [date, before.homework_due_on, after.homework_due_on],
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: AuditAction.update,
        entity: 'lesson',
        entityId: lesson.id,
        details: {
          curriculumId,
          fields: Object.keys(body).filter((k) => k !== 'version' && k !== 'reason'),
          ...(reason ? { closedPeriodReason: reason } : {}),
        },
      });
    });
  } catch (error) {
    const won = await lostRaceTo(deps.db, key, error);
    if (won) return replay(won.entityId);
    throw error;
  }
  return presentLesson(deps, schoolId, (await repo.findLesson(deps.db, schoolId, lessonId)) as repo.LessonRow);
}

function normalise(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** One lesson record with its attachments, for those who may see the item's journal. */
export async function getLessonRecord(deps: Deps, actor: Actor, schoolId: string, lessonId: string): Promise<LessonRecord> {
  const lesson = await repo.findLesson(deps.db, schoolId, lessonId);
  if (!lesson) throw notFound();
  await openJournal(deps, actor, schoolId, lesson.curriculum_id);
  const record = await presentLesson(deps, schoolId, lesson);
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.read, entity: 'lesson', entityId: lessonId });
  return record;
}
