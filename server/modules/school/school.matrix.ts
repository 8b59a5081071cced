import { EVERYONE_IN_SCHOOL, type MatrixCase, type MatrixRole, type MatrixWorld } from '../../access/matrix/types.js';
import { newId } from '../../lib/ids.js';

/** Route × role allow-lists of the school structure: everyone in the school reads, the admin and the operator change. */

const MANAGERS: readonly MatrixRole[] = ['operator', 'admin'];
const EVERY_SIGNED_IN: readonly MatrixRole[] = [...EVERYONE_IN_SCHOOL, 'otherSchoolAdmin', 'otherOperator'];

let counter = 0;
const next = () => ++counter;
const fresh = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${next()}`;
const ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
/** A two-letter class letter not used before in this run (11АБ, 11АВ, …). */
const freshLetter = () => {
  const n = next();
  return `${ALPHABET[n % ALPHABET.length]}${ALPHABET[Math.floor(n / ALPHABET.length) % ALPHABET.length]}`;
};
/** A start year far from the world's 2026/27, distinct per call, so fresh years never overlap. */
const freshStartYear = () => 2100 + next();

async function freshYear(w: MatrixWorld): Promise<{ id: string; first: number }> {
  const first = freshStartYear();
  const id = newId();
  await w.db
    .insertInto('academic_years')
    .values({ id, school_id: w.schoolId, name: `${first}/${first + 1}`, starts_on: `${first}-09-01`, ends_on: `${first + 1}-05-31` })
    .execute();
  return { id, first };
}

async function freshPeriod(w: MatrixWorld): Promise<string> {
  const year = await freshYear(w);
  const id = newId();
  await w.db
    .insertInto('study_periods')
    .values({
      id,
      school_id: w.schoolId,
      year_id: year.id,
      kind: 'quarter',
      ordinal: 1,
      name: '1 четверть',
      grade_from: 1,
      grade_to: 11,
      starts_on: `${year.first}-09-01`,
      ends_on: `${year.first}-10-26`,
      closed_at: null,
      closed_by: null,
    })
    .execute();
  return id;
}

async function freshHoliday(w: MatrixWorld): Promise<string> {
  const id = newId();
  await w.db
    .insertInto('holidays')
    .values({
      id,
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'day_off',
      name: fresh('Выходной'),
      starts_on: '2026-11-04',
      ends_on: '2026-11-04',
    })
    .execute();
  return id;
}

/** Leaves the school with exactly one bell (lesson 1), so every call starts from the same schedule. */
async function onlyBell(w: MatrixWorld): Promise<string> {
  await w.db.deleteFrom('bells').where('school_id', '=', w.schoolId).execute();
  const id = newId();
  await w.db.insertInto('bells').values({ id, school_id: w.schoolId, lesson_number: 1, starts_at: '08:00', ends_at: '08:45' }).execute();
  return id;
}

async function freshClass(w: MatrixWorld): Promise<string> {
  const id = newId();
  const letter = freshLetter();
  await w.db
    .insertInto('classes')
    .values({ id, school_id: w.schoolId, year_id: w.yearId, grade_level: 11, letter, name: `11${letter}`, class_teacher_id: null })
    .execute();
  return id;
}

async function freshGroup(w: MatrixWorld): Promise<string> {
  const id = newId();
  await w.db
    .insertInto('study_groups')
    .values({ id, school_id: w.schoolId, year_id: w.yearId, class_id: w.classIds.a, name: fresh('Группа') })
    .execute();
  return id;
}

async function freshSubject(w: MatrixWorld): Promise<string> {
  const id = newId();
  await w.db
    .insertInto('subjects')
    .values({ id, school_id: w.schoolId, name: fresh('Предмет'), short_name: 'Пр' })
    .execute();
  return id;
}

async function freshCurriculum(w: MatrixWorld): Promise<string> {
  const id = newId();
  await w.db
    .insertInto('curriculum')
    .values({
      id,
      school_id: w.schoolId,
      year_id: w.yearId,
      subject_id: await freshSubject(w),
      teacher_id: w.staffIds.teacher,
      class_id: w.classIds.a,
      group_id: null,
      hours_per_week: 2,
    })
    .execute();
  return id;
}

const base = (w: MatrixWorld) => `/api/schools/${w.schoolId}`;

export const schoolMatrix: MatrixCase[] = [
  // ---------------------------------------------------------------- schools
  { method: 'GET', route: '/api/schools', url: () => '/api/schools', allow: EVERY_SIGNED_IN },
  {
    method: 'POST',
    route: '/api/schools',
    url: () => '/api/schools',
    body: () => ({ name: fresh('МАОУ СОШ'), shortName: fresh('СОШ'), timezone: 'Europe/Moscow' }),
    // Each operator creates under its own operator.
    allow: ['operator', 'otherOperator'],
  },
  { method: 'GET', route: '/api/schools/:schoolId', url: base, allow: EVERYONE_IN_SCHOOL },
  { method: 'PATCH', route: '/api/schools/:schoolId', url: base, body: () => ({ address: fresh('г. Калининград, ул.') }), allow: MANAGERS },

  // ---------------------------------------------------------------- years
  { method: 'GET', route: '/api/schools/:schoolId/years', url: (w) => `${base(w)}/years`, allow: EVERYONE_IN_SCHOOL },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/years',
    url: (w) => `${base(w)}/years`,
    body: () => {
      const first = freshStartYear();
      return { name: `${first}/${first + 1}`, startsOn: `${first}-09-01`, endsOn: `${first + 1}-05-31` };
    },
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/years/:id',
    url: async (w) => `${base(w)}/years/${(await freshYear(w)).id}`,
    body: () => ({ name: fresh('Год') }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/years/:id',
    url: async (w) => `${base(w)}/years/${(await freshYear(w)).id}`,
    allow: MANAGERS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/years/:id/periods/preset',
    url: async (w) => `${base(w)}/years/${(await freshYear(w)).id}/periods/preset`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- periods
  {
    method: 'GET',
    route: '/api/schools/:schoolId/periods',
    url: (w) => `${base(w)}/periods?yearId=${w.yearId}`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/periods',
    url: (w) => `${base(w)}/periods`,
    body: async (w) => {
      const year = await freshYear(w);
      return {
        yearId: year.id,
        kind: 'trimester',
        ordinal: 1,
        name: '1 триместр',
        gradeFrom: 1,
        gradeTo: 11,
        startsOn: `${year.first}-09-01`,
        endsOn: `${year.first}-11-30`,
      };
    },
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/periods/:id',
    url: async (w) => `${base(w)}/periods/${await freshPeriod(w)}`,
    body: () => ({ name: fresh('Четверть') }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/periods/:id',
    url: async (w) => `${base(w)}/periods/${await freshPeriod(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- holidays
  { method: 'GET', route: '/api/schools/:schoolId/holidays', url: (w) => `${base(w)}/holidays`, allow: EVERYONE_IN_SCHOOL },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/holidays',
    url: (w) => `${base(w)}/holidays`,
    body: (w) => ({ yearId: w.yearId, kind: 'vacation', name: fresh('Осенние каникулы'), startsOn: '2026-10-26', endsOn: '2026-11-03' }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/holidays/:id',
    url: async (w) => `${base(w)}/holidays/${await freshHoliday(w)}`,
    body: () => ({ name: fresh('Праздник') }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/holidays/:id',
    url: async (w) => `${base(w)}/holidays/${await freshHoliday(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- bells
  { method: 'GET', route: '/api/schools/:schoolId/bells', url: (w) => `${base(w)}/bells`, allow: EVERYONE_IN_SCHOOL },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/bells',
    url: async (w) => {
      await onlyBell(w);
      return `${base(w)}/bells`;
    },
    body: () => ({ lessonNumber: 2, startsAt: '08:55', endsAt: '09:40' }),
    allow: MANAGERS,
  },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/bells',
    url: (w) => `${base(w)}/bells`,
    body: () => ({
      items: [
        { lessonNumber: 1, startsAt: '08:00', endsAt: '08:45' },
        { lessonNumber: 2, startsAt: '08:55', endsAt: '09:40' },
      ],
    }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/bells/:id',
    url: async (w) => `${base(w)}/bells/${await onlyBell(w)}`,
    body: () => ({ endsAt: '08:40' }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/bells/:id',
    url: async (w) => `${base(w)}/bells/${await onlyBell(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- classes
  {
    method: 'GET',
    route: '/api/schools/:schoolId/classes',
    url: (w) => `${base(w)}/classes?yearId=${w.yearId}`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/classes/:id',
    url: (w) => `${base(w)}/classes/${w.classIds.a}`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/classes',
    url: (w) => `${base(w)}/classes`,
    body: (w) => ({ yearId: w.yearId, gradeLevel: 10, letter: freshLetter(), classTeacherId: w.staffIds.otherTeacher }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/classes/:id',
    url: async (w) => `${base(w)}/classes/${await freshClass(w)}`,
    body: () => ({ letter: freshLetter() }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/classes/:id',
    url: async (w) => `${base(w)}/classes/${await freshClass(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- groups
  {
    method: 'GET',
    route: '/api/schools/:schoolId/groups',
    url: (w) => `${base(w)}/groups?classId=${w.classIds.a}`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/groups',
    url: (w) => `${base(w)}/groups`,
    body: (w) => ({ yearId: w.yearId, classId: w.classIds.a, name: fresh('Информатика') }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/groups/:id',
    url: async (w) => `${base(w)}/groups/${await freshGroup(w)}`,
    body: () => ({ name: fresh('Группа') }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/groups/:id',
    url: async (w) => `${base(w)}/groups/${await freshGroup(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- subjects
  { method: 'GET', route: '/api/schools/:schoolId/subjects', url: (w) => `${base(w)}/subjects`, allow: EVERYONE_IN_SCHOOL },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/subjects',
    url: (w) => `${base(w)}/subjects`,
    body: () => ({ name: fresh('Физика'), shortName: 'Физ' }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/subjects/:id',
    url: async (w) => `${base(w)}/subjects/${await freshSubject(w)}`,
    body: () => ({ shortName: 'Нов' }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/subjects/:id',
    url: async (w) => `${base(w)}/subjects/${await freshSubject(w)}`,
    allow: MANAGERS,
  },

  // ---------------------------------------------------------------- curriculum
  {
    method: 'GET',
    route: '/api/schools/:schoolId/curriculum',
    url: (w) => `${base(w)}/curriculum?yearId=${w.yearId}`,
    allow: EVERYONE_IN_SCHOOL,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/curriculum',
    url: (w) => `${base(w)}/curriculum`,
    body: async (w) => ({ subjectId: await freshSubject(w), teacherId: w.staffIds.teacher, classId: w.classIds.b, hoursPerWeek: 2 }),
    allow: MANAGERS,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/curriculum/:id',
    url: async (w) => `${base(w)}/curriculum/${await freshCurriculum(w)}`,
    body: () => ({ hoursPerWeek: 4 }),
    allow: MANAGERS,
  },
  {
    method: 'DELETE',
    route: '/api/schools/:schoolId/curriculum/:id',
    url: async (w) => `${base(w)}/curriculum/${await freshCurriculum(w)}`,
    allow: MANAGERS,
  },
];
