import type { Db } from '../../db/connect.js';
import type { ChangeFact, EntryFact } from './lesson-derivation.js';
import type { TimetableChangesTable, TimetableEntriesTable } from './timetable.table.js';

/** A curriculum item with what the timetable and journal need about it. */
export interface CurriculumRow {
  id: string;
  schoolId: string;
  yearId: string;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  classId: string | null;
  groupId: string | null;
  /** The class of the item or of its group; null for a cross-class group. */
  ownerClassId: string | null;
  ownerName: string;
  gradeLevel: number | null;
  yearStartsOn: string;
  yearEndsOn: string;
}

/** "Иванова М. П." */
export function shortPersonName(surname: string, name: string, patronymic: string): string {
  const initials = [name, patronymic]
    .filter((p) => p.length > 0)
    .map((p) => `${p[0]}.`)
    .join(' ');
  return initials ? `${surname} ${initials}` : surname;
}

// Read-only joins onto the school module's tables (curriculum, subjects, staff, classes, groups,
// years): a read model for the timetable and journal, never written here.
function curriculumQuery(db: Db, schoolId: string) {
  return db
    .selectFrom('curriculum as c')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('staff as t', 't.id', 'c.teacher_id')
    .innerJoin('academic_years as y', 'y.id', 'c.year_id')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .leftJoin('classes as k', (j) => j.on((eb) => eb('k.id', '=', eb.fn.coalesce('c.class_id', 'g.class_id'))))
    .select([
      'c.id',
      'c.school_id',
      'c.year_id',
      'c.subject_id',
      's.name as subject_name',
      'c.teacher_id',
      't.surname',
      't.name as teacher_first',
      't.patronymic',
      'c.class_id',
      'c.group_id',
      'g.name as group_name',
      'k.id as owner_class_id',
      'k.name as class_name',
      'k.grade_level',
      'y.starts_on',
      'y.ends_on',
    ])
    .where('c.school_id', '=', schoolId);
}

type CurriculumDbRow = Awaited<ReturnType<ReturnType<typeof curriculumQuery>['execute']>>[number];

function toCurriculum(r: CurriculumDbRow): CurriculumRow {
  return {
    id: r.id,
    schoolId: r.school_id,
    yearId: r.year_id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    teacherId: r.teacher_id,
    teacherName: shortPersonName(r.surname, r.teacher_first, r.patronymic),
    classId: r.class_id,
    groupId: r.group_id,
    ownerClassId: r.owner_class_id,
    ownerName: r.group_id ? (r.group_name ?? '') : (r.class_name ?? ''),
    gradeLevel: r.grade_level,
    yearStartsOn: r.starts_on,
    yearEndsOn: r.ends_on,
  };
}

export async function findCurricula(db: Db, schoolId: string, ids: readonly string[]): Promise<CurriculumRow[]> {
  if (ids.length === 0) return [];
  const rows = await curriculumQuery(db, schoolId).where('c.id', 'in', ids).execute();
  return rows.map(toCurriculum);
}

export async function findCurriculum(db: Db, schoolId: string, id: string): Promise<CurriculumRow | undefined> {
  const row = await curriculumQuery(db, schoolId).where('c.id', '=', id).executeTakeFirst();
  return row ? toCurriculum(row) : undefined;
}

/** Curriculum items of a class: its own and those of its groups. */
export async function curriculaOfClass(db: Db, schoolId: string, classId: string): Promise<CurriculumRow[]> {
  const rows = await curriculumQuery(db, schoolId)
    .where((eb) => eb.or([eb('c.class_id', '=', classId), eb('g.class_id', '=', classId)]))
    .execute();
  return rows.map(toCurriculum);
}

/** Curriculum items a teacher teaches, plus those where they substitute a lesson in [from, to]. */
export async function curriculaOfTeacher(db: Db, schoolId: string, staffId: string, from: string, to: string): Promise<CurriculumRow[]> {
  const rows = await curriculumQuery(db, schoolId)
    .where((eb) =>
      eb.or([
        eb('c.teacher_id', '=', staffId),
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('timetable_changes as x')
            .select('x.curriculum_id')
            .where('x.school_id', '=', schoolId)
            .where('x.substitute_teacher_id', '=', staffId)
            .where((w) => w.or([w.between('x.date', from, to), w.between('x.moved_to_date', from, to)])),
        ),
      ]),
    )
    .execute();
  return rows.map(toCurriculum);
}

export async function staffExists(db: Db, schoolId: string, staffId: string): Promise<boolean> {
  return (
    (await db.selectFrom('staff').select('id').where('id', '=', staffId).where('school_id', '=', schoolId).executeTakeFirst()) !== undefined
  );
}

export async function classExists(db: Db, schoolId: string, classId: string): Promise<boolean> {
  return (
    (await db.selectFrom('classes').select('id').where('id', '=', classId).where('school_id', '=', schoolId).executeTakeFirst()) !==
    undefined
  );
}

export async function bellsOf(db: Db, schoolId: string) {
  return db
    .selectFrom('bells')
    .select(['lesson_number', 'starts_at', 'ends_at'])
    .where('school_id', '=', schoolId)
    .orderBy('lesson_number')
    .execute();
}

export async function holidaysOf(db: Db, schoolId: string, yearIds: readonly string[]) {
  if (yearIds.length === 0) return [];
  return db
    .selectFrom('holidays')
    .select(['year_id', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('year_id', 'in', yearIds)
    .execute();
}

function toEntryFact(
  r: Pick<TimetableEntriesTable, 'curriculum_id' | 'weekday' | 'lesson_number' | 'room' | 'valid_from' | 'valid_to'>,
): EntryFact {
  return {
    curriculumId: r.curriculum_id,
    weekday: r.weekday,
    lessonNumber: r.lesson_number,
    room: r.room,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export function toChangeFact(r: TimetableChangesTable): ChangeFact {
  return {
    curriculumId: r.curriculum_id,
    date: r.date,
    lessonNumber: r.lesson_number,
    cancelled: r.cancelled === 1,
    substituteTeacherId: r.substitute_teacher_id,
    room: r.room,
    movedToDate: r.moved_to_date,
    movedToLessonNumber: r.moved_to_lesson_number,
  };
}

/** Entries of these items valid at some point in [from, to]. */
export async function entryFacts(
  db: Db,
  schoolId: string,
  curriculumIds: readonly string[],
  from: string,
  to: string,
): Promise<EntryFact[]> {
  if (curriculumIds.length === 0) return [];
  const rows = await db
    .selectFrom('timetable_entries')
    .select(['curriculum_id', 'weekday', 'lesson_number', 'room', 'valid_from', 'valid_to'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where('valid_from', '<=', to)
    .where('valid_to', '>=', from)
    .execute();
  return rows.map(toEntryFact);
}

/** Changes touching [from, to]: their own date or the date a lesson was moved to. */
export async function changeRows(db: Db, schoolId: string, curriculumIds: readonly string[], from: string, to: string) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('timetable_changes')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where((eb) => eb.or([eb.between('date', from, to), eb.between('moved_to_date', from, to)]))
    .execute();
}

// Read-only join onto the journal's lessons table: week views show each lesson's topic and homework.
export async function lessonRecords(db: Db, schoolId: string, curriculumIds: readonly string[], from: string, to: string) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('lessons')
    .select(['id', 'curriculum_id', 'date', 'lesson_number', 'topic', 'homework'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

export async function listEntries(
  db: Db,
  schoolId: string,
  filter: { classId?: string; groupId?: string; curriculumId?: string; teacherId?: string; onDate?: string },
) {
  let q = db
    .selectFrom('timetable_entries as e')
    .innerJoin('curriculum as c', 'c.id', 'e.curriculum_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .select([
      'e.id',
      'e.curriculum_id',
      'e.weekday',
      'e.lesson_number',
      'e.room',
      'e.valid_from',
      'e.valid_to',
      'e.version',
      'c.subject_id',
      's.name as subject_name',
      'c.teacher_id',
      'c.class_id',
      'c.group_id',
    ])
    .where('e.school_id', '=', schoolId);
  if (filter.classId) {
    const classId = filter.classId;
    q = q.where((eb) => eb.or([eb('c.class_id', '=', classId), eb('g.class_id', '=', classId)]));
  }
  if (filter.groupId) q = q.where('c.group_id', '=', filter.groupId);
  if (filter.curriculumId) q = q.where('e.curriculum_id', '=', filter.curriculumId);
  if (filter.teacherId) q = q.where('c.teacher_id', '=', filter.teacherId);
  if (filter.onDate) q = q.where('e.valid_from', '<=', filter.onDate).where('e.valid_to', '>=', filter.onDate);
  return q.orderBy('e.weekday').orderBy('e.lesson_number').orderBy('e.id').execute();
}
export type EntryListRow = Awaited<ReturnType<typeof listEntries>>[number];

export async function findEntry(db: Db, schoolId: string, id: string) {
  return (await listEntriesById(db, schoolId, id))[0];
}

async function listEntriesById(db: Db, schoolId: string, id: string) {
  return db
    .selectFrom('timetable_entries as e')
    .innerJoin('curriculum as c', 'c.id', 'e.curriculum_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select([
      'e.id',
      'e.curriculum_id',
      'e.weekday',
      'e.lesson_number',
      'e.room',
      'e.valid_from',
      'e.valid_to',
      'e.version',
      'c.subject_id',
      's.name as subject_name',
      'c.teacher_id',
      'c.class_id',
      'c.group_id',
    ])
    .where('e.school_id', '=', schoolId)
    .where('e.id', '=', id)
    .execute();
}

/**
 * Entries that would clash with one at (weekday, lessonNumber, [from, to]) of this item: the same
 * item, the same group, or anything of the same class where either side is the whole class
 * (two groups of one class may share a slot: that is what split subjects are).
 */
/**
 * Weekly entries at the same weekday and lesson number whose validity overlaps the slot's and that
 * would clash with it: the same class or group (or the whole class against one of its groups), the
 * same teacher, or the same room (when a room is given). Each with its curriculum item, so the
 * caller can name the clash.
 */
export async function clashingEntries(
  db: Db,
  schoolId: string,
  item: CurriculumRow,
  slot: { weekday: number; lessonNumber: number; from: string; to: string; room: string },
  excludeId?: string,
): Promise<Array<{ id: string; room: string; item: CurriculumRow }>> {
  let q = db
    .selectFrom('timetable_entries as e')
    .innerJoin('curriculum as c', 'c.id', 'e.curriculum_id')
    .leftJoin('study_groups as g', 'g.id', 'c.group_id')
    .select(['e.id', 'e.room', 'e.curriculum_id'])
    .where('e.school_id', '=', schoolId)
    .where('e.weekday', '=', slot.weekday)
    .where('e.lesson_number', '=', slot.lessonNumber)
    .where('e.valid_from', '<=', slot.to)
    .where('e.valid_to', '>=', slot.from)
    .where((eb) => {
      const same = [eb('e.curriculum_id', '=', item.id), eb('c.teacher_id', '=', item.teacherId)];
      if (slot.room.trim() !== '') same.push(eb('e.room', '=', slot.room));
      if (item.groupId) same.push(eb('c.group_id', '=', item.groupId));
      if (item.ownerClassId) {
        // The other side is the whole class, or this side is.
        same.push(eb('c.class_id', '=', item.ownerClassId));
        if (!item.groupId) same.push(eb('g.class_id', '=', item.ownerClassId));
      }
      return eb.or(same);
    });
  if (excludeId) q = q.where('e.id', '!=', excludeId);
  const rows = await q.execute();
  const items = new Map((await findCurricula(db, schoolId, [...new Set(rows.map((r) => r.curriculum_id))])).map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const other = items.get(r.curriculum_id);
    return other ? [{ id: r.id, room: r.room, item: other }] : [];
  });
}

/** What a one-off change touches: its item, the item's class or group, and its two dates. */
export async function findChangeScope(db: Db, schoolId: string, id: string) {
  return db
    .selectFrom('timetable_changes as x')
    .innerJoin('curriculum as c', 'c.id', 'x.curriculum_id')
    .select(['x.curriculum_id', 'x.date', 'x.moved_to_date', 'c.class_id', 'c.group_id'])
    .where('x.school_id', '=', schoolId)
    .where('x.id', '=', id)
    .executeTakeFirst();
}
