import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12, point 6 (decision 008): a period closes only once it has ended (or early, by an
// admin with a reason), and closing the year (every period of the item's grade level) locks
// the year, exam and final grades with the same admin-with-reason override as a period.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;

const base = () => `/api/schools/${w.schoolId}`;
const grades = () => `${base()}/journals/${w.curriculumIds.mathA}/period-grades`;
const EN = { 'accept-language': 'en' };
const quarter = (i: number) => w.periodIds[i] as string;

beforeAll(async () => {
  t = await createTestApp(); // clock: Monday 2026-11-23, second quarter
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
}, 60_000);
afterAll(async () => t.close());

async function closedAt(periodId: string): Promise<string | null> {
  const row = await t.deps.db.selectFrom('study_periods').select('closed_at').where('id', '=', periodId).executeTakeFirstOrThrow();
  return row.closed_at;
}

describe('closing a period before its end', () => {
  it('refuses to close a period that has not ended, in the user’s language, and writes nothing', async () => {
    const url = `${base()}/periods/${quarter(2)}/close`;
    const ru = await admin.post(url);
    expect(ru.statusCode).toBe(422);
    expect(ru.json().error.code).toBe('period_not_ended');
    expect(ru.json().error.message).toBe(
      'Период «3 четверть» ещё не закончился (до 21.03.2027). Закрыть его раньше может администратор, указав причину.',
    );
    const en = await admin.post(url, {}, EN);
    expect(en.statusCode).toBe(422);
    expect(en.json().error.message).toMatch(/^The period "3 четверть" has not ended yet/);
    const noReason = await admin.post(url, { early: true });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toBe('Укажите причину досрочного закрытия периода «3 четверть».');
    const blank = await admin.post(url, { early: true, reason: '   ' }, EN);
    expect(blank.statusCode).toBe(422);
    expect(blank.json().error.message).toBe('Give the reason for closing the period "3 четверть" early.');
    expect(await closedAt(quarter(2))).toBeNull();
    // A teacher is still refused for want of the right, early or not.
    expect((await teacher.post(url, { early: true, reason: 'Ошибка' })).statusCode).toBe(403);
  });

  it('closes it early with early: true and a reason, kept in the audit details', async () => {
    const res = await admin.post(`${base()}/periods/${quarter(2)}/close`, { early: true, reason: ' Перевод в другую школу ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().closed).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'study_period')
      .where('entity_id', '=', quarter(2))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ closed: true, early: true, reason: 'Перевод в другую школу' });
    const change = await t.deps.db.selectFrom('change_log').select('kind').where('entity_id', '=', quarter(2)).executeTakeFirst();
    expect(change?.kind).toBe('period_closing');
    expect((await admin.post(`${base()}/periods/${quarter(2)}/reopen`, { reason: 'Проверка' })).statusCode).toBe(200);
  });

  it('closes a period that has ended without early, and ignores a reason-less body then', async () => {
    const res = await admin.post(`${base()}/periods/${quarter(0)}/close`, {});
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'study_period')
      .where('entity_id', '=', quarter(0))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ closed: true });
  });
});

describe('year, exam and final grades lock when the year is closed', () => {
  it('stays open while one period of the grade level is open, then locks every year-level grade', async () => {
    const year = await teacher.put(grades(), { studentId: w.studentIds.inA, kind: 'year', value: '4', version: 0 });
    expect(year.statusCode, year.body).toBe(200);
    // Quarters 1 (closed above), 2 and 3 closed: the year is not closed yet.
    for (const id of [quarter(1), quarter(2)]) {
      expect((await admin.post(`${base()}/periods/${id}/close`, { early: true, reason: 'Конец года' })).statusCode).toBe(200);
    }
    const stillOpen = await teacher.put(grades(), { studentId: w.studentIds.inA, kind: 'year', value: '5', version: 1 });
    expect(stillOpen.statusCode, stillOpen.body).toBe(200);
    expect((await admin.post(`${base()}/periods/${quarter(3)}/close`, { early: true, reason: 'Конец года' })).statusCode).toBe(200);

    const before = await t.deps.db
      .selectFrom('period_grades')
      .select(['kind', 'value', 'version'])
      .where('school_id', '=', w.schoolId)
      .execute();
    for (const body of [
      { studentId: w.studentIds.inA, kind: 'year', value: '3', version: 2 },
      { studentId: w.studentIds.inA, kind: 'year', value: null, version: 2 },
      { studentId: w.studentIds.inA, kind: 'final', value: '5', version: 0 },
      { studentId: w.studentIds.inA2, kind: 'exam', value: '4', version: 0 },
    ]) {
      const res = await teacher.put(grades(), body);
      expect(res.statusCode, `${body.kind} ${res.body}`).toBe(423);
      expect(res.json().error.message).toBe(
        'Учебный год «2026/2027» закрыт: годовые, экзаменационные и итоговые отметки не меняются. Изменить их может администратор, указав причину.',
      );
    }
    const en = await teacher.put(grades(), { studentId: w.studentIds.inA, kind: 'final', value: '5', version: 0 }, EN);
    expect(en.json().error.message).toMatch(/^The year "2026\/2027" is closed/);
    const adminNoReason = await admin.put(grades(), { studentId: w.studentIds.inA, kind: 'final', value: '5', version: 0 });
    expect(adminNoReason.statusCode).toBe(423);
    expect(adminNoReason.json().error.message).toBe('Учебный год «2026/2027» закрыт: укажите причину изменения.');
    const after = await t.deps.db
      .selectFrom('period_grades')
      .select(['kind', 'value', 'version'])
      .where('school_id', '=', w.schoolId)
      .execute();
    expect(after).toEqual(before);

    const override = await admin.put(grades(), {
      studentId: w.studentIds.inA,
      kind: 'final',
      value: '5',
      version: 0,
      reason: 'Решение педсовета',
    });
    expect(override.statusCode, override.body).toBe(200);
    const history = await t.deps.db
      .selectFrom('journal_history')
      .select('reason')
      .where('entity', '=', 'period_grade')
      .where('entity_id', '=', override.json().item.id)
      .executeTakeFirstOrThrow();
    expect(history.reason).toBe('Решение педсовета');

    // Reopening one quarter reopens the year.
    expect((await admin.post(`${base()}/periods/${quarter(3)}/reopen`, { reason: 'Исправление' })).statusCode).toBe(200);
    const reopened = await teacher.put(grades(), { studentId: w.studentIds.inA2, kind: 'exam', value: '4', version: 0 });
    expect(reopened.statusCode, reopened.body).toBe(200);
  });
});
