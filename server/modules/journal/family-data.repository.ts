import type { Db } from '../../db/connect.js';

/**
 * The grades, attendance marks and period grades of some students, with the subject of each.
 * Read-only joins onto the school module's curriculum, subjects and periods: their names.
 */
export async function journalRowsOf(db: Db, schoolId: string, studentIds: readonly string[]) {
  if (studentIds.length === 0) return { grades: [], attendance: [], periodGrades: [] };
  const grades = await db
    .selectFrom('grades as g')
    .innerJoin('curriculum as c', 'c.id', 'g.curriculum_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('work_types as w', 'w.id', 'g.work_type_id')
    .select([
      'g.student_id',
      'g.work_date',
      's.name as subject',
      'g.value',
      'w.name as work_type',
      'g.comment',
      'g.entered_at',
      'g.updated_at',
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.student_id', 'in', studentIds)
    .orderBy('g.work_date')
    .orderBy('s.name')
    .execute();
  const attendance = await db
    .selectFrom('attendance_marks as a')
    .innerJoin('curriculum as c', 'c.id', 'a.curriculum_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select(['a.student_id', 'a.lesson_date', 's.name as subject', 'a.mark', 'a.entered_at'])
    .where('a.school_id', '=', schoolId)
    .where('a.student_id', 'in', studentIds)
    .orderBy('a.lesson_date')
    .orderBy('s.name')
    .execute();
  const periodGrades = await db
    .selectFrom('period_grades as p')
    .innerJoin('curriculum as c', 'c.id', 'p.curriculum_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .leftJoin('study_periods as sp', 'sp.id', 'p.period_key')
    .select(['p.student_id', 'p.kind', 'p.period_key', 'sp.name as period_name', 's.name as subject', 'p.value', 'p.entered_at'])
    .where('p.school_id', '=', schoolId)
    .where('p.student_id', 'in', studentIds)
    .orderBy('s.name')
    .orderBy('p.period_key')
    .execute();
  return { grades, attendance, periodGrades };
}
