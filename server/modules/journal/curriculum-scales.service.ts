import { translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { CurriculumScale, CurriculumScales } from '../../../contract/schemas/journal.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { loadCurriculum } from '../timetable/timetable.service.js';
import * as repo from './curriculum-scales.repository.js';
import { scalesOf, whatMissing } from './journal-context.js';
import type { ScaleDefinition } from './scales.js';

type ScaleInfo = Awaited<ReturnType<typeof scalesOf>>;

/**
 * The scale an item is graded on: its own choice, else the school's default. A choice whose
 * scale no longer exists falls back to the default rather than locking the journal.
 */
export function pickItemScale(info: ScaleInfo, own: string | undefined): ScaleDefinition {
  return (
    (own !== undefined ? info.scales.find((s) => s.code === own) : undefined) ??
    info.scales.find((s) => s.code === info.defaultScale) ??
    (info.scales[0] as ScaleDefinition)
  );
}

/** The scale a curriculum item's grades, averages and period grades use (R3.2), names in the actor's language. */
export async function scaleOfItem(deps: Deps, actor: Actor, schoolId: string, curriculumId: string): Promise<ScaleDefinition> {
  const [info, own] = await Promise.all([scalesOf(deps, actor, schoolId), repo.scaleOfItem(deps.db, schoolId, curriculumId)]);
  return pickItemScale(info, own);
}

/** The code an item chose for itself, if any (for a read that already holds the school's scales). */
export async function ownScaleOf(deps: Deps, schoolId: string, curriculumId: string): Promise<string | undefined> {
  return repo.scaleOfItem(deps.db, schoolId, curriculumId);
}

/** The codes several items chose for themselves, in one query (a diary week, a report): id → code. */
export async function ownScalesOf(deps: Deps, schoolId: string, curriculumIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await repo.scalesOfItems(deps.db, schoolId, curriculumIds);
  return new Map(rows.map((r) => [r.curriculum_id, r.scale]));
}

/** The display name of a scale for messages (built-in names come from the catalogue). */
export function scaleName(actor: Actor, scale: ScaleDefinition): string {
  return scale.name || (scale.nameKey ? translate(actor.locale, scale.nameKey) : scale.code);
}

/** The school's default scale and every curriculum item that has a scale of its own. */
export async function listCurriculumScales(deps: Deps, actor: Actor, schoolId: string): Promise<CurriculumScales> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const [info, rows] = await Promise.all([scalesOf(deps, actor, schoolId), repo.itemScalesOf(deps.db, schoolId)]);
  return { defaultScale: info.defaultScale, items: rows.map((r) => ({ curriculumId: r.curriculum_id, scale: r.scale })) };
}

/**
 * Chooses the scale of one curriculum item (pass/fail for one subject, 10-point for another);
 * null returns it to the school's default. Grades already given keep the scale they were given on.
 */
export async function setCurriculumScale(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  scale: string | null,
): Promise<CurriculumScale & { effectiveScale: string }> {
  requireSchoolPermission(actor, schoolId, Permission.gradingManage);
  const item = await loadCurriculum(deps, schoolId, curriculumId);
  if (!item) throw notFound();
  const info = await scalesOf(deps, actor, schoolId);
  if (scale !== null && !info.scales.some((s) => s.code === scale)) throw whatMissing(actor, 'journal.what.scale');
  const result = { curriculumId, scale, effectiveScale: pickItemScale(info, scale ?? undefined).code };
  // Choosing what is already chosen writes nothing, so prepared pages and weeks stay valid.
  if (((await repo.scaleOfItem(deps.db, schoolId, curriculumId)) ?? null) === scale) return result;
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (scale === null) await repo.deleteItemScale(trx, schoolId, curriculumId);
    else await repo.putItemScale(trx, { schoolId, curriculumId, scale, by: actor.userId, at });
    await recordChange(trx, {
      kind: ChangeKind.gradingSettings,
      action: 'update',
      schoolId,
      entityId: curriculumId,
      actorId: actor.userId,
      at,
      curricula: [curriculumId],
      groups: [item.groupId ?? item.classId].filter((g): g is string => g !== null),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'curriculum_scale',
      entityId: curriculumId,
      details: { scale },
    });
  });
  return result;
}

/** The scale code each item is graded on (its own, else the school's default), for reports: id → code. */
export async function itemScaleCodes(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumIds: readonly string[],
): Promise<Map<string, string>> {
  const [info, own] = await Promise.all([scalesOf(deps, actor, schoolId), ownScalesOf(deps, schoolId, curriculumIds)]);
  return new Map(curriculumIds.map((id) => [id, pickItemScale(info, own.get(id)).code]));
}
