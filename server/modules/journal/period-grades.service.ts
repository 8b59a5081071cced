import { Permission } from '../../../contract/permissions.js';
import { type PeriodGrade, PeriodGradeKind } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { runWrite } from '../../db/group-commit.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { markPeriodClosed, markPeriodReopened } from '../school/calendar.service.js';
import { schoolToday } from '../school/school.service.js';
import { scaleName, scaleOfItem } from './curriculum-scales.service.js';
import * as repo from './journal.repository.js';
import {
  checkGradeLock,
  type GradeLock,
  type JournalContext,
  openJournal,
  presentPeriodGrade,
  requireItemWrite,
  requireOnRoster,
  whatMissing,
} from './journal-context.js';
import { periodGradeAllowed } from './scales.js';

const staleWith = (row: repo.PeriodGradeRow | undefined) =>
  conflict('error.journal.stale', {}, { current: row ? presentPeriodGrade(row) : null });

/**
 * Sets, changes or clears a period, year, exam or final grade (R4.1): a value of the item's
 * scale or «н/а», «осв.», «зач», «незач». The grade of a closed period is locked (R4.2).
 */
export async function setPeriodGrade(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  body: { studentId: string; kind: PeriodGradeKind; periodId?: string; value: string | null; version: number; reason?: string },
): Promise<PeriodGrade | null> {
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  requireItemWrite(ctx);
  if (body.kind === PeriodGradeKind.period && !body.periodId) throw invalid('error.journal.periodRequired');
  if (body.kind !== PeriodGradeKind.period && body.periodId) throw invalid('error.journal.periodNotAllowed');
  let range = { from: ctx.item.yearStartsOn, to: ctx.item.yearEndsOn };
  if (body.periodId) {
    const periods = await repo.periodsOfYear(deps.db, schoolId, ctx.item.yearId, ctx.item.gradeLevel);
    const period = periods.find((p) => p.id === body.periodId);
    if (!period) throw whatMissing(actor, 'journal.what.period');
    range = { from: period.starts_on, to: period.ends_on };
  }
  await requireOnRoster(deps, ctx, body.studentId, range.from, range.to);
  if (body.value !== null) {
    const scale = await scaleOfItem(deps, actor, schoolId, curriculumId);
    if (!periodGradeAllowed(scale, body.value))
      throw invalid('error.journal.valueNotInScale', { value: body.value, scale: scaleName(actor, scale) });
  }
  const periodKey = body.periodId ?? '';
  const read = (db: Db) => repo.findPeriodGrade(db, schoolId, curriculumId, body.studentId, body.kind, periodKey);
  const existing = await read(deps.db);
  if ((existing?.version ?? 0) !== body.version) throw staleWith(existing);
  if (!existing && body.value === null) return null;
  if (existing && existing.value === body.value) return presentPeriodGrade(existing);
  // Refused before the write; checked again inside it, so a close that lands meanwhile still locks.
  const reason = checkGradeLock(ctx, await lockOfGrade(deps.db, ctx, body.periodId), body.reason);
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = existing?.id ?? newId();
  try {
    await runWrite(deps, async (trx) => {
      checkGradeLock(ctx, await lockOfGrade(trx, ctx, body.periodId), body.reason);
      let action: 'create' | 'update' | 'delete';
      if (!existing) {
        action = 'create';
        await trx
          .insertInto('period_grades')
          .values({
            id,
            school_id: schoolId,
            curriculum_id: curriculumId,
            student_id: body.studentId,
            kind: body.kind,
            period_key: periodKey,
            value: body.value as string,
            version: 1,
            entered_by: actor.userId,
            entered_at: at,
            updated_by: actor.userId,
            updated_at: at,
          })
          .execute();
      } else if (body.value === null) {
        action = 'delete';
        const res = await trx.deleteFrom('period_grades').where('id', '=', id).where('version', '=', body.version).executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw staleWith(await read(trx));
      } else {
        action = 'update';
        const res = await trx
          .updateTable('period_grades')
          .set({ value: body.value, version: existing.version + 1, updated_by: actor.userId, updated_at: at })
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw staleWith(await read(trx));
      }
      await repo.appendHistory(trx, {
        schoolId,
        curriculumId,
        entity: 'period_grade',
        entityId: id,
        action,
        studentId: body.studentId,
        lessonId: null,
        oldValue: existing ? { kind: existing.kind, periodId: body.periodId ?? null, value: existing.value } : null,
        newValue: body.value === null ? null : { kind: body.kind, periodId: body.periodId ?? null, value: body.value },
        reason,
        changedBy: actor.userId,
        changedAt: at,
      });
      await recordChange(trx, {
        kind: ChangeKind.periodGrade,
        action,
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at,
        students: [body.studentId],
        curricula: [curriculumId],
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: action === 'create' ? AuditAction.create : action === 'delete' ? AuditAction.delete : AuditAction.update,
        entity: 'period_grade',
        entityId: id,
        details: { curriculumId, kind: body.kind, ...(reason ? { closedPeriodReason: reason } : {}) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleWith(await read(deps.db));
    throw error;
  }
  if (body.value === null) return null;
  const saved = await read(deps.db);
  return saved ? presentPeriodGrade(saved) : null;
}

/**
 * What locks a period grade (R4.2, decision 008): a period grade, its closed period; a year, exam
 * or final grade, the closed year: every study period of the item's grade level in its year is
 * closed (at least one). Undefined when nothing locks it.
 */
async function lockOfGrade(db: Db, ctx: JournalContext, periodId: string | undefined): Promise<GradeLock | undefined> {
  const periods = await repo.periodsOfYear(db, ctx.schoolId, ctx.item.yearId, ctx.item.gradeLevel);
  if (periodId) {
    const period = periods.find((p) => p.id === periodId);
    return period?.closed_at ? { kind: 'period', name: period.name } : undefined;
  }
  if (periods.length === 0 || periods.some((p) => p.closed_at === null)) return undefined;
  return { kind: 'year', name: (await repo.yearName(db, ctx.schoolId, ctx.item.yearId)) ?? '' };
}

/** Closes a study period (R4.2): from now on its grades, attendance and period grades are locked;
 * an admin may still change them with a written reason. The school module marks the period
 * (study_periods.closed_at/closed_by) inside this transaction.
 */
export async function closePeriod(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  periodId: string,
  body: { early?: boolean; reason?: string } = {},
) {
  requireSchoolPermission(actor, schoolId, Permission.periodClose);
  const period = await repo.findPeriod(deps.db, schoolId, periodId);
  if (!period) throw notFound();
  if (period.closed_at) throw conflict('error.journal.alreadyClosed');
  // Decision 008: a period closes from its last day (the school's today); earlier only on purpose.
  const early = (await schoolToday(deps, schoolId)) < period.ends_on;
  const reason = body.reason?.trim() ?? '';
  if (early && body.early !== true) {
    throw new AppError(422, 'period_not_ended', 'error.journal.periodNotEnded', {
      period: period.name,
      endsOn: dottedDate(period.ends_on),
    });
  }
  if (early && reason === '') throw invalid('error.journal.earlyReasonRequired', { period: period.name });
  const now = deps.clock.now();
  await runWrite(deps, async (trx) => {
    if (!(await markPeriodClosed(trx, schoolId, periodId, actor.userId, now))) throw conflict('error.journal.alreadyClosed');
    await recordChange(trx, {
      kind: ChangeKind.periodClosing,
      action: 'update',
      schoolId,
      entityId: periodId,
      actorId: actor.userId,
      at: now.toISOString(),
      wholeSchool: true,
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'study_period',
      entityId: periodId,
      details: early ? { closed: true, early: true, reason } : { closed: true },
    });
  });
  return presentPeriod({ ...period, closed_at: now.toISOString() });
}

/** '2027-03-21' → '21.03.2027', as a Russian school writes a date. */
const dottedDate = (date: string) => date.split('-').reverse().join('.');

/** Reopens a closed period (admins, with a reason that goes to the audit log). */
export async function reopenPeriod(deps: Deps, actor: Actor, schoolId: string, periodId: string, reason: string | undefined) {
  requireSchoolPermission(actor, schoolId, Permission.periodClose);
  const period = await repo.findPeriod(deps.db, schoolId, periodId);
  if (!period) throw notFound();
  if (!period.closed_at) throw conflict('error.journal.notClosed');
  if (!reason || reason.trim() === '') throw invalid('error.journal.reasonRequired', { period: period.name });
  const now = deps.clock.now();
  await runWrite(deps, async (trx) => {
    await markPeriodReopened(trx, schoolId, periodId);
    await recordChange(trx, {
      kind: ChangeKind.periodClosing,
      action: 'update',
      schoolId,
      entityId: periodId,
      actorId: actor.userId,
      at: now.toISOString(),
      wholeSchool: true,
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'study_period',
      entityId: periodId,
      details: { closed: false, reason: reason.trim() },
    });
  });
  return presentPeriod({ ...period, closed_at: null });
}

export function presentPeriod(p: { id: string; name: string; kind: string; starts_on: string; ends_on: string; closed_at: string | null }) {
  return { id: p.id, name: p.name, kind: p.kind, startsOn: p.starts_on, endsOn: p.ends_on, closed: p.closed_at !== null };
}
