import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';

let t: TestApp;
let w: SchoolWorld;
let teacher: Client;
let otherTeacher: Client;
let parent: Client;

const base = () => `/api/schools/${w.schoolId}`;
const planUrl = () => `${base()}/thematic-plans/${w.curriculumIds.mathA}`;
const upload = (client: Client, fileName: string, content: Buffer | string, opts: { dryRun?: boolean; lang?: string } = {}) =>
  client.request({
    method: 'POST',
    url: `${planUrl()}/import${opts.dryRun ? '?dryRun=true' : ''}`,
    headers: { ...multipartHeaders(), ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
    payload: multipartFile(fileName, content),
  });
const planCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('thematic_plan_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', w.schoolId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
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
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  for (const body of [
    { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 },
    { curriculumId: w.curriculumIds.mathA, weekday: 3, lessonNumber: 2 },
  ]) {
    expect((await admin.post(`${base()}/timetable/entries`, body)).statusCode).toBe(201);
  }
}, 60_000);
afterAll(async () => t.close());

describe('thematic plan template', () => {
  it('gives a blank CSV (UTF-8 with a BOM) headed in the caller’s language', async () => {
    const ru = await teacher.get(`${base()}/thematic-plans/template?format=csv`);
    expect(ru.statusCode).toBe(200);
    expect(ru.headers['content-type']).toContain('text/csv');
    expect(ru.headers['content-disposition']).toBe('attachment; filename="ktp.csv"');
    expect(ru.body).toBe('\uFEFF№ урока;Тема;Часы;Домашнее задание\r\n');
    const en = await teacher.request({ method: 'GET', url: `${base()}/thematic-plans/template`, headers: { 'accept-language': 'en' } });
    expect(en.body).toBe('\uFEFFLesson no.;Topic;Hours;Homework\r\n');
  });

  it('gives a blank XLSX that the import reads back as an empty plan', async () => {
    const res = await teacher.get(`${base()}/thematic-plans/template?format=xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, '№ урока', 'Тема', 'Часы', 'Домашнее задание']);
    const back = await upload(teacher, 'ktp.xlsx', res.rawPayload, { dryRun: true });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.message).toBe('В файле нет ни одной строки плана.');
  });

  it('is refused to families and an unknown format', async () => {
    expect([403, 404]).toContain((await parent.get(`${base()}/thematic-plans/template`)).statusCode);
    expect((await teacher.get(`${base()}/thematic-plans/template?format=pdf`)).statusCode).toBe(400);
  });
});

describe('bad plan files', () => {
  const cases: Array<[string, string, Buffer | string, string, string]> = [
    ['an empty file', 'ktp.csv', '', 'В файле нет ни одной строки плана.', 'The file has no plan rows.'],
    ['a PDF', 'ktp.pdf', '%PDF-1.4\n%\u00e2\u00e3\n', 'Этот файл не подходит', 'This file will not do'],
    [
      'an old .xls',
      'ktp.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'старом формате Excel',
      'old Excel format',
    ],
    [
      'a renamed image',
      'ktp.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'не подходит',
      'will not do',
    ],
    [
      'a Windows-1251 CSV',
      'ktp.csv',
      Buffer.from([0x31, 0x3b, 0xc4, 0xf0, 0xee, 0xe1, 0xe8, 0x3b, 0x31, 0x0d, 0x0a]), // «1;Дроби;1» in Windows-1251
      'не в UTF-8',
      'not saved in UTF-8',
    ],
  ];
  for (const [what, fileName, content, ru, en] of cases) {
    it(`refuses ${what} with a message a person understands, writing nothing`, async () => {
      for (const dryRun of [true, false]) {
        const res = await upload(teacher, fileName, content, { dryRun });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().error.message).toContain(ru);
      }
      const english = await upload(teacher, fileName, content, { lang: 'en' });
      expect(english.json().error.message).toContain(en);
      expect(await planCount()).toBe(0);
    });
  }

  it('refuses a file over 2 MB with 413 and says so', async () => {
    const res = await upload(teacher, 'ktp.csv', Buffer.alloc(2 * 1024 * 1024 + 10, 0x41), { dryRun: true });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('Файл больше 2 МБ. В плане не больше 500 строк — проверьте, что выбран нужный файл.');
  });

  it('reads a renamed XLSX by its content', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('КТП').addRow([1, 'Дроби', 1]);
    const res = await upload(teacher, 'ktp.csv', Buffer.from(await workbook.xlsx.writeBuffer()), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, problems: [] });
  });
});

describe('topics by lesson', () => {
  it('lays the plan on the lessons as the journal counts them, and lists what does not fit', async () => {
    const empty = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}/plan-lessons`)).json();
    expect(empty).toMatchObject({ planHours: 0, unplacedHours: 0, canWrite: true });
    expect(empty.lessons.every((l: { plannedTopic: string | null }) => l.plannedTopic === null)).toBe(true);

    const csv = '№;Тема;Часы\n1;Натуральные числа;2\n2;Дроби;1\n3;Проценты;200\n';
    const bad = await upload(teacher, 'ktp.csv', csv, { dryRun: true });
    expect(bad.json().problems).toEqual([{ row: 4, message: 'количество часов должно быть целым числом от 1 до 20' }]);
    const fixed = await upload(teacher, 'ktp.csv', csv.replace(';200', ';1'));
    expect(fixed.statusCode, fixed.body).toBe(200);

    const res = await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}/plan-lessons`);
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.planHours).toBe(4);
    expect(plan.unplacedHours).toBe(0);
    expect(
      plan.lessons
        .slice(0, 5)
        .map((l: { date: string; lessonNumber: number; ordinal: number | null; plannedTopic: string | null }) =>
          [l.date, l.lessonNumber, l.ordinal, l.plannedTopic].join(' '),
        ),
    ).toEqual([
      '2026-09-02 2 1 Натуральные числа',
      '2026-09-07 1 1 Натуральные числа',
      '2026-09-09 2 2 Дроби',
      '2026-09-14 1 3 Проценты',
      '2026-09-16 2  ',
    ]);
    // The journal shows the same topics on the same lessons.
    const page = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}?periodId=${w.periodIds[0]}`)).json();
    const byLesson = new Map(
      page.lessons.map((l: { date: string; lessonNumber: number; topic: string | null }) => [`${l.date}#${l.lessonNumber}`, l.topic]),
    );
    for (const l of plan.lessons.slice(0, 5)) expect(byLesson.get(`${l.date}#${l.lessonNumber}`)).toBe(l.plannedTopic);
  });

  it('shows the teacher’s own topic beside the plan’s', async () => {
    const own = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/lessons/2026-09-07/1`, { topic: 'Своя тема', version: 0 });
    expect(own.statusCode, own.body).toBe(200);
    const plan = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}/plan-lessons`)).json();
    expect(plan.lessons[1]).toMatchObject({ date: '2026-09-07', plannedTopic: 'Натуральные числа', ownTopic: 'Своя тема' });
  });

  it('hides the list from a teacher of another subject and from families', async () => {
    expect((await otherTeacher.get(`${base()}/journals/${w.curriculumIds.mathA}/plan-lessons`)).statusCode).toBe(404);
    expect([403, 404]).toContain((await parent.get(`${base()}/journals/${w.curriculumIds.mathA}/plan-lessons`)).statusCode);
    expect(
      (
        await otherTeacher.request({
          method: 'POST',
          url: `${planUrl()}/import`,
          headers: multipartHeaders(),
          payload: multipartFile('ktp.csv', '1;Тема;1'),
        })
      ).statusCode,
    ).toBe(404);
    expect((await teacher.get(`${base()}/journals/${newId()}/plan-lessons`)).statusCode).toBe(404);
  });
});
