import type { MatrixCase, MatrixRole, MatrixWorld } from '../../access/matrix/types.js';
import { EVERYONE_IN_SCHOOL } from '../../access/matrix/types.js';
import { addDays } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';
import { isHoliday, mondayLesson } from '../timetable/timetable.matrix.js';

/**
 * Route × role allow-lists of the journal, on 5А mathematics (taught by `teacher`; 5А has no class
 * teacher in the matrix world): its teacher and the admin write; director and deputy read.
 */

const WRITERS: readonly MatrixRole[] = ['admin', 'teacher'];
const READERS: readonly MatrixRole[] = ['admin', 'director', 'deputy', 'teacher'];
const JOURNAL_ROLES: readonly MatrixRole[] = ['admin', 'director', 'deputy', 'teacher', 'classTeacher', 'otherTeacher'];
const ADMIN: readonly MatrixRole[] = ['admin'];
const AT = '2026-11-01T00:00:00.000Z';

let counter = 0;
const next = () => ++counter;
let mondays = 0;
/** A distinct autumn Monday outside the school's holidays (the timetable cases use spring Mondays). */
async function freshMonday(w: MatrixWorld): Promise<string> {
  for (;;) {
    const date = addDays('2026-09-07', 7 * (mondays++ % 20));
    if (date !== '2026-11-16' && !(await isHoliday(w, date))) return date;
  }
}

async function workTypeOf(w: MatrixWorld): Promise<string> {
  const found = await w.db.selectFrom('work_types').select('id').where('school_id', '=', w.schoolId).orderBy('ordinal').executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await w.db
    .insertInto('work_types')
    .values({ id, school_id: w.schoolId, code: 'answer', name: '', weight: 1, is_control: 0, ordinal: 1, created_at: AT })
    .onConflict((oc) => oc.columns(['school_id', 'code']).doNothing())
    .execute();
  return workTypeOf(w);
}

async function lessonOf(w: MatrixWorld, date: string): Promise<string> {
  const found = await w.db
    .selectFrom('lessons')
    .select('id')
    .where('curriculum_id', '=', w.curriculumIds.mathA)
    .where('date', '=', date)
    .where('lesson_number', '=', 1)
    .executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await w.db
    .insertInto('lessons')
    .values({
      id,
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      date,
      lesson_number: 1,
      topic: null,
      homework: null,
      homework_due_on: null,
      control_work_type_id: null,
      version: 0,
      entered_by: null,
      created_at: AT,
      updated_by: null,
      updated_at: AT,
    })
    .execute();
  return id;
}

async function freshGrade(w: MatrixWorld): Promise<string> {
  await mondayLesson(w);
  const lessonId = await lessonOf(w, '2026-11-16');
  const id = newId();
  await w.db
    .insertInto('grades')
    .values({
      id,
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      lesson_id: lessonId,
      student_id: w.studentIds.inA,
      work_date: '2026-11-16',
      value: '4',
      numeric_value: 4,
      scale: 'five',
      work_type_id: await workTypeOf(w),
      comment: '',
      version: 1,
      entered_by: null,
      entered_at: AT,
      updated_by: null,
      updated_at: AT,
    })
    .execute();
  return id;
}

async function freshPeriod(w: MatrixWorld, closed: boolean): Promise<string> {
  const id = newId();
  await w.db
    .insertInto('study_periods')
    .values({
      id,
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'half_year',
      ordinal: 10 + next(),
      name: 'полугодие',
      grade_from: 10,
      grade_to: 11,
      starts_on: '2026-09-01',
      ends_on: '2026-12-28',
      closed_at: closed ? AT : null,
      closed_by: null,
    })
    .execute();
  return id;
}

/** The current version of 5А mathematics' year grade of the 5А student (writes must quote it). */
async function yearGradeVersion(w: MatrixWorld): Promise<number> {
  const row = await w.db
    .selectFrom('period_grades')
    .select('version')
    .where('curriculum_id', '=', w.curriculumIds.mathA)
    .where('student_id', '=', w.studentIds.inA)
    .where('kind', '=', 'year')
    .executeTakeFirst();
  return row?.version ?? 0;
}

async function freshAttachment(w: MatrixWorld): Promise<{ lessonId: string; id: string }> {
  const lessonId = await lessonOf(w, '2026-11-16');
  const id = newId();
  await w.db
    .insertInto('lesson_attachments')
    .values({
      id,
      school_id: w.schoolId,
      lesson_id: lessonId,
      file_name: 'задание.txt',
      content_type: 'text/plain; charset=utf-8',
      size: 0,
      // A file that is not there reads as an error, so the download case points at one it writes.
      storage_path: 'attachments/matrix-missing',
      uploaded_by: null,
      uploaded_at: AT,
    })
    .execute();
  return { lessonId, id };
}

const journal = (w: MatrixWorld) => `/api/schools/${w.schoolId}/journals/${w.curriculumIds.mathA}`;

export const journalMatrix: MatrixCase[] = [
  { method: 'GET', route: '/api/schools/:schoolId/journals', url: (w) => `/api/schools/${w.schoolId}/journals`, allow: JOURNAL_ROLES },
  { method: 'GET', route: '/api/schools/:schoolId/journals/:curriculumId', url: (w) => journal(w), allow: READERS },
  { method: 'GET', route: '/api/schools/:schoolId/journals/:curriculumId/averages', url: (w) => `${journal(w)}/averages`, allow: READERS },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/journals/:curriculumId/plan-lessons',
    url: (w) => `${journal(w)}/plan-lessons`,
    allow: READERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/journals/:curriculumId/students/:studentId/period-mark',
    url: (w) => `${journal(w)}/students/${w.studentIds.inA}/period-mark`,
    allow: READERS,
  },
  { method: 'GET', route: '/api/schools/:schoolId/journals/:curriculumId/history', url: (w) => `${journal(w)}/history`, allow: READERS },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/journals/:curriculumId/lessons/:date/:lessonNumber',
    url: async (w) => {
      await mondayLesson(w);
      return `${journal(w)}/lessons/${await freshMonday(w)}/1`;
    },
    body: () => ({ topic: 'Дроби', version: 0 }),
    allow: WRITERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/lessons/:id',
    url: async (w) => `/api/schools/${w.schoolId}/lessons/${await lessonOf(w, '2026-11-16')}`,
    allow: READERS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/journals/:curriculumId/grades',
    url: async (w) => {
      await mondayLesson(w);
      return `${journal(w)}/grades`;
    },
    body: async (w) => ({ studentId: w.studentIds.inA, date: '2026-11-16', lessonNumber: 1, value: '5', workTypeId: await workTypeOf(w) }),
    allow: WRITERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/grades/:id',
    url: async (w) => `/api/schools/${w.schoolId}/grades/${await freshGrade(w)}`,
    body: () => ({ value: '3', version: 1 }),
    allow: WRITERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/grades/:id',
    url: async (w) => `/api/schools/${w.schoolId}/grades/${await freshGrade(w)}?version=1`,
    allow: WRITERS,
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/journals/:curriculumId/attendance',
    url: async (w) => {
      await mondayLesson(w);
      return `${journal(w)}/attendance`;
    },
    body: async (w) => ({ studentId: w.studentIds.inA, date: await freshMonday(w), lessonNumber: 1, mark: 'absent', version: 0 }),
    allow: WRITERS,
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/journals/:curriculumId/period-grades',
    url: (w) => `${journal(w)}/period-grades`,
    body: async (w) => ({
      studentId: w.studentIds.inA,
      kind: 'year',
      value: next() % 2 === 0 ? '4' : '5',
      version: await yearGradeVersion(w),
    }),
    allow: WRITERS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/periods/:id/close',
    url: async (w) => `/api/schools/${w.schoolId}/periods/${await freshPeriod(w, false)}/close`,
    // The period ends after the test clock's today: an early close needs its reason (decision 008).
    body: () => ({ early: true, reason: 'Досрочное закрытие' }),
    allow: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/periods/:id/reopen',
    url: async (w) => `/api/schools/${w.schoolId}/periods/${await freshPeriod(w, true)}/reopen`,
    body: () => ({ reason: 'Исправление ошибки в оценке' }),
    allow: ADMIN,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/grade-scales',
    url: (w) => `/api/schools/${w.schoolId}/grade-scales`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/grade-scales',
    url: (w) => `/api/schools/${w.schoolId}/grade-scales`,
    body: () => ({
      name: `Шкала ${Date.now().toString(36)}-${next()}`,
      values: [
        { value: 'A', numeric: 5 },
        { value: 'B', numeric: 4 },
      ],
    }),
    allow: ADMIN,
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/grade-scales/default',
    url: (w) => `/api/schools/${w.schoolId}/grade-scales/default`,
    body: () => ({ scale: 'five' }),
    allow: ADMIN,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/grade-scales/curricula',
    url: (w) => `/api/schools/${w.schoolId}/grade-scales/curricula`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/grade-scales/curricula/:curriculumId',
    url: (w) => `/api/schools/${w.schoolId}/grade-scales/curricula/${w.curriculumIds.mathA}`,
    body: () => ({ scale: null }),
    allow: ADMIN,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/work-types',
    url: (w) => `/api/schools/${w.schoolId}/work-types`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/work-types',
    url: (w) => `/api/schools/${w.schoolId}/work-types`,
    body: () => ({ name: `Проект ${Date.now().toString(36)}-${next()}`, weight: 2 }),
    allow: ADMIN,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/work-types/:id',
    url: async (w) => `/api/schools/${w.schoolId}/work-types/${await workTypeOf(w)}`,
    body: () => ({ weight: 1 }),
    allow: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/lessons/:id/attachments',
    url: async (w) => `/api/schools/${w.schoolId}/lessons/${await lessonOf(w, '2026-11-16')}/attachments`,
    headers: multipartHeaders,
    body: () => multipartFile(`задание-${next()}.txt`, 'Решить № 245', 'text/plain'),
    allow: WRITERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/lessons/:id/attachments/:attachmentId',
    url: async (w) => {
      const a = await freshAttachment(w);
      return `/api/schools/${w.schoolId}/lessons/${a.lessonId}/attachments/${a.id}`;
    },
    allow: WRITERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/lessons/:id/attachments/:attachmentId',
    url: async (w) => {
      const lessonId = await lessonOf(w, '2026-11-16');
      const row = await w.db
        .selectFrom('lesson_attachments')
        .select('id')
        .where('lesson_id', '=', lessonId)
        .where('size', '>', 0)
        .executeTakeFirstOrThrow();
      return `/api/schools/${w.schoolId}/lessons/${lessonId}/attachments/${row.id}`;
    },
    allow: READERS,
  },
];
