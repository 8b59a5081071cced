import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let w: SchoolWorld;
let teacher: Client;
let otherTeacher: Client;
let director: Client;
let parent: Client;

const base = () => `/api/schools/${w.schoolId}`;
const journal = () => `${base()}/journals/${w.curriculumIds.mathA}`;
const explanationUrl = (studentId: string) => `${journal()}/students/${studentId}/period-mark?periodId=${w.periodIds[1]}`;

beforeAll(async () => {
  t = await createTestApp(); // clock: Monday 2026-11-23, second quarter
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  const admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  for (const body of [
    { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 },
    { curriculumId: w.curriculumIds.mathA, weekday: 3, lessonNumber: 2 },
  ]) {
    expect((await admin.post(`${base()}/timetable/entries`, body)).statusCode).toBe(201);
  }
  const types = (await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>;
  const type = (code: string) => types.find((x) => x.code === code)?.id as string;
  // 5·1 + 4·1.5 + 4·1.5 + 4·2 + 4·2 = 33 over 8 → 4.125 → 4.13; plain 21 / 5 = 4.2; and a «зачёт» aside.
  const grades: Array<[string, number, string, string]> = [
    ['2026-11-09', 1, '5', 'answer'],
    ['2026-11-11', 2, '4', 'independent'],
    ['2026-11-11', 2, '4', 'test'],
    ['2026-11-16', 1, '4', 'control'],
    ['2026-11-23', 1, '4', 'control'],
  ];
  for (const [date, lessonNumber, value, code] of grades) {
    const res = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date,
      lessonNumber,
      value,
      workTypeId: type(code),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const pass = await teacher.post(`${journal()}/grades`, {
    studentId: w.studentIds.inA,
    date: '2026-11-16',
    lessonNumber: 1,
    value: 'pass',
    scale: 'pass_fail',
    workTypeId: type('answer'),
  });
  expect(pass.statusCode, pass.body).toBe(201);
}, 60_000);
afterAll(async () => t.close());

describe('«why this period mark?»', () => {
  it('explains the proposal from each grade × weight, exact sums and the rounding rule', async () => {
    const res = await teacher.get(explanationUrl(w.studentIds.inA));
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.grades.map((g: { value: string; weight: number; product: number | null }) => [g.value, g.weight, g.product])).toEqual([
      ['5', 1, 5],
      ['4', 1.5, 6],
      ['4', 1.5, 6],
      ['4', 2, 8],
      ['pass', 1, null],
      ['4', 2, 8],
    ]);
    expect(e).toMatchObject({
      count: 5,
      excluded: 1,
      valueSum: 21,
      plain: 4.2,
      weightSum: 8,
      productSum: 33,
      weighted: 4.13,
      threshold: 0.5,
      rounded: 4,
      proposed: '4',
      scaleName: 'Пятибалльная (1–5)',
    });
    expect(e.grades[0].workTypeName).toBe('Ответ на уроке');
  });

  it('says the same in the journal’s averages, the journal page and the diary', async () => {
    const e = (await director.get(explanationUrl(w.studentIds.inA))).json();
    const averages = (await teacher.get(`${journal()}/averages?periodId=${w.periodIds[1]}`)).json().items;
    expect(averages).toEqual([{ studentId: w.studentIds.inA, count: 5, plain: 4.2, weighted: 4.13, proposed: '4' }]);
    const page = (await teacher.get(`${journal()}?periodId=${w.periodIds[1]}`)).json();
    expect(page.averages).toEqual(averages);
    const diary = await parent.get(`${base()}/students/${w.studentIds.inA}/diary/grades?periodId=${w.periodIds[1]}`);
    expect(diary.statusCode, diary.body).toBe(200);
    const subject = diary.json().subjects.find((s: { curriculumId: string }) => s.curriculumId === w.curriculumIds.mathA);
    expect(subject).toMatchObject({ average: 4.2, weightedAverage: 4.13 });
    expect(subject.explanation).toEqual(e);
  });

  it('answers in the caller’s language (work type names)', async () => {
    const res = await teacher.request({ method: 'GET', url: explanationUrl(w.studentIds.inA), headers: { 'accept-language': 'en' } });
    expect(res.json().grades[0].workTypeName).toBe('Answer in class');
  });

  it('hides a journal from a foreign teacher and a parent, and a student who is not on its roster', async () => {
    expect((await otherTeacher.get(explanationUrl(w.studentIds.inA))).statusCode).toBe(404);
    expect([403, 404]).toContain((await parent.get(explanationUrl(w.studentIds.inA))).statusCode);
    expect((await teacher.get(explanationUrl(w.studentIds.inB))).statusCode).toBe(404);
    expect((await teacher.get(explanationUrl(newId()))).statusCode).toBe(404);
    expect((await teacher.get(`${base()}/journals/${newId()}/students/${w.studentIds.inA}/period-mark`)).statusCode).toBe(404);
    const badPeriod = await teacher.get(`${journal()}/students/${w.studentIds.inA}/period-mark?periodId=${newId()}`);
    expect(badPeriod.statusCode).toBe(422);
    expect(badPeriod.json().error.message.length).toBeGreaterThan(0);
  });

  it('proposes nothing for a student without numeric grades', async () => {
    const e = (await teacher.get(explanationUrl(w.studentIds.inA2))).json();
    expect(e).toMatchObject({ grades: [], count: 0, weighted: null, rounded: null, proposed: null });
  });
});
