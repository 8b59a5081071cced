import { Permission } from '../../../contract/permissions.js';
import type { School, SchoolCreate, SchoolPatch } from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { operatorIdsOf, requireSchoolPermission, visibleSchoolIds } from '../../access/policy.js';
import { isValidTimeZone } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { fieldError, forbidden, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind } from '../changes/changes.service.js';
import { presentSchool } from './school.presenter.js';
import { findSchool, insertSchool, listSchoolsByIds, operatorExists, updateSchoolRow } from './school.repository.js';
import { changedFields, cleanText, referenceNotFound, requireSomeField } from './school.rules.js';
import { recordSchoolChange } from './school-changes.js';
import { forgetSchoolZone } from './school-today.js';

/**
 * Schools (R1.1). The other parts of the school structure live in calendar.service.ts (years,
 * periods, holidays, school days), bells.service.ts, classes.service.ts (classes, groups) and
 * curriculum.service.ts (subjects, curriculum); this file re-exports what other modules call.
 */

export { listBells } from './bells.service.js';
export { isSchoolDay, listHolidays, listPeriods, periodOn, yearOn } from './calendar.service.js';
export { getClass } from './classes.service.js';
export { listCurriculum } from './curriculum.service.js';
export { schoolTimeZone, schoolToday } from './school-today.js';

function checkTimezone(timezone: string): string {
  const tz = timezone.trim();
  if (!isValidTimeZone(tz)) throw fieldError('timezone', 'school.validation.timezone');
  return tz;
}

/** Schools the actor holds any role in, an operator's schools included; the system actor sees all. */
export async function listSchools(deps: Deps, actor: Actor): Promise<School[]> {
  const rows = await listSchoolsByIds(deps.db, actor.kind === 'system' ? null : visibleSchoolIds(actor));
  return rows.map(presentSchool);
}

/** One school, for anyone who belongs to it (404 otherwise). */
export async function getSchool(deps: Deps, actor: Actor, schoolId: string): Promise<School> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  const row = await findSchool(deps.db, schoolId);
  if (!row) throw notFound();
  return presentSchool(row);
}

/** Creates a school under the operator of an operator user (or any operator for the system actor). */
export async function createSchool(deps: Deps, actor: Actor, input: SchoolCreate): Promise<School> {
  // Only operators create schools (Permission.schoolCreate is an operator permission held over the
  // operator, not in a school); the system actor (CLI, demo) may create a school with no operator.
  const operatorIds = operatorIdsOf(actor);
  if (actor.kind !== 'system' && operatorIds.length === 0) throw forbidden();
  let operatorId: string | null;
  if (input.operatorId !== undefined) {
    const known = actor.kind === 'system' ? await operatorExists(deps.db, input.operatorId) : operatorIds.includes(input.operatorId);
    if (!known) throw referenceNotFound(actor, 'school.ref.operator', 'operatorId');
    operatorId = input.operatorId;
  } else if (operatorIds.length === 1) {
    operatorId = operatorIds[0] as string;
  } else if (actor.kind === 'system') {
    operatorId = null;
  } else {
    throw invalid('error.school.operatorRequired');
  }
  const row = {
    id: newId(),
    operator_id: operatorId,
    name: cleanText('name', input.name),
    short_name: cleanText('shortName', input.shortName),
    address: (input.address ?? '').trim(),
    director_name: (input.directorName ?? '').trim(),
    timezone: checkTimezone(input.timezone),
    working_days_per_week: input.workingDaysPerWeek ?? 5,
    is_demo: 0,
    created_at: deps.clock.now().toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertSchool(trx, row);
    await recordAudit(trx, actor, deps.clock.now(), { schoolId: row.id, action: AuditAction.create, entity: 'school', entityId: row.id });
  });
  return presentSchool(row);
}

/** Changes a school's details (school.manage: its admin or its operator). */
export async function updateSchool(deps: Deps, actor: Actor, schoolId: string, patch: SchoolPatch): Promise<School> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  const changes = {
    ...(patch.name !== undefined ? { name: cleanText('name', patch.name) } : {}),
    ...(patch.shortName !== undefined ? { short_name: cleanText('shortName', patch.shortName) } : {}),
    ...(patch.address !== undefined ? { address: patch.address.trim() } : {}),
    ...(patch.directorName !== undefined ? { director_name: patch.directorName.trim() } : {}),
    ...(patch.timezone !== undefined ? { timezone: checkTimezone(patch.timezone) } : {}),
    ...(patch.workingDaysPerWeek !== undefined ? { working_days_per_week: patch.workingDaysPerWeek } : {}),
  };
  const updated = await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.school, 'update', schoolId);
    if (!(await findSchool(trx, schoolId))) throw notFound();
    await updateSchoolRow(trx, schoolId, changes);
    await recordAudit(trx, actor, deps.clock.now(), {
      schoolId,
      action: AuditAction.update,
      entity: 'school',
      entityId: schoolId,
      details: { fields: changedFields(patch) },
    });
    return presentSchool((await findSchool(trx, schoolId)) as NonNullable<Awaited<ReturnType<typeof findSchool>>>);
  });
  // After the commit, so no read in between keeps the old zone again (other nodes: within a minute).
  if (changes.timezone !== undefined) forgetSchoolZone(schoolId);
  return updated;
}
