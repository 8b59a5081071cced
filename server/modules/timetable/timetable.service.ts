import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { DerivedLesson, TimetableChange, TimetableEntry } from '../../../contract/schemas/timetable.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { addDays, weekStart } from '../../lib/dates.js';
import type { Deps } from '../../lib/deps.js';
import { type AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import { schoolToday } from '../school/school.service.js';
import { type DerivedSlot, deriveLessons, type SchoolDayTest, slotKey, sortSlots } from './lesson-derivation.js';
import type { CurriculumRow } from './timetable.repository.js';
import * as repo from './timetable.repository.js';

/** The key of one lesson slot (item, date, lesson number): the journal and the diary match their rows by it. */
export { slotKey } from './lesson-derivation.js';
export type { CurriculumRow } from './timetable.repository.js';

type MissingWhat = 'timetable.what.curriculum' | 'timetable.what.teacher' | 'timetable.what.lessonNumber' | 'timetable.what.class';

/** 422 naming the missing reference in the caller's language. */
function missing(actor: Actor, what: MissingWhat): AppError {
  return invalid('error.referenceNotFound', { what: translate(actor.locale, what) });
}

// ---------------------------------------------------------------------------------------------
// Calendar and derivation, shared with the journal (which calls these after its own access check).

/** School-day tests for these items: inside the item's academic year and outside its holidays. */
export async function calendarFor(
  deps: Deps,
  schoolId: string,
  items: readonly CurriculumRow[],
): Promise<{ isSchoolDay: SchoolDayTest; isInYear: SchoolDayTest }> {
  const yearIds = [...new Set(items.map((i) => i.yearId))];
  const holidays = await repo.holidaysOf(deps.db, schoolId, yearIds);
  const byItem = new Map(items.map((i) => [i.id, i]));
  const isInYear: SchoolDayTest = (curriculumId, date) => {
    const item = byItem.get(curriculumId);
    return item !== undefined && date >= item.yearStartsOn && date <= item.yearEndsOn;
  };
  const isSchoolDay: SchoolDayTest = (curriculumId, date) => {
    if (!isInYear(curriculumId, date)) return false;
    const yearId = byItem.get(curriculumId)?.yearId;
    return !holidays.some((h) => h.year_id === yearId && date >= h.starts_on && date <= h.ends_on);
  };
  return { isSchoolDay, isInYear };
}

/**
 * Lessons of these curriculum items in [from, to] from the timetable and its changes. For other
 * services: no access check here, the caller has made its own.
 */
export async function deriveSlots(
  deps: Deps,
  schoolId: string,
  items: readonly CurriculumRow[],
  from: string,
  to: string,
): Promise<DerivedSlot[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const [entries, changes, calendar] = await Promise.all([
    repo.entryFacts(deps.db, schoolId, ids, from, to),
    repo.changeRows(deps.db, schoolId, ids, from, to),
    calendarFor(deps, schoolId, items),
  ]);
  return deriveLessons(from, to, entries, changes.map(repo.toChangeFact), calendar.isSchoolDay, calendar.isInYear);
}

/** The scheduled (not cancelled) lesson of an item on a date and number, if the timetable has one. */
export async function findScheduledSlot(
  deps: Deps,
  item: CurriculumRow,
  date: string,
  lessonNumber: number,
): Promise<DerivedSlot | undefined> {
  const slots = await deriveSlots(deps, item.schoolId, [item], date, date);
  return slots.find((s) => s.lessonNumber === lessonNumber && !s.cancelled);
}

/** A curriculum item of the school, or undefined. For other services (no access check). */
export async function loadCurriculum(deps: Deps, schoolId: string, curriculumId: string): Promise<CurriculumRow | undefined> {
  return repo.findCurriculum(deps.db, schoolId, curriculumId);
}

/** Curriculum items of the school by id. For other services (no access check). */
export async function loadCurricula(deps: Deps, schoolId: string, ids: readonly string[]): Promise<CurriculumRow[]> {
  return repo.findCurricula(deps.db, schoolId, ids);
}

// ---------------------------------------------------------------------------------------------
// Weekly entries (R2.1).

function presentEntry(r: repo.EntryListRow): TimetableEntry {
  return {
    id: r.id,
    curriculumId: r.curriculum_id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    teacherId: r.teacher_id,
    classId: r.class_id,
    groupId: r.group_id,
    weekday: r.weekday,
    lessonNumber: r.lesson_number,
    room: r.room,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    version: r.version,
  };
}

/** Timetable entries of a school, filtered by class, group, item, teacher or date. */
export async function listEntries(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  filter: { classId?: string; groupId?: string; curriculumId?: string; teacherId?: string; onDate?: string },
): Promise<TimetableEntry[]> {
  requireSchoolPermission(actor, schoolId, Permission.timetableRead);
  return (await repo.listEntries(deps.db, schoolId, filter)).map(presentEntry);
}

async function requireLessonNumber(deps: Deps, actor: Actor, schoolId: string, lessonNumber: number): Promise<void> {
  // A school that has not set its bell schedule yet may use any number; once it has, the number must be a bell.
  const bells = await repo.bellsOf(deps.db, schoolId);
  if (bells.length > 0 && !bells.some((b) => b.lesson_number === lessonNumber)) throw missing(actor, 'timetable.what.lessonNumber');
}

function validity(item: CurriculumRow, from: string | undefined, to: string | undefined): { from: string; to: string } {
  const range = { from: from ?? item.yearStartsOn, to: to ?? item.yearEndsOn };
  if (range.to < range.from) throw invalid('error.dateOrder');
  if (range.from < item.yearStartsOn || range.to > item.yearEndsOn) throw invalid('error.outsideYear');
  return range;
}

/** How an entry clashes with another: the class or group is busy, the teacher, or the room. */
export type ClashKind = 'class' | 'teacher' | 'room';

function clashKindOf(item: CurriculumRow, other: CurriculumRow, room: string, otherRoom: string): ClashKind {
  const sameTeacher = other.teacherId === item.teacherId;
  const sameRoom = room.trim() !== '' && otherRoom === room;
  const sharesPupils =
    other.id === item.id ||
    (item.groupId !== null && other.groupId === item.groupId) ||
    (item.ownerClassId !== null &&
      other.ownerClassId === item.ownerClassId &&
      (item.groupId === null || other.groupId === null || other.groupId === item.groupId));
  if (sharesPupils) return 'class';
  if (sameTeacher) return 'teacher';
  return sameRoom ? 'room' : 'class';
}

/**
 * Refuses a weekly lesson that would put a class or group, a teacher or a room in two places at
 * once, naming the other lesson (issue 17.1). A teacher or room clash may be confirmed explicitly
 * (two classes in one gym, a teacher with two groups); a class clash never.
 */
async function requireNoClash(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  item: CurriculumRow,
  slot: { weekday: number; lessonNumber: number; from: string; to: string; room: string },
  options: { excludeId?: string; confirmClash?: boolean },
) {
  const clashes = (await repo.clashingEntries(deps.db, schoolId, item, slot, options.excludeId)).map((c) => ({
    ...c,
    kind: clashKindOf(item, c.item, slot.room, c.room),
  }));
  const worst = clashes.find((c) => c.kind === 'class') ?? (options.confirmClash ? undefined : clashes[0]);
  if (!worst) return;
  const params = {
    weekday: translate(actor.locale, `journalWeb.tt.weekday.${slot.weekday}` as MessageKey),
    lessonNumber: slot.lessonNumber,
    owner: worst.item.ownerName,
    subject: worst.item.subjectName,
    teacher: worst.item.teacherName,
    room: worst.room,
  };
  const key: MessageKey =
    worst.kind === 'class'
      ? 'error.timetable.slotTaken'
      : worst.kind === 'teacher'
        ? 'error.timetable.teacherBusy'
        : 'error.timetable.roomBusy';
  throw conflict(key, params, {
    clash: { kind: worst.kind, entryId: worst.id, curriculumId: worst.item.id, confirmable: worst.kind !== 'class' },
  });
}

/** Adds a weekly lesson of a curriculum item (admins). */
/** The scopes of a timetable change: the item's journal and every member of its class or group. */
function itemScopes(item: { id: string; classId: string | null; groupId: string | null }) {
  return { curricula: [item.id], groups: [item.groupId ?? item.classId].filter((x): x is string => !!x) };
}

export async function createEntry(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  body: {
    curriculumId: string;
    weekday: number;
    lessonNumber: number;
    room?: string;
    validFrom?: string;
    validTo?: string;
    confirmClash?: boolean;
  },
): Promise<TimetableEntry> {
  requireSchoolPermission(actor, schoolId, Permission.timetableManage);
  const item = await repo.findCurriculum(deps.db, schoolId, body.curriculumId);
  if (!item) throw missing(actor, 'timetable.what.curriculum');
  const range = validity(item, body.validFrom, body.validTo);
  await requireLessonNumber(deps, actor, schoolId, body.lessonNumber);
  const slot = { weekday: body.weekday, lessonNumber: body.lessonNumber, room: body.room ?? '', ...range };
  const id = newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await requireNoClash({ ...deps, db: trx }, actor, schoolId, item, slot, { confirmClash: body.confirmClash });
    await trx
      .insertInto('timetable_entries')
      .values({
        id,
        school_id: schoolId,
        curriculum_id: item.id,
        weekday: body.weekday,
        lesson_number: body.lessonNumber,
        room: body.room ?? '',
        valid_from: range.from,
        valid_to: range.to,
        version: 1,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await recordChange(trx, {
      kind: ChangeKind.timetableEntry,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      ...itemScopes(item),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'timetable_entry',
      entityId: id,
      details: { curriculumId: item.id },
    });
  });
  return presentEntry((await repo.findEntry(deps.db, schoolId, id)) as repo.EntryListRow);
}

/** Changes a weekly lesson; a stale version gets 409 with the current entry. */
export async function updateEntry(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  id: string,
  body: {
    weekday?: number;
    lessonNumber?: number;
    room?: string;
    validFrom?: string;
    validTo?: string;
    version: number;
    confirmClash?: boolean;
  },
): Promise<TimetableEntry> {
  requireSchoolPermission(actor, schoolId, Permission.timetableManage);
  const current = await repo.findEntry(deps.db, schoolId, id);
  if (!current) throw notFound();
  const item = (await repo.findCurriculum(deps.db, schoolId, current.curriculum_id)) as CurriculumRow;
  const range = validity(item, body.validFrom ?? current.valid_from, body.validTo ?? current.valid_to);
  const weekday = body.weekday ?? current.weekday;
  const lessonNumber = body.lessonNumber ?? current.lesson_number;
  if (body.lessonNumber !== undefined) await requireLessonNumber(deps, actor, schoolId, lessonNumber);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const room = body.room ?? current.room;
    await requireNoClash(
      { ...deps, db: trx },
      actor,
      schoolId,
      item,
      { weekday, lessonNumber, room, ...range },
      {
        excludeId: id,
        confirmClash: body.confirmClash,
      },
    );
    const res = await trx
      .updateTable('timetable_entries')
      .set({
        weekday,
        lesson_number: lessonNumber,
        room: body.room ?? current.room,
        valid_from: range.from,
        valid_to: range.to,
        version: current.version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict('error.journal.stale', {}, { current: presentEntry(current) });
    await recordChange(trx, {
      kind: ChangeKind.timetableEntry,
      action: 'update',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      ...itemScopes(item),
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: 'timetable_entry',
      entityId: id,
      details: { fields: Object.keys(body).filter((k) => k !== 'version') },
    });
  });
  return presentEntry((await repo.findEntry(deps.db, schoolId, id)) as repo.EntryListRow);
}

/**
 * Removes a weekly lesson. Lessons that already hold journal content stay (they are rows of their
 * own), so grades are never orphaned.
 */
export async function deleteEntry(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.timetableManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const entry = await repo.findEntry(trx, schoolId, id);
    if (!entry) throw notFound();
    await recordChange(trx, {
      kind: ChangeKind.timetableEntry,
      action: 'delete',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      ...itemScopes({ id: entry.curriculum_id, classId: entry.class_id, groupId: entry.group_id }),
    });
    const res = await trx.deleteFrom('timetable_entries').where('id', '=', id).where('school_id', '=', schoolId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound();
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.delete, entity: 'timetable_entry', entityId: id });
  });
}

// ---------------------------------------------------------------------------------------------
// One-off changes (R2.1).

function presentChange(r: {
  id: string;
  curriculum_id: string;
  date: string;
  lesson_number: number;
  cancelled: number;
  substitute_teacher_id: string | null;
  room: string | null;
  moved_to_date: string | null;
  moved_to_lesson_number: number | null;
  note: string;
  created_at: string;
}): TimetableChange {
  return {
    id: r.id,
    curriculumId: r.curriculum_id,
    date: r.date,
    lessonNumber: r.lesson_number,
    cancelled: r.cancelled === 1,
    substituteTeacherId: r.substitute_teacher_id,
    room: r.room,
    movedToDate: r.moved_to_date,
    movedToLessonNumber: r.moved_to_lesson_number,
    note: r.note,
    createdAt: r.created_at,
  };
}

/** Changes of a school touching [from, to], optionally of one class or item. */
export async function listChanges(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: { from: string; to: string; classId?: string; curriculumId?: string },
): Promise<TimetableChange[]> {
  requireSchoolPermission(actor, schoolId, Permission.timetableRead);
  if (q.to < q.from) throw invalid('error.dateOrder');
  let query = deps.db
    .selectFrom('timetable_changes as x')
    .innerJoin('curriculum as c', 'c.id', 'x.curriculum_id')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .selectAll('x')
    .where('x.school_id', '=', schoolId)
    .where((eb) => eb.or([eb.between('x.date', q.from, q.to), eb.between('x.moved_to_date', q.from, q.to)]));
  if (q.curriculumId) query = query.where('x.curriculum_id', '=', q.curriculumId);
  if (q.classId) {
    const classId = q.classId;
    query = query.where((eb) => eb.or([eb('c.class_id', '=', classId), eb('g.class_id', '=', classId)]));
  }
  const rows = await query.orderBy('x.date').orderBy('x.lesson_number').execute();
  return rows.map(presentChange);
}

/** Records a one-off change of one scheduled lesson: substitute, room, cancellation or move (admins). */
export async function createChange(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  body: {
    curriculumId: string;
    date: string;
    lessonNumber: number;
    cancelled?: boolean;
    substituteTeacherId?: string | null;
    room?: string | null;
    movedToDate?: string | null;
    movedToLessonNumber?: number | null;
    note?: string;
  },
): Promise<TimetableChange> {
  requireSchoolPermission(actor, schoolId, Permission.timetableManage);
  const item = await repo.findCurriculum(deps.db, schoolId, body.curriculumId);
  if (!item) throw missing(actor, 'timetable.what.curriculum');
  const moved = body.movedToDate ?? null;
  const movedNumber = body.movedToLessonNumber ?? null;
  if ((moved === null) !== (movedNumber === null)) throw invalid('error.timetable.moveIncomplete');
  const cancelled = body.cancelled ?? false;
  const substitute = body.substituteTeacherId ?? null;
  const room = body.room ?? null;
  if (!cancelled && substitute === null && room === null && moved === null) throw invalid('error.timetable.emptyChange');
  if (substitute && !(await repo.staffExists(deps.db, schoolId, substitute))) throw missing(actor, 'timetable.what.teacher');
  if (moved !== null && (moved < item.yearStartsOn || moved > item.yearEndsOn)) throw invalid('error.outsideYear');
  if (movedNumber !== null) await requireLessonNumber(deps, actor, schoolId, movedNumber);
  // The change must name a lesson the timetable holds (a cancelled one may be changed again only after deleting the change).
  const slot = await findScheduledSlot(deps, item, body.date, body.lessonNumber);
  if (!slot || slot.movedFrom) throw invalid('error.timetable.noSuchLesson');
  const id = newId();
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('timetable_changes')
        .values({
          id,
          school_id: schoolId,
          curriculum_id: item.id,
          date: body.date,
          lesson_number: body.lessonNumber,
          cancelled: cancelled ? 1 : 0,
          substitute_teacher_id: substitute,
          room,
          moved_to_date: moved,
          moved_to_lesson_number: movedNumber,
          note: body.note ?? '',
          created_by: actor.userId,
          created_at: now.toISOString(),
        })
        .execute();
      await recordChange(trx, {
        kind: ChangeKind.timetableChange,
        action: 'create',
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at: now.toISOString(),
        ...itemScopes(item),
        dates: [body.date, moved],
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: AuditAction.create,
        entity: 'timetable_change',
        entityId: id,
        details: { curriculumId: item.id, cancelled, substitute: substitute !== null, moved: moved !== null, room: room !== null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('error.timetable.changeExists');
    throw error;
  }
  const row = await deps.db.selectFrom('timetable_changes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentChange(row);
}

/** Deletes a one-off change: the lesson returns to its weekly place. */
export async function deleteChange(deps: Deps, actor: Actor, schoolId: string, id: string): Promise<void> {
  requireSchoolPermission(actor, schoolId, Permission.timetableManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const change = await repo.findChangeScope(trx, schoolId, id);
    if (!change) throw notFound();
    await recordChange(trx, {
      kind: ChangeKind.timetableChange,
      action: 'delete',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
      ...itemScopes({ id: change.curriculum_id, classId: change.class_id, groupId: change.group_id }),
      dates: [change.date, change.moved_to_date],
    });
    const res = await trx.deleteFrom('timetable_changes').where('id', '=', id).where('school_id', '=', schoolId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound();
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.delete, entity: 'timetable_change', entityId: id });
  });
}

// ---------------------------------------------------------------------------------------------
// Week views (R2.2): a class's and a teacher's lessons for any week.

async function presentWeek(
  deps: Deps,
  schoolId: string,
  items: readonly CurriculumRow[],
  weekOf: string,
  onlyTeacher?: string,
): Promise<{ weekStart: string; weekEnd: string; lessons: DerivedLesson[] }> {
  const from = weekStart(weekOf);
  const to = addDays(from, 6);
  const ids = items.map((i) => i.id);
  const [slots, records, bells] = await Promise.all([
    deriveSlots(deps, schoolId, items, from, to),
    repo.lessonRecords(deps.db, schoolId, ids, from, to),
    repo.bellsOf(deps.db, schoolId),
  ]);
  const byItem = new Map(items.map((i) => [i.id, i]));
  const recordByKey = new Map(records.map((r) => [slotKey(r.curriculum_id, r.date, r.lesson_number), r]));
  const all: Array<DerivedSlot & { scheduled: boolean }> = slots.map((s) => ({ ...s, scheduled: true }));
  const seen = new Set(slots.map((s) => slotKey(s.curriculumId, s.date, s.lessonNumber)));
  // A lesson that holds journal content stays visible even if the timetable has since changed.
  for (const r of records) {
    const key = slotKey(r.curriculum_id, r.date, r.lesson_number);
    if (seen.has(key)) continue;
    all.push({
      curriculumId: r.curriculum_id,
      date: r.date,
      lessonNumber: r.lesson_number,
      room: '',
      substituteTeacherId: null,
      cancelled: false,
      movedFrom: null,
      scheduled: false,
    });
  }
  const substituteIds = [...new Set(all.map((s) => s.substituteTeacherId).filter((x): x is string => x !== null))];
  const substitutes =
    substituteIds.length === 0
      ? []
      : await deps.db
          .selectFrom('staff')
          .select(['id', 'surname', 'name', 'patronymic'])
          .where('school_id', '=', schoolId)
          .where('id', 'in', substituteIds)
          .execute();
  const substituteName = new Map(substitutes.map((s) => [s.id, repo.shortPersonName(s.surname, s.name, s.patronymic)]));
  const bellByNumber = new Map(bells.map((b) => [b.lesson_number, b]));
  const lessons: DerivedLesson[] = [];
  for (const s of sortSlots(all)) {
    const item = byItem.get(s.curriculumId) as CurriculumRow;
    const teacherId = s.substituteTeacherId ?? item.teacherId;
    if (onlyTeacher && teacherId !== onlyTeacher) continue;
    const record = recordByKey.get(slotKey(s.curriculumId, s.date, s.lessonNumber));
    const bell = bellByNumber.get(s.lessonNumber);
    lessons.push({
      lessonId: record?.id ?? null,
      curriculumId: s.curriculumId,
      date: s.date,
      lessonNumber: s.lessonNumber,
      startsAt: bell?.starts_at ?? null,
      endsAt: bell?.ends_at ?? null,
      subjectId: item.subjectId,
      subjectName: item.subjectName,
      classId: item.classId,
      groupId: item.groupId,
      teacherId,
      teacherName: s.substituteTeacherId ? (substituteName.get(s.substituteTeacherId) ?? '') : item.teacherName,
      substitute: s.substituteTeacherId !== null,
      room: s.room,
      cancelled: s.cancelled,
      movedFrom: s.movedFrom,
      topic: record?.topic ?? null,
      homework: record?.homework ?? null,
    });
  }
  return { weekStart: from, weekEnd: to, lessons };
}

/** A class's lessons (its own and its groups') in the week holding `weekOf`. */
export async function classWeek(deps: Deps, actor: Actor, schoolId: string, classId: string, weekOf: string | undefined) {
  requireSchoolPermission(actor, schoolId, Permission.timetableRead);
  if (!(await repo.classExists(deps.db, schoolId, classId))) throw notFound();
  const items = await repo.curriculaOfClass(deps.db, schoolId, classId);
  return presentWeek(deps, schoolId, items, weekOf ?? (await schoolToday(deps, schoolId)));
}

/** A teacher's lessons (own and substituted) in the week holding `weekOf`. */
export async function teacherWeek(deps: Deps, actor: Actor, schoolId: string, staffId: string, weekOf: string | undefined) {
  requireSchoolPermission(actor, schoolId, Permission.timetableRead);
  if (!(await repo.staffExists(deps.db, schoolId, staffId))) throw notFound();
  const date = weekOf ?? (await schoolToday(deps, schoolId));
  const from = weekStart(date);
  const items = await repo.curriculaOfTeacher(deps.db, schoolId, staffId, from, addDays(from, 6));
  return presentWeek(deps, schoolId, items, date, staffId);
}
