import type { Attendance, AttendanceMark } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { runWrite } from '../../db/group-commit.js';
import type { Deps } from '../../lib/deps.js';
import { conflict } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as repo from './journal.repository.js';
import { presentAttendance, requireInYear, requireLessonWrite } from './journal-context.js';
import { openJournalForSave } from './save-context.js';
import { claimSaveKey, lostRaceTo, savedUnder, saveKeyOf } from './save-keys.js';
import { guardWrite } from './write-guard.js';

async function current(db: Db, schoolId: string, curriculumId: string, date: string, lessonNumber: number, studentId: string) {
  const lesson = await repo.findLessonByKey(db, schoolId, curriculumId, date, lessonNumber);
  return lesson ? repo.findAttendance(db, schoolId, lesson.id, studentId) : undefined;
}

const staleWith = (row: repo.AttendanceRow | undefined) =>
  conflict('error.journal.stale', {}, { current: row ? presentAttendance(row) : null });

/**
 * Sets, changes or clears one student's attendance mark for one lesson (R3.3): н, б, у, оп.
 * `version` is the one the client saw (0: it saw no mark); anything else gets 409 with the mark as it is.
 */
export async function setAttendance(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  body: { studentId: string; date: string; lessonNumber: number; mark: AttendanceMark | null; version: number; reason?: string },
  options: { idempotencyKey?: string; sessionId?: string | null } = {},
): Promise<Attendance | null> {
  const key = saveKeyOf(actor, options.idempotencyKey, `attendance:${schoolId}:${curriculumId}`, body);
  const replay = async () => {
    const now = await current(deps.db, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId);
    return now ? presentAttendance(now) : null;
  };
  if (key && (await savedUnder(deps.db, key))) return replay();
  const ctx = await openJournalForSave(deps, actor, schoolId, curriculumId, options.sessionId);
  await requireLessonWrite(deps, ctx, body.date, body.lessonNumber);
  requireInYear(ctx, body.date);
  const existing = await current(deps.db, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId);
  if ((existing?.version ?? 0) !== body.version) throw staleWith(existing);
  if (!existing && body.mark === null) return null;
  if (existing && existing.mark === body.mark) return presentAttendance(existing);
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = existing?.id ?? newId();
  try {
    await runWrite(deps, async (trx) => {
      if (key) await claimSaveKey(trx, key, schoolId, id, now);
      // The lesson, the roster and a closed period are checked in the transaction (one query).
      const guarded = await guardWrite(deps, trx, ctx, {
        studentId: body.studentId,
        date: body.date,
        lessonNumber: body.lessonNumber,
        workTypeId: null,
        reason: body.reason,
      });
      const reason = guarded.reason;
      const lesson = guarded.lessonId
        ? { id: guarded.lessonId }
        : await repo.ensureLesson(trx, schoolId, curriculumId, body.date, body.lessonNumber, at, actor.userId);
      let action: 'create' | 'update' | 'delete';
      if (!existing) {
        action = 'create';
        await trx
          .insertInto('attendance_marks')
          .values({
            id,
            school_id: schoolId,
            curriculum_id: curriculumId,
            lesson_id: lesson.id,
            student_id: body.studentId,
            lesson_date: body.date,
            mark: body.mark as AttendanceMark,
            version: 1,
            entered_by: actor.userId,
            entered_at: at,
            updated_by: actor.userId,
            updated_at: at,
          })
          .execute();
      } else if (body.mark === null) {
        action = 'delete';
        const res = await trx
          .deleteFrom('attendance_marks')
          .where('id', '=', existing.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0)
          throw staleWith(await current(trx, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId));
      } else {
        action = 'update';
        const res = await trx
          .updateTable('attendance_marks')
          .set({ mark: body.mark, version: existing.version + 1, updated_by: actor.userId, updated_at: at })
          .where('id', '=', existing.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0)
          throw staleWith(await current(trx, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId));
      }
      await repo.appendHistory(trx, {
        schoolId,
        curriculumId,
        entity: 'attendance',
        entityId: id,
        action,
        studentId: body.studentId,
        lessonId: lesson.id,
        oldValue: existing ? { mark: existing.mark } : null,
        newValue: body.mark === null ? null : { mark: body.mark },
        reason,
        changedBy: actor.userId,
        changedAt: at,
      });
      await recordChange(trx, {
        kind: ChangeKind.attendance,
        action,
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
        action: action === 'create' ? AuditAction.create : action === 'delete' ? AuditAction.delete : AuditAction.update,
        entity: 'attendance',
        entityId: id,
        details: { curriculumId, ...(reason ? { closedPeriodReason: reason } : {}) },
      });
    });
  } catch (error) {
    if (await lostRaceTo(deps.db, key, error)) return replay();
    // Two first marks for one cell raced: the loser hears about the winner's mark.
    if (isUniqueViolation(error))
      throw staleWith(await current(deps.db, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId));
    throw error;
  }
  if (body.mark === null) return null;
  const saved = await current(deps.db, schoolId, curriculumId, body.date, body.lessonNumber, body.studentId);
  return saved ? presentAttendance(saved) : null;
}
