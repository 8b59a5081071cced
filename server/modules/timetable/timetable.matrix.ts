import { type MatrixCase, type MatrixRole, type MatrixWorld, STAFF_READERS } from '../../access/matrix/types.js';
import { addDays } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';

/** Route × role allow-lists of the timetable: staff read, the school admin edits. */

const READERS: readonly MatrixRole[] = [...STAFF_READERS, 'teacher', 'classTeacher', 'otherTeacher'];
const EDITORS: readonly MatrixRole[] = ['admin'];

let counter = 0;
const next = () => ++counter;

/** A weekly entry of 5А mathematics valid for one day not used before in this run. */
async function freshEntry(w: MatrixWorld): Promise<string> {
  const id = newId();
  const at = '2026-09-01T00:00:00.000Z';
  // A one-day validity of its own, so fresh entries never clash with each other.
  const day = addDays('2026-09-05', next());
  await w.db
    .insertInto('timetable_entries')
    .values({
      id,
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      weekday: 6,
      lesson_number: 9,
      room: '',
      valid_from: day,
      valid_to: day,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/** The Monday lesson 1 of 5А mathematics that the journal cases also use (created once per world). */
export async function mondayLesson(w: MatrixWorld): Promise<void> {
  const exists = await w.db
    .selectFrom('timetable_entries')
    .select('id')
    .where('curriculum_id', '=', w.curriculumIds.mathA)
    .where('weekday', '=', 1)
    .where('lesson_number', '=', 1)
    .executeTakeFirst();
  if (exists) return;
  const at = '2026-09-01T00:00:00.000Z';
  await w.db
    .insertInto('timetable_entries')
    .values({
      id: newId(),
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      weekday: 1,
      lesson_number: 1,
      room: '101',
      valid_from: '2026-09-01',
      valid_to: '2027-05-31',
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

let mondayCounter = 0;
/** A distinct Monday in February–May 2027 outside the school's holidays (the journal cases use autumn Mondays). */
async function freshSpringMonday(w: MatrixWorld): Promise<string> {
  for (;;) {
    const date = addDays('2027-02-01', 7 * (mondayCounter++ % 17));
    if (!(await isHoliday(w, date))) return date;
  }
}

/** Whether other areas' cases have put a holiday on this date. */
export async function isHoliday(w: MatrixWorld, date: string): Promise<boolean> {
  const row = await w.db
    .selectFrom('holidays')
    .select('id')
    .where('school_id', '=', w.schoolId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .executeTakeFirst();
  return row !== undefined;
}

/** Makes sure the bell schedule has this lesson number (other areas' cases rewrite the bells). */
export async function ensureBell(w: MatrixWorld, lessonNumber: number): Promise<void> {
  await w.db
    .insertInto('bells')
    .values({ id: newId(), school_id: w.schoolId, lesson_number: lessonNumber, starts_at: '08:00', ends_at: '08:45' })
    .onConflict((oc) => oc.columns(['school_id', 'lesson_number']).doNothing())
    .execute();
}

let dayCounter = 0;

async function freshChange(w: MatrixWorld): Promise<string> {
  await mondayLesson(w);
  const id = newId();
  // Inserted directly, so any day will do: one not used before keeps the (item, date, number) key unique.
  const date = addDays('2027-02-02', dayCounter++);
  await w.db
    .insertInto('timetable_changes')
    .values({
      id,
      school_id: w.schoolId,
      curriculum_id: w.curriculumIds.mathA,
      date,
      lesson_number: 2, // the POST case changes lesson 1
      cancelled: 0,
      substitute_teacher_id: null,
      room: '202',
      moved_to_date: null,
      moved_to_lesson_number: null,
      note: '',
      created_by: null,
      created_at: '2026-09-01T00:00:00.000Z',
    })
    .execute();
  return id;
}

export const timetableMatrix: MatrixCase[] = [
  {
    method: 'GET',
    route: '/api/schools/:schoolId/timetable/entries',
    url: (w) => `/api/schools/${w.schoolId}/timetable/entries?classId=${w.classIds.a}`,
    allow: READERS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/timetable/entries',
    url: async (w) => {
      await ensureBell(w, 1);
      return `/api/schools/${w.schoolId}/timetable/entries`;
    },
    // A one-day validity of its own, so repeated runs of this case never clash.
    body: (w) => {
      const day = addDays('2026-12-01', next());
      return { curriculumId: w.curriculumIds.englishGroup, weekday: 5, lessonNumber: 1, validFrom: day, validTo: day };
    },
    allow: EDITORS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/timetable/entries/:id',
    url: async (w) => `/api/schools/${w.schoolId}/timetable/entries/${await freshEntry(w)}`,
    body: () => ({ room: '305', version: 1 }),
    allow: EDITORS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/timetable/entries/:id',
    url: async (w) => `/api/schools/${w.schoolId}/timetable/entries/${await freshEntry(w)}`,
    allow: EDITORS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/timetable/changes',
    url: (w) => `/api/schools/${w.schoolId}/timetable/changes?from=2026-09-01&to=2027-05-31`,
    allow: READERS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/timetable/changes',
    url: async (w) => {
      await mondayLesson(w);
      return `/api/schools/${w.schoolId}/timetable/changes`;
    },
    body: async (w) => ({ curriculumId: w.curriculumIds.mathA, date: await freshSpringMonday(w), lessonNumber: 1, room: '404' }),
    allow: EDITORS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/timetable/changes/:id',
    url: async (w) => `/api/schools/${w.schoolId}/timetable/changes/${await freshChange(w)}`,
    allow: EDITORS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/timetable/classes/:classId/week',
    url: (w) => `/api/schools/${w.schoolId}/timetable/classes/${w.classIds.a}/week?weekOf=2026-11-23`,
    allow: READERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/timetable/teachers/:staffId/week',
    url: (w) => `/api/schools/${w.schoolId}/timetable/teachers/${w.staffIds.teacher}/week?weekOf=2026-11-23`,
    allow: READERS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/thematic-plans/template',
    url: (w) => `/api/schools/${w.schoolId}/thematic-plans/template?format=csv`,
    allow: ['admin', 'director', 'deputy', 'teacher', 'classTeacher', 'otherTeacher'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/thematic-plans/:curriculumId',
    url: (w) => `/api/schools/${w.schoolId}/thematic-plans/${w.curriculumIds.mathA}`,
    allow: ['admin', 'director', 'deputy', 'teacher'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/thematic-plans/:curriculumId/import',
    url: (w) => `/api/schools/${w.schoolId}/thematic-plans/${w.curriculumIds.mathA}/import`,
    headers: multipartHeaders,
    body: () => multipartFile('ktp.csv', '№;Тема;Часы\n1;Натуральные числа;2\n2;Дроби;1\n', 'text/csv'),
    allow: ['admin', 'teacher'],
  },
];
