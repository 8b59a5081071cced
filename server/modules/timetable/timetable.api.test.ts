import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;
let otherTeacher: Client;
let director: Client;

const base = () => `/api/schools/${w.schoolId}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2, 3, 4, 5]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  await t.deps.db
    .insertInto('holidays')
    .values({
      id: newId(),
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'day_off',
      name: 'Выходной',
      starts_on: '2026-11-25',
      ends_on: '2026-11-25',
    })
    .execute();
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
});
afterAll(async () => t.close());

describe('weekly timetable', () => {
  it('adds entries, refuses a clash, an unknown lesson number and a foreign curriculum item, writing nothing', async () => {
    const url = `${base()}/timetable/entries`;
    const ok = await admin.post(url, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1, room: '101' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ validFrom: '2026-09-01', validTo: '2027-05-31', classId: w.classIds.a, version: 1 });
    await admin.post(url, { curriculumId: w.curriculumIds.mathA, weekday: 3, lessonNumber: 2 });
    // The English group of 5А may not sit in 5А's whole-class lesson slot.
    const clash = await admin.post(url, { curriculumId: w.curriculumIds.englishGroup, weekday: 1, lessonNumber: 1 });
    expect(clash.statusCode).toBe(409);
    const bell = await admin.post(url, { curriculumId: w.curriculumIds.mathA, weekday: 2, lessonNumber: 9 });
    expect(bell.statusCode).toBe(422);
    expect(bell.json().error.message).toBe('Не найдено: урок с таким номером в расписании звонков.');
    const foreign = await admin.post(url, { curriculumId: newId(), weekday: 2, lessonNumber: 1 });
    expect(foreign.statusCode).toBe(422);
    const outside = await admin.post(url, {
      curriculumId: w.curriculumIds.mathA,
      weekday: 2,
      lessonNumber: 1,
      validFrom: '2027-06-01',
      validTo: '2027-06-30',
    });
    expect(outside.statusCode).toBe(422);
    expect((await teacher.post(url, { curriculumId: w.curriculumIds.mathA, weekday: 2, lessonNumber: 1 })).statusCode).toBe(403);
    const entries = (await director.get(`${url}?classId=${w.classIds.a}`)).json().items;
    expect(entries).toHaveLength(2);
  });

  it('changes an entry with its version and answers a stale version with 409 and the current entry', async () => {
    const [entry] = (await admin.get(`${base()}/timetable/entries?curriculumId=${w.curriculumIds.mathA}&onDate=2026-11-23`)).json().items;
    const changed = await admin.patch(`${base()}/timetable/entries/${entry.id}`, { room: '202', version: entry.version });
    expect(changed.json()).toMatchObject({ room: '202', version: 2 });
    const stale = await admin.patch(`${base()}/timetable/entries/${entry.id}`, { room: '303', version: entry.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ room: '202', version: 2 });
  });

  it('shows a class week and a teacher week, skipping the day off', async () => {
    const week = (await teacher.get(`${base()}/timetable/classes/${w.classIds.a}/week?weekOf=2026-11-26`)).json();
    expect(week.weekStart).toBe('2026-11-23');
    expect(week.lessons.map((l: { date: string; lessonNumber: number }) => `${l.date}#${l.lessonNumber}`)).toEqual(['2026-11-23#1']);
    expect(week.lessons[0]).toMatchObject({
      subjectName: 'Математика',
      startsAt: '08:00',
      room: '202',
      cancelled: false,
      substitute: false,
    });
    const next = (await teacher.get(`${base()}/timetable/teachers/${w.staffIds.teacher}/week?weekOf=2026-11-30`)).json();
    expect(next.lessons.map((l: { date: string }) => l.date)).toEqual(['2026-11-30', '2026-12-02']);
  });
});

describe('one-off changes', () => {
  it('substitutes, cancels and moves lessons; the week views follow', async () => {
    const url = `${base()}/timetable/changes`;
    const sub = await admin.post(url, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-11-30',
      lessonNumber: 1,
      substituteTeacherId: w.staffIds.otherTeacher,
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(
      (await admin.post(url, { curriculumId: w.curriculumIds.mathA, date: '2026-11-30', lessonNumber: 1, room: '1' })).statusCode,
    ).toBe(409);
    const cancel = await admin.post(url, { curriculumId: w.curriculumIds.mathA, date: '2026-12-07', lessonNumber: 1, cancelled: true });
    expect(cancel.statusCode).toBe(201);
    const move = await admin.post(url, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-12-09',
      lessonNumber: 2,
      movedToDate: '2026-12-10',
      movedToLessonNumber: 4,
    });
    expect(move.statusCode).toBe(201);
    expect(
      (await admin.post(url, { curriculumId: w.curriculumIds.mathA, date: '2026-12-08', lessonNumber: 1, room: '5' })).statusCode,
    ).toBe(422);
    expect((await admin.post(url, { curriculumId: w.curriculumIds.mathA, date: '2026-12-14', lessonNumber: 1 })).statusCode).toBe(422);

    const subWeek = (await otherTeacher.get(`${base()}/timetable/teachers/${w.staffIds.otherTeacher}/week?weekOf=2026-11-30`)).json();
    expect(subWeek.lessons).toEqual([
      expect.objectContaining({ date: '2026-11-30', substitute: true, curriculumId: w.curriculumIds.mathA }),
    ]);
    const week = (await director.get(`${base()}/timetable/classes/${w.classIds.a}/week?weekOf=2026-12-07`)).json();
    expect(
      week.lessons.map(
        (l: { date: string; lessonNumber: number; cancelled: boolean }) => `${l.date}#${l.lessonNumber}${l.cancelled ? 'x' : ''}`,
      ),
    ).toEqual(['2026-12-07#1x', '2026-12-10#4']);
    expect(week.lessons[1].movedFrom).toEqual({ date: '2026-12-09', lessonNumber: 2 });
    const journal = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}`)).json();
    const dates = journal.lessons.map((l: { date: string }) => l.date);
    expect(dates).not.toContain('2026-12-07');
    expect(dates).not.toContain('2026-12-09');
    expect(dates).toContain('2026-12-10');
    expect((await admin.delete(`${url}/${cancel.json().id}`)).statusCode).toBe(204);
  });
});

describe('thematic plan import', () => {
  const importUrl = (dryRun: boolean) => `${base()}/thematic-plans/${w.curriculumIds.mathA}/import${dryRun ? '?dryRun=true' : ''}`;

  it('dry-runs a CSV with bad rows: every problem with its row, in the caller’s language, nothing written', async () => {
    const csv = '№;Тема;Часы;Домашнее задание\n1;Натуральные числа;2;\nx;Без номера;1;\n3;;1;\n1;Повтор;1;\n5;Дроби;99;\n';
    const res = await teacher.request({
      method: 'POST',
      url: importUrl(true),
      headers: multipartHeaders(),
      payload: multipartFile('ktp.csv', csv, 'text/csv'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, accepted: 1 });
    expect(res.json().problems).toEqual([
      { row: 3, message: 'номер урока должен быть целым числом от 1' },
      { row: 4, message: 'не указана тема' },
      { row: 5, message: 'номер 1 уже встречался' },
      { row: 6, message: 'количество часов должно быть целым числом от 1 до 20' },
    ]);
    const real = await teacher.request({
      method: 'POST',
      url: importUrl(false),
      headers: { ...multipartHeaders(), 'accept-language': 'en' },
      payload: multipartFile('ktp.csv', csv),
    });
    expect(real.statusCode).toBe(422);
    expect(real.json().error.problems[0]).toEqual({ row: 3, message: 'the lesson number must be a whole number from 1' });
    expect((await teacher.get(`${base()}/thematic-plans/${w.curriculumIds.mathA}`)).json().items).toEqual([]);
  });

  it('imports an XLSX plan atomically; topics fill lessons in order unless the teacher wrote one', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('КТП');
    sheet.addRow(['№', 'Тема', 'Часы', 'Домашнее задание']);
    for (let i = 1; i <= 60; i++) sheet.addRow([i, `Тема ${i}`, 1, i === 1 ? '№ 1' : '']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await teacher.request({
      method: 'POST',
      url: importUrl(false),
      headers: multipartHeaders(),
      payload: multipartFile('ktp.xlsx', data),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, accepted: 60, problems: [] });
    // The first 5А mathematics lessons of the year: Wed 2 Sep, Mon 7 Sep, Wed 9 Sep …
    const q1 = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}?periodId=${w.periodIds[0]}`)).json();
    expect(q1.lessons.slice(0, 3).map((l: { date: string; topic: string }) => `${l.date} ${l.topic}`)).toEqual([
      '2026-09-02 Тема 1',
      '2026-09-07 Тема 2',
      '2026-09-09 Тема 3',
    ]);
    const own = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/lessons/2026-09-07/1`, { topic: 'Своя тема', version: 0 });
    expect(own.statusCode).toBe(200);
    const again = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}?periodId=${w.periodIds[0]}`)).json();
    expect(again.lessons[1]).toMatchObject({ topic: 'Своя тема', plannedTopic: 'Тема 2' });
    expect(again.lessons[2].topic).toBe('Тема 3');
    const replaced = await teacher.request({
      method: 'POST',
      url: importUrl(false),
      headers: multipartHeaders(),
      payload: multipartFile('ktp.csv', '1,Одна тема,1\n'),
    });
    expect(replaced.json().accepted).toBe(1);
    expect((await teacher.get(`${base()}/thematic-plans/${w.curriculumIds.mathA}`)).json().items).toHaveLength(1);
  });

  it('refuses a file that is neither CSV nor XLSX, and a teacher who does not teach the subject', async () => {
    const bad = await teacher.request({
      method: 'POST',
      url: importUrl(true),
      headers: multipartHeaders(),
      payload: multipartFile('ktp.xlsx', 'not a zip'),
    });
    expect(bad.statusCode).toBe(422);
    const other = await otherTeacher.request({
      method: 'POST',
      url: importUrl(true),
      headers: multipartHeaders(),
      payload: multipartFile('ktp.csv', '1;Тема;1'),
    });
    // otherTeacher substitutes one 5А mathematics lesson on the 30th (above): on the test clock's 23rd
    // they do not see the journal at all (decision 008); a substitute never writes the plan.
    expect(other.statusCode).toBe(404);
  });
});
