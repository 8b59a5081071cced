import { Permission } from '../../../contract/permissions.js';
import type { Bell, BellCreate, BellPatch } from '../../../contract/schemas/school.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind } from '../changes/changes.service.js';
import { presentBell } from './school.presenter.js';
import { deleteBellRows, findBell, findSchool, insertBells, listBellRows, updateBellRow } from './school.repository.js';
import { changedFields, requireSomeField, withConstraintErrors } from './school.rules.js';
import type { BellsTable } from './school.table.js';
import { recordSchoolChange } from './school-changes.js';

/** The bell schedule (R1.1): lesson numbers 0–12 with start and end times in the school's time zone. */

interface BellTimes {
  lessonNumber: number;
  startsAt: string;
  endsAt: string;
}

const duplicateNumber = (lessonNumber: number) => conflict('error.school.duplicateLessonNumber', { lessonNumber });

/**
 * The whole schedule must hold together: each lesson ends after it starts, no lesson number twice,
 * no two lessons share a minute (HH:MM compares as text; a lesson may start when the previous ends).
 */
function checkSchedule(bells: readonly BellTimes[]): void {
  for (const bell of bells) if (bell.endsAt <= bell.startsAt) throw invalid('error.timeOrder');
  const seen = new Set<number>();
  for (const bell of bells) {
    if (seen.has(bell.lessonNumber)) throw duplicateNumber(bell.lessonNumber);
    seen.add(bell.lessonNumber);
  }
  const byNumber = [...bells].sort((a, b) => a.lessonNumber - b.lessonNumber);
  for (const [i, a] of byNumber.entries()) {
    for (const b of byNumber.slice(i + 1)) {
      if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        throw invalid('error.school.bellsOverlap', { first: a.lessonNumber, second: b.lessonNumber });
      }
    }
  }
}

const timesOf = (row: BellsTable): BellTimes => ({ lessonNumber: row.lesson_number, startsAt: row.starts_at, endsAt: row.ends_at });

async function audit(deps: Deps, db: Db, actor: Actor, schoolId: string, action: AuditAction, entityId: string | null, details = {}) {
  await recordAudit(db, actor, deps.clock.now(), { schoolId, action, entity: 'bell', entityId, details });
}

/** The bell schedule of a school, by lesson number. Checks school.read (parents and students need it for the diary). */
export async function listBells(deps: Deps, actor: Actor, schoolId: string): Promise<Bell[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolRead);
  return (await listBellRows(deps.db, schoolId)).map(presentBell);
}

/** Adds one lesson to the bell schedule. */
export async function createBell(deps: Deps, actor: Actor, schoolId: string, input: BellCreate): Promise<Bell> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.bells, 'create', null);
    if (!(await findSchool(trx, schoolId))) throw notFound();
    const existing = (await listBellRows(trx, schoolId)).map(timesOf);
    if (input.endsAt <= input.startsAt) throw invalid('error.timeOrder');
    if (existing.some((b) => b.lessonNumber === input.lessonNumber)) throw duplicateNumber(input.lessonNumber);
    checkSchedule([...existing, input]);
    const row: BellsTable = {
      id: newId(),
      school_id: schoolId,
      lesson_number: input.lessonNumber,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
    };
    await withConstraintErrors(
      () => insertBells(trx, [row]),
      () => duplicateNumber(input.lessonNumber),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.create, row.id);
    return presentBell(row);
  });
}

/** Changes one lesson's number or times; the schedule must still hold together. */
export async function updateBell(deps: Deps, actor: Actor, schoolId: string, bellId: string, patch: BellPatch): Promise<Bell> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  requireSomeField(patch);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.bells, 'update', bellId);
    const bell = await findBell(trx, schoolId, bellId);
    if (!bell) throw notFound();
    const next: BellsTable = {
      ...bell,
      ...(patch.lessonNumber !== undefined ? { lesson_number: patch.lessonNumber } : {}),
      ...(patch.startsAt !== undefined ? { starts_at: patch.startsAt } : {}),
      ...(patch.endsAt !== undefined ? { ends_at: patch.endsAt } : {}),
    };
    if (next.ends_at <= next.starts_at) throw invalid('error.timeOrder');
    const others = (await listBellRows(trx, schoolId)).filter((b) => b.id !== bellId).map(timesOf);
    if (others.some((b) => b.lessonNumber === next.lesson_number)) throw duplicateNumber(next.lesson_number);
    checkSchedule([...others, timesOf(next)]);
    await withConstraintErrors(
      () => updateBellRow(trx, schoolId, bellId, { lesson_number: next.lesson_number, starts_at: next.starts_at, ends_at: next.ends_at }),
      () => duplicateNumber(next.lesson_number),
    );
    await audit(deps, trx, actor, schoolId, AuditAction.update, bellId, { fields: changedFields(patch) });
    return presentBell(next);
  });
}

/** Removes one lesson from the bell schedule. */
export async function deleteBell(deps: Deps, actor: Actor, schoolId: string, bellId: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  await deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.bells, 'delete', bellId);
    if (!(await findBell(trx, schoolId, bellId))) throw notFound();
    await withConstraintErrors(() => deleteBellRows(trx, schoolId, bellId));
    await audit(deps, trx, actor, schoolId, AuditAction.delete, bellId);
  });
}

/**
 * Replaces the whole bell schedule in one transaction: all of it lands, or nothing changes. Lessons
 * keep their ids by lesson number, so a timetable pointing at "lesson 3" stays valid.
 */
export async function replaceBells(deps: Deps, actor: Actor, schoolId: string, items: readonly BellCreate[]): Promise<Bell[]> {
  requireSchoolPermission(actor, schoolId, Permission.schoolManage);
  // A duplicate inside one body is a mistake in the request, not a clash with stored data.
  const numbers = new Set<number>();
  for (const item of items) {
    if (numbers.has(item.lessonNumber)) throw invalid('error.school.duplicateLessonNumber', { lessonNumber: item.lessonNumber });
    numbers.add(item.lessonNumber);
  }
  checkSchedule(items);
  return deps.db.transaction().execute(async (trx) => {
    await recordSchoolChange(deps, trx, actor, schoolId, ChangeKind.bells, 'update', schoolId);
    if (!(await findSchool(trx, schoolId))) throw notFound();
    const existing = new Map((await listBellRows(trx, schoolId)).map((row) => [row.lesson_number, row]));
    for (const row of existing.values()) {
      if (!numbers.has(row.lesson_number)) await withConstraintErrors(() => deleteBellRows(trx, schoolId, row.id));
    }
    const result: BellsTable[] = [];
    for (const item of [...items].sort((a, b) => a.lessonNumber - b.lessonNumber)) {
      const kept = existing.get(item.lessonNumber);
      const row: BellsTable = {
        id: kept?.id ?? newId(),
        school_id: schoolId,
        lesson_number: item.lessonNumber,
        starts_at: item.startsAt,
        ends_at: item.endsAt,
      };
      if (kept) await updateBellRow(trx, schoolId, row.id, { starts_at: row.starts_at, ends_at: row.ends_at });
      else await insertBells(trx, [row]);
      result.push(row);
    }
    await audit(deps, trx, actor, schoolId, AuditAction.update, null, { replaced: true, count: result.length });
    return result.map(presentBell);
  });
}
