import { translate } from '../../../contract/i18n/index.js';
import type { Actor } from '../../access/actor.js';
import { type CurriculumFacts, requireJournalRead, requireJournalWrite } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { schoolToday } from '../school/school.service.js';
import { parsePlanFile } from './thematic-plan.parse.js';
import * as repo from './timetable.repository.js';

/** Which plan topic lands on which held lesson: the journal page shows it. */
export { assignPlanTopics } from './lesson-derivation.js';

async function factsOf(deps: Deps, schoolId: string, curriculumId: string): Promise<CurriculumFacts> {
  const item = await repo.findCurriculum(deps.db, schoolId, curriculumId);
  if (!item) throw notFound();
  return { id: item.id, schoolId, teacherId: item.teacherId, classId: item.ownerClassId, today: await schoolToday(deps, schoolId) };
}

/** The thematic plan (КТП) of a curriculum item, for those who may see its journal (R2.3). */
export async function getPlan(deps: Deps, actor: Actor, schoolId: string, curriculumId: string) {
  await requireJournalRead(deps.db, actor, await factsOf(deps, schoolId, curriculumId));
  const items = await deps.db
    .selectFrom('thematic_plan_items')
    .select(['id', 'ordinal', 'topic', 'hours', 'homework'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', '=', curriculumId)
    .orderBy('ordinal')
    .execute();
  return { curriculumId, items };
}

/** Decides whether the actor may import the plan, before the upload's body is read (issue 12.7). */
export async function requirePlanImport(deps: Deps, actor: Actor, schoolId: string, curriculumId: string): Promise<void> {
  await requireJournalWrite(deps.db, actor, await factsOf(deps, schoolId, curriculumId));
}

/**
 * Imports a thematic plan from CSV or XLSX (R2.3, R10.3). A dry run reports every bad row (row
 * number and reason in the caller's language) and writes nothing; a real import with any bad
 * row is refused the same way (422); otherwise it replaces the plan in one transaction.
 */
export async function importPlan(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  file: { fileName: string; data: Buffer },
  dryRun: boolean,
) {
  const item = await repo.findCurriculum(deps.db, schoolId, curriculumId);
  if (!item) throw notFound();
  const today = await schoolToday(deps, schoolId);
  await requireJournalWrite(deps.db, actor, { id: item.id, schoolId, teacherId: item.teacherId, classId: item.ownerClassId, today });
  const parsed = await parsePlanFile(file.fileName, file.data);
  if (!parsed) throw invalid('error.plan.badFile');
  const problems = parsed.problems.map((p) => ({ row: p.row, message: translate(actor.locale, p.key, p.params ?? {}) }));
  const items = parsed.rows
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((r) => ({ ordinal: r.ordinal, topic: r.topic, hours: r.hours, homework: r.homework }));
  if (problems.length === 0 && items.length === 0) throw invalid('error.plan.empty');
  const result = { dryRun, accepted: items.length, problems, items };
  if (dryRun) return result;
  if (problems.length > 0) throw new AppError(422, 'invalid', 'error.plan.hasProblems', { count: problems.length }, { problems });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('thematic_plan_items').where('school_id', '=', schoolId).where('curriculum_id', '=', curriculumId).execute();
    await trx
      .insertInto('thematic_plan_items')
      .values(items.map((i) => ({ id: newId(), school_id: schoolId, curriculum_id: curriculumId, ...i, created_at: now.toISOString() })))
      .execute();
    // Plan topics show on every lesson of the item that has no topic of its own, past and future.
    await recordChange(trx, {
      kind: ChangeKind.thematicPlan,
      action: 'update',
      schoolId,
      entityId: curriculumId,
      actorId: actor.userId,
      at: now.toISOString(),
      curricula: [item.id],
      groups: [item.groupId ?? item.classId].filter((x): x is string => !!x),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'thematic_plan',
      entityId: curriculumId,
      details: { items: items.length },
    });
  });
  return result;
}
