import { Permission } from '../../../contract/permissions.js';
import type { PeriodMarkExplanation } from '../../../contract/schemas/period-mark.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { averagesOf, meanOf } from './averages.js';
import { ownScaleOf, pickItemScale, scaleName } from './curriculum-scales.service.js';
import * as repo from './journal.repository.js';
import { ensureWorkTypes, openJournal, presentWorkType, scalesOf } from './journal-context.js';
import { pickPeriod } from './journal-page.service.js';
import { type ExplainedGrade, explainPeriodMark, studentAverages } from './period-mark.js';
import type { ScaleDefinition } from './scales.js';

export type { ExplainedGrade };
/**
 * The journal's face for averages (R3.6) and the proposed period mark (R4.1): one exact-decimal
 * calculation (averages.ts) for the journal grid, its averages endpoint, the diary and the
 * «why this period mark?» explanation. Other modules (the diary) call these, never averages.ts.
 */
export { averagesOf, explainPeriodMark, meanOf, studentAverages };

/** The scale each curriculum item's proposal is taken from: its own, else the school's default (R3.2). */
export async function periodMarkScales(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumIds: readonly string[],
): Promise<Map<string, ScaleDefinition>> {
  const [info, own] = await Promise.all([
    scalesOf(deps, actor, schoolId),
    Promise.all(curriculumIds.map((id) => ownScaleOf(deps, schoolId, id))),
  ]);
  return new Map(curriculumIds.map((id, i) => [id, pickItemScale(info, own[i])]));
}

/** A grade given on another scale than the item's (kept from before a change) does not enter its averages. */
export const numericOnScale = (g: { numeric: number | null; scale: string }, scale: ScaleDefinition): number | null =>
  g.scale === scale.code ? g.numeric : null;

/**
 * «Why this period mark?» for one student of a journal (R4.1): each grade × weight, the sums, the
 * averages, the rounding rule and the proposal. Those who may read the journal; 404 for a student
 * who is not on its roster in the period.
 */
export async function explainJournalPeriodMark(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  studentId: string,
  periodId?: string,
): Promise<PeriodMarkExplanation> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  const { period } = await pickPeriod(deps, ctx, periodId);
  const owner = { classId: ctx.item.classId, groupId: ctx.item.groupId };
  const [onRoster, grades, workTypes, scales] = await Promise.all([
    repo.isOnRoster(deps.db, schoolId, owner, studentId, period.starts_on, period.ends_on),
    repo.gradesInRange(deps.db, schoolId, curriculumId, period.starts_on, period.ends_on),
    ensureWorkTypes(deps, schoolId),
    periodMarkScales(deps, actor, schoolId, [curriculumId]),
  ]);
  const scale = scales.get(curriculumId) as ScaleDefinition;
  const own = grades.filter((g) => g.student_id === studentId);
  if (!onRoster && own.length === 0) throw notFound();
  const types = new Map(workTypes.map((w) => [w.id, presentWorkType(actor, w)]));
  const explained: ExplainedGrade[] = own.map((g) => ({
    id: g.id,
    date: g.work_date,
    value: g.value,
    workTypeName: types.get(g.work_type_id)?.name ?? '',
    weight: types.get(g.work_type_id)?.weight ?? 0,
    numeric: numericOnScale({ numeric: g.numeric_value, scale: g.scale }, scale),
  }));
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'period_mark',
    entityId: curriculumId,
    details: { studentId, periodId: period.id },
  });
  return explainPeriodMark(explained, { name: scaleName(actor, scale), values: scale.values });
}
