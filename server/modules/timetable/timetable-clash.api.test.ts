import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/**
 * Issue 17.1: a weekly lesson may not put a class, a teacher or a room in two places at once; the
 * refusal names the other lesson. A teacher or room clash may be confirmed, a class clash never.
 */
let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let mathB: string;
let englishB: string;

const base = () => `/api/schools/${w.schoolId}`;
const entry = (curriculumId: string, weekday: number, lessonNumber: number, extra: Record<string, unknown> = {}) =>
  admin.post(`${base()}/timetable/entries`, { curriculumId, weekday, lessonNumber, ...extra });

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  for (const n of [1, 2, 3]) {
    const bell = await admin.post(`${base()}/bells`, {
      lessonNumber: n,
      startsAt: `${String(7 + n).padStart(2, '0')}:00`,
      endsAt: `${String(7 + n).padStart(2, '0')}:45`,
    });
    expect(bell.statusCode, bell.body).toBeLessThan(300);
  }
  // 5Б: mathematics by 5А's teacher, English by another teacher.
  const math = await admin.post(`${base()}/curriculum`, {
    subjectId: w.subjectIds.math,
    teacherId: w.staffIds.teacher,
    classId: w.classIds.b,
    hoursPerWeek: 4,
  });
  expect(math.statusCode, math.body).toBe(201);
  mathB = math.json().id;
  const english = await admin.post(`${base()}/curriculum`, {
    subjectId: w.subjectIds.english,
    teacherId: w.staffIds.otherTeacher,
    classId: w.classIds.b,
    hoursPerWeek: 2,
  });
  expect(english.statusCode, english.body).toBe(201);
  englishB = english.json().id;
}, 60_000);
afterAll(async () => t.close());

describe('timetable clashes', () => {
  it('refuses a teacher in two classes at once, naming the other lesson, unless confirmed', async () => {
    expect((await entry(w.curriculumIds.mathA, 1, 1, { room: '12' })).statusCode).toBe(201);
    const refused = await entry(mathB, 1, 1, { room: '14' });
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.message).toContain('5А');
    expect(error.message).toContain('Математика');
    expect(error.message).toContain('понедельник'.slice(1));
    expect(error.clash).toMatchObject({ kind: 'teacher', confirmable: true });
    const english = await admin.request({
      method: 'POST',
      url: `${base()}/timetable/entries`,
      payload: { curriculumId: mathB, weekday: 1, lessonNumber: 1, room: '14' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toMatch(/teaches another lesson then: .*5А/);
    const confirmed = await entry(mathB, 1, 1, { room: '14', confirmClash: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('refuses a room taken by another class, unless confirmed', async () => {
    expect((await entry(w.curriculumIds.mathA, 2, 2, { room: '12' })).statusCode).toBe(201);
    const refused = await entry(englishB, 2, 2, { room: '12' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Кабинет 12');
    expect(refused.json().error.clash).toMatchObject({ kind: 'room', confirmable: true });
    // Another room is no clash at all.
    expect((await entry(englishB, 2, 2, { room: '21' })).statusCode).toBe(201);
  });

  it('never lets a class have two lessons at once, confirmed or not', async () => {
    expect((await entry(w.curriculumIds.mathA, 3, 3)).statusCode).toBe(201);
    // 5А's English group is part of 5А.
    const refused = await entry(w.curriculumIds.englishGroup, 3, 3, { confirmClash: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.clash).toMatchObject({ kind: 'class', confirmable: false });
    expect(refused.json().error.message).toContain('Математика');
  });

  it('checks a moved lesson too', async () => {
    const free = await entry(englishB, 4, 1);
    expect(free.statusCode, free.body).toBe(201);
    expect((await entry(w.curriculumIds.mathA, 4, 2)).statusCode).toBe(201);
    const mathBEntry = (await admin.get(`${base()}/timetable/entries?curriculumId=${mathB}`)).json().items[0];
    const clash = await admin.patch(`${base()}/timetable/entries/${mathBEntry.id}`, {
      weekday: 4,
      lessonNumber: 2,
      version: mathBEntry.version,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.clash.kind).toBe('teacher');
  });
});
