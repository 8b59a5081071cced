import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, IndicatorReport } from '../../../contract/schemas/reports.js';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, makeStudent, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// A small school built by hand (decision 015): 9А mathematics (`teacher`, grades 1–9: 7 days) and
// 10А mathematics (`classTeacher`, grades 10–11: 10 days) side by side, on Mondays and Wednesdays
// from 2 November; autumn holidays 26.10–04.11 and a school day off on Wednesday 18.11. The school
// is in Kaliningrad (UTC+2): a posting at 21:30Z is 23:30 local, the same school day. Every entry
// is posted through the API with the clock moved, so `entered_at` is the posting time.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let director: Client;
// Logins, not clients: the clock moves by weeks, past a session's life, so each write signs in anew.
let teacher: string;
let teacher10: string;
let m9: string;
let m10: string;
let answerId: string;
const s: Record<'a9' | 'b9' | 'a10' | 'b10', string> = { a9: '', b9: '', a10: '', b10: '' };

const base = () => `/api/schools/${w.schoolId}`;
const at = (iso: string) => t.clock.set(new Date(iso));
const as = (login: string) => t.signIn(login, TEST_PASSWORD);

async function grade(login: string, item: string, studentId: string, date: string, lessonNumber: number, value: string, when: string) {
  at(when);
  const who = await as(login);
  const res = await who.post(`${base()}/journals/${item}/grades`, { studentId, date, lessonNumber, value, workTypeId: answerId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
async function mark(
  login: string,
  item: string,
  studentId: string,
  date: string,
  lessonNumber: number,
  value: string,
  when: string,
  version = 0,
) {
  at(when);
  const who = await as(login);
  const res = await who.put(`${base()}/journals/${item}/attendance`, { studentId, date, lessonNumber, mark: value, version });
  expect(res.statusCode, res.body).toBe(200);
}
async function lesson(login: string, item: string, date: string, n: number, body: Record<string, unknown>, when: string) {
  at(when);
  const who = await as(login);
  const res = await who.put(`${base()}/journals/${item}/lessons/${date}/${n}`, body);
  expect(res.statusCode, res.body).toBe(200);
}
async function periodGrade(login: string, item: string, studentId: string, value: string, when: string) {
  at(when);
  const who = await as(login);
  const res = await who.put(`${base()}/journals/${item}/period-grades`, {
    studentId,
    kind: 'period',
    periodId: w.periodIds[0],
    value,
    version: 0,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const row = (list: Indicator[], key: Indicator['key']) => {
  const found = list.find((i) => i.key === key);
  if (!found) throw new Error(`no ${key}`);
  return { n: found.numerator, d: found.denominator, met: found.met };
};

beforeAll(async () => {
  t = await createTestApp(new Date('2026-10-20T09:00:00Z'));
  w = await makeSchoolWorld(t.deps.db);
  const db = t.deps.db;
  for (const n of [1, 2, 3]) {
    await db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  for (const [kind, name, from, to] of [
    ['vacation', 'Осенние каникулы', '2026-10-26', '2026-11-04'],
    ['day_off', 'Выходной', '2026-11-18', '2026-11-18'],
  ] as const) {
    await db
      .insertInto('holidays')
      .values({ id: newId(), school_id: w.schoolId, year_id: w.yearId, kind, name, starts_on: from, ends_on: to })
      .execute();
  }
  const classes: Record<9 | 10, string> = { 9: newId(), 10: newId() };
  for (const level of [9, 10] as const) {
    await db
      .insertInto('classes')
      .values({
        id: classes[level],
        school_id: w.schoolId,
        year_id: w.yearId,
        grade_level: level,
        letter: 'А',
        name: `${level}А`,
        class_teacher_id: null,
      })
      .execute();
  }
  s.a9 = (await makeStudent(db, w.schoolId, classes[9], { surname: 'Антонов' })).id;
  s.b9 = (await makeStudent(db, w.schoolId, classes[9], { surname: 'Борисов' })).id;
  s.a10 = (await makeStudent(db, w.schoolId, classes[10], { surname: 'Васильев' })).id;
  s.b10 = (await makeStudent(db, w.schoolId, classes[10], { surname: 'Григорьев' })).id;
  m9 = newId();
  m10 = newId();
  for (const [id, classId, teacherId] of [
    [m9, classes[9], w.staffIds.teacher],
    [m10, classes[10], w.staffIds.classTeacher],
  ] as const) {
    await db
      .insertInto('curriculum')
      .values({
        id,
        school_id: w.schoolId,
        year_id: w.yearId,
        subject_id: w.subjectIds.math,
        teacher_id: teacherId,
        class_id: classId,
        group_id: null,
        hours_per_week: 2,
      })
      .execute();
  }
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = w.users.teacher.login;
  teacher10 = w.users.classTeacher.login;
  for (const [item, n] of [
    [m9, 1],
    [m10, 2],
  ] as const) {
    for (const weekday of [1, 3]) {
      const res = await admin.post(`${base()}/timetable/entries`, {
        curriculumId: item,
        weekday,
        lessonNumber: n,
        validFrom: '2026-11-02',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }
  const types = (await (await as(teacher)).get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>;
  answerId = types.find((x) => x.code === 'answer')?.id as string;

  // First quarter (ends Saturday 24.10; 3 days → Tuesday 27.10): period grades.
  await periodGrade(teacher, m9, s.a9, '5', '2026-10-26T10:00:00Z'); // on time
  await periodGrade(teacher, m9, s.b9, 'na', '2026-10-28T10:00:00Z'); // late
  await periodGrade(teacher10, m10, s.a10, 'exempt', '2026-10-27T21:00:00Z'); // 23:00 local on 27.10: on time
  await periodGrade(teacher10, m10, s.b10, '4', '2026-10-27T10:00:00Z'); // on time

  // 9А (7 days).
  await lesson(
    teacher,
    m9,
    '2026-11-09',
    1,
    { topic: 'Квадратные уравнения', homework: '№ 1–5', homeworkDueOn: '2026-11-11', version: 0 },
    '2026-11-09T10:00:00Z',
  );
  await lesson(teacher, m9, '2026-11-11', 1, { topic: 'Теорема Виета', version: 0 }, '2026-11-11T10:00:00Z');
  await lesson(teacher, m9, '2026-11-16', 1, { topic: 'Дискриминант', version: 0 }, '2026-11-16T10:00:00Z');
  // Homework of 16.11 given the next day: late.
  await lesson(teacher, m9, '2026-11-16', 1, { homework: '№ 6–9', homeworkDueOn: '2026-11-23', version: 1 }, '2026-11-17T10:00:00Z');
  const g1 = await grade(teacher, m9, s.a9, '2026-11-09', 1, '4', '2026-11-09T10:00:00Z'); // on time
  await grade(teacher, m9, s.b9, '2026-11-09', 1, '3', '2026-11-16T21:30:00Z'); // last day, 23:30 local: on time
  // 11.11 + 7 = 18.11, a school day off but a working day: the term does not move; 00:30 local on 19.11 is late.
  await grade(teacher, m9, s.a9, '2026-11-11', 1, '5', '2026-11-18T22:30:00Z');
  await grade(teacher, m9, s.b9, '2026-11-11', 1, '2', '2026-11-12T10:00:00Z'); // on time
  await mark(teacher, m9, s.b9, '2026-11-16', 1, 'absent', '2026-11-16T08:00:00Z'); // on time
  await mark(teacher, m9, s.a9, '2026-11-16', 1, 'late', '2026-11-23T08:00:00Z'); // оп: not an absence

  // 10А (10 days).
  await lesson(
    teacher10,
    m10,
    '2026-11-09',
    2,
    { topic: 'Производная', homework: '§ 12', homeworkDueOn: '2026-11-11', version: 0 },
    '2026-11-09T12:00:00Z',
  );
  await grade(teacher10, m10, s.a10, '2026-11-09', 2, '4', '2026-11-19T10:00:00Z'); // 9.11 + 10 = 19.11: on time (7 days would be late)
  await grade(teacher10, m10, s.b10, '2026-11-09', 2, '5', '2026-11-20T10:00:00Z'); // late
  // 11.11 + 10 = Saturday 21.11 → Monday 23.11 (art. 193): Sunday 22.11 is on time.
  await grade(teacher10, m10, s.a10, '2026-11-11', 2, '3', '2026-11-22T10:00:00Z');
  // 11.11 + 3 = Saturday 14.11 → Monday 16.11: on time.
  await mark(teacher10, m10, s.b10, '2026-11-11', 2, 'absent', '2026-11-16T10:00:00Z');
  await mark(teacher10, m10, s.a10, '2026-11-09', 2, 'excused', '2026-11-13T10:00:00Z'); // 9.11 + 3 = 12.11: late

  // Corrections on 23.11 keep the first posting time.
  at('2026-11-23T09:00:00Z');
  const fix = await (await as(teacher)).patch(`${base()}/grades/${g1.id}`, { value: '5', version: g1.version });
  expect(fix.statusCode, fix.body).toBe(200);
  await mark(teacher, m9, s.b9, '2026-11-16', 1, 'ill', '2026-11-23T09:00:00Z', 1);
  at('2026-11-23T09:00:00Z'); // Monday 23.11, 11:00 in Kaliningrad
  director = await as(w.users.director.login);
}, 120_000);
afterAll(async () => t.close());

describe('quality indicators (table 2.13, decision 015)', () => {
  let report: IndicatorReport;
  beforeAll(async () => {
    const res = await director.get(`${base()}/reports/indicators?from=2026-11-05&to=2026-11-22`);
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
  });

  it('counts the school as computed by hand', () => {
    const school = report.school;
    expect(row(school, 'journals_kept')).toEqual({ n: 0, d: 0, met: true });
    // Held: 9.11, 11.11, 16.11 for each item (18.11 off); topics: 9А 3, 10А 1.
    expect(row(school, 'topics')).toEqual({ n: 4, d: 6, met: false });
    expect(row(school, 'grades_1_9')).toEqual({ n: 3, d: 4, met: false });
    expect(row(school, 'grades_10_11')).toEqual({ n: 2, d: 3, met: false });
    expect(row(school, 'absences')).toEqual({ n: 2, d: 3, met: false });
    expect(row(school, 'on_time_share')).toEqual({ n: 7, d: 10, met: false });
    expect(row(school, 'period_grades')).toEqual({ n: 0, d: 0, met: null }); // no period ended in the range
    // Weeks: 9А 2 of 2; 10А the week of 9.11 yes, of 16.11 nothing by 19.11.
    expect(row(school, 'weekly_update')).toEqual({ n: 3, d: 4, met: false });
    expect(row(school, 'homework_late')).toEqual({ n: 1, d: 3, met: null });
  });

  it('per teacher: 9А meets the 80 % share, 10А does not', () => {
    const byName = (id: string) => report.teachers.find((u) => u.id === id)?.indicators ?? [];
    const t9 = byName(w.staffIds.teacher);
    expect(row(t9, 'on_time_share')).toEqual({ n: 4, d: 5, met: true });
    expect(row(t9, 'topics')).toEqual({ n: 3, d: 3, met: true });
    const t10 = byName(w.staffIds.classTeacher);
    expect(row(t10, 'on_time_share')).toEqual({ n: 3, d: 5, met: false });
    expect(row(t10, 'topics')).toEqual({ n: 1, d: 3, met: false });
    expect(row(t10, 'grades_10_11')).toEqual({ n: 2, d: 3, met: false });
    expect(row(t10, 'grades_1_9')).toEqual({ n: 0, d: 0, met: null });
    const c10 = report.classes.find((c) => c.name === '10А')?.indicators ?? [];
    expect(row(c10, 'absences')).toEqual({ n: 1, d: 2, met: false });
  });

  it('period grades within 3 days of the period end, missing ones counted late', async () => {
    const res = await director.get(`${base()}/reports/indicators?periodId=${w.periodIds[0]}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as IndicatorReport;
    // Posted: 3 on time, 1 late; missing past the term: 5А mathematics 2, the English group 1.
    expect(row(r.school, 'period_grades')).toEqual({ n: 3, d: 7, met: false });
    const t9 = r.teachers.find((u) => u.id === w.staffIds.teacher)?.indicators ?? [];
    expect(row(t9, 'period_grades')).toEqual({ n: 1, d: 4, met: false });
  });

  it('is refused to teachers (403) and to another school (404)', async () => {
    expect((await (await as(teacher)).get(`${base()}/reports/indicators`)).statusCode).toBe(403);
    expect((await director.get(`/api/schools/${newId()}/reports/indicators`)).statusCode).toBe(404);
    const bad = await director.get(`${base()}/reports/indicators?from=2026-11-22&to=2026-11-05`, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toBe("The report's start is after its end.");
  });
});

describe("the director's monitoring", () => {
  it('lists what is late now by teacher, with the journal to open', async () => {
    const res = await director.get(`${base()}/reports/monitoring`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.today).toBe('2026-11-23');
    expect(m.teachers.map((x: { teacherId: string; total: number }) => [x.teacherId, x.total])).toEqual([
      [w.staffIds.classTeacher, 4],
      [w.staffIds.teacher, 3],
      [w.staffIds.otherTeacher, 1],
    ]);
    const t10 = m.teachers[0].items.find((i: { curriculumId: string }) => i.curriculumId === m10);
    expect(t10).toMatchObject({
      lessonsWithoutTopic: ['2026-11-11', '2026-11-16'],
      lateGrades: 1,
      lateAbsences: 1,
      missingPeriodGrades: 0,
      periodId: w.periodIds[1],
    });
    const mathA = m.teachers[1].items.find((i: { curriculumId: string }) => i.curriculumId === w.curriculumIds.mathA);
    expect(mathA).toMatchObject({ missingPeriodGrades: 2, periodId: w.periodIds[0] });
    const week = (d: string) => m.weeks.find((x: { weekOf: string }) => x.weekOf === d);
    expect(week('2026-11-09')).toEqual({ weekOf: '2026-11-09', onTimeShare: 6 / 9, topicsShare: 3 / 4, entries: 9, lessons: 4 });
    expect(week('2026-11-16')).toEqual({ weekOf: '2026-11-16', onTimeShare: 1, topicsShare: 1 / 2, entries: 1, lessons: 2 });
    expect(m.weeks).toHaveLength(8);
  });
});

describe('statistics', () => {
  it('% успеваемости and % качества of the first quarter (н/а fails, осв. and empty are not attested)', async () => {
    const res = await director.get(`${base()}/reports/performance?periodId=${w.periodIds[0]}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.school).toMatchObject({ attested: 3, successful: 2, quality: 2, notGraded: 3, exempt: 1 });
    expect(p.school.successShare).toBeCloseTo(2 / 3);
    expect(p.school.distribution).toEqual({ '5': 1, na: 1, exempt: 1, '4': 1 });
    const cls = (name: string) => p.classes.find((c: { name: string }) => c.name === name);
    expect(cls('9А')).toMatchObject({ attested: 2, successful: 1, quality: 1, successShare: 0.5, qualityShare: 0.5 });
    expect(cls('10А')).toMatchObject({ attested: 1, successful: 1, quality: 1, exempt: 1 });
    expect(cls('5А')).toMatchObject({ attested: 0, successShare: null, notGraded: 3 });
    expect(p.failing).toEqual([
      { studentId: s.b9, studentName: expect.stringMatching(/^Борисов /), className: '9А', subjectName: 'Математика', value: 'na' },
    ]);
  });

  it('averages of current grades in the second quarter (a correction counts at its new value)', async () => {
    const p = (await director.get(`${base()}/reports/performance?periodId=${w.periodIds[1]}`)).json();
    expect(p.school.average).toBe(3.86); // 5 3 5 2 4 5 3
    expect(p.teachers.find((x: { id: string }) => x.id === w.staffIds.teacher).average).toBe(3.75);
    expect(p.school.attested).toBe(0);
  });

  it('attendance by kind, per class and week', async () => {
    const a = (await director.get(`${base()}/reports/attendance?from=2026-11-05&to=2026-11-22`)).json();
    expect(a.school).toMatchObject({ absent: 1, ill: 1, excused: 1, late: 1, missed: 3, excusedTotal: 2, unexcused: 1 });
    expect(a.classes.map((c: { name: string; missed: number; late: number }) => [c.name, c.missed, c.late])).toEqual([
      ['10А', 2, 0],
      ['9А', 1, 1],
    ]);
    expect(a.weeks.map((x: { id: string; missed: number }) => [x.id, x.missed])).toEqual([
      ['2026-11-09', 2],
      ['2026-11-16', 1],
    ]);
  });

  it('movement report counts enrolments in the range', async () => {
    const res = await director.get(`${base()}/reports/movement?from=2026-09-01&to=2026-11-22`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toEqual(expect.objectContaining({ transfer: 0, leave: 0 }));
  });
});

describe('exports (one mechanism: CSV, XLSX, PDF)', () => {
  const url = (format: string) => `${base()}/reports/indicators/export?format=${format}&from=2026-11-05&to=2026-11-22`;

  it('CSV: UTF-8 with a BOM, «;», decimal commas, the figures of the page', async () => {
    const res = await director.get(url('csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicators-2026-11-23.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Кто;№;Показатель;В срок / есть;Всего;%;Норма;Выполнен');
    expect(lines).toContain('Школа;2;Доля уроков с записанной темой;4;6;66,7;не менее 80 %;нет');
    expect(lines).toContain('Школа;7;Доля оценок и пропусков, выставленных своевременно;7;10;70;не менее 80 %;нет');
  });

  it('XLSX reads back with exceljs; English for an English reader', async () => {
    const res = await director.get(url('xlsx'), { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Quality indicators (table 2.13)']);
    expect(rows).toContainEqual(['School', 6, 'Absences posted on time', 2, 3, 66.7, 'at most 3 days', 'no']);
  });

  it('PDF of the overdue list', async () => {
    const res = await director.get(`${base()}/reports/monitoring/export?format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await director.get(`${base()}/reports/monitoring/export?format=doc`)).statusCode).toBe(400);
  });
});
