import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

export interface WriteGuardAsk {
  schoolId: string;
  curriculumId: string;
  yearId: string;
  gradeLevel: number | null;
  owner: { classId: string | null; groupId: string | null };
  studentId: string | null;
  date: string;
  lessonNumber: number | null;
  workTypeId: string | null;
}

export interface WriteGuardRow {
  teacher_id: string | null;
  lesson_id: string | null;
  on_roster: number | boolean | null;
  work_type_weight: number | null;
  closed_period: string | null;
  own_scale: string | null;
  default_scale: string | null;
}

/**
 * Everything a journal save must hold true, read in ONE query inside the write's transaction:
 * the item's teacher (access is decided from it), the lesson record, the student on the roster
 * on the date, the work type, a closed period over the date for the item's grade level, and the
 * item's scale. Read-only looks at the school and people modules' tables (curriculum, periods,
 * memberships), as the journal page's read model does.
 */
export async function readWriteGuard(trx: Db, q: WriteGuardAsk): Promise<WriteGuardRow> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb
        .selectFrom('curriculum')
        .select('teacher_id')
        .where('id', '=', q.curriculumId)
        .where('school_id', '=', q.schoolId)
        .as('teacher_id'),
      (q.lessonNumber === null
        ? sql<string | null>`null`
        : eb
            .selectFrom('lessons')
            .select('id')
            .where('school_id', '=', q.schoolId)
            .where('curriculum_id', '=', q.curriculumId)
            .where('date', '=', q.date)
            .where('lesson_number', '=', q.lessonNumber)
      ).as('lesson_id'),
      (q.studentId === null
        ? sql<number | null>`null`
        : q.owner.groupId
          ? eb
              .selectFrom('group_memberships')
              .select(sql<number>`1`.as('one'))
              .where('school_id', '=', q.schoolId)
              .where('group_id', '=', q.owner.groupId)
              .where('student_id', '=', q.studentId)
              .where('starts_on', '<=', q.date)
              .where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>=', q.date)]))
              .limit(1)
          : eb
              .selectFrom('class_memberships')
              .select(sql<number>`1`.as('one'))
              .where('school_id', '=', q.schoolId)
              .where('class_id', '=', q.owner.classId ?? '')
              .where('student_id', '=', q.studentId)
              .where('starts_on', '<=', q.date)
              .where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>=', q.date)]))
              .limit(1)
      ).as('on_roster'),
      (q.workTypeId === null
        ? sql<number | null>`null`
        : eb.selectFrom('work_types').select('weight').where('school_id', '=', q.schoolId).where('id', '=', q.workTypeId)
      ).as('work_type_weight'),
      eb
        .selectFrom('study_periods')
        .select('name')
        .where('school_id', '=', q.schoolId)
        .where('year_id', '=', q.yearId)
        .where('closed_at', 'is not', null)
        .where('starts_on', '<=', q.date)
        .where('ends_on', '>=', q.date)
        .$if(q.gradeLevel !== null, (s) =>
          s.where('grade_from', '<=', q.gradeLevel as number).where('grade_to', '>=', q.gradeLevel as number),
        )
        .limit(1)
        .as('closed_period'),
      eb
        .selectFrom('curriculum_scales')
        .select('scale')
        .where('school_id', '=', q.schoolId)
        .where('curriculum_id', '=', q.curriculumId)
        .as('own_scale'),
      eb.selectFrom('journal_settings').select('default_scale').where('school_id', '=', q.schoolId).as('default_scale'),
    ])
    .executeTakeFirstOrThrow();
  return row as WriteGuardRow;
}
