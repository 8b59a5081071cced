import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { ownScalesOf } from './curriculum-scales.service.js';

// The scale of one curriculum item (issue 11, item 4; R3.2, R4.1): chosen by an admin, used by
// grade saves, averages, proposals and period grades of that item only.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;
let director: Client;
let answerId: string;
let controlId: string;

const base = () => `/api/schools/${w.schoolId}`;
const journal = (id = w.curriculumIds.mathA) => `${base()}/journals/${id}`;
const scaleUrl = (id = w.curriculumIds.mathA) => `${base()}/grade-scales/curricula/${id}`;
const EN = { 'accept-language': 'en' };

async function ownRow(curriculumId = w.curriculumIds.mathA) {
  return t.deps.db.selectFrom('curriculum_scales').selectAll().where('curriculum_id', '=', curriculumId).executeTakeFirst();
}

async function gradeCount(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('grades')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', w.schoolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const grade = (value: string, extra: Record<string, unknown> = {}) =>
  teacher.post(`${journal()}/grades`, {
    studentId: w.studentIds.inA,
    date: '2026-11-23',
    lessonNumber: 1,
    value,
    workTypeId: answerId,
    ...extra,
  });

beforeAll(async () => {
  t = await createTestApp(); // clock: Monday 2026-11-23, second quarter
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  const entry = await admin.post(`${base()}/timetable/entries`, {
    curriculumId: w.curriculumIds.mathA,
    weekday: 1,
    lessonNumber: 1,
    room: '101',
  });
  expect(entry.statusCode, entry.body).toBe(201);
  const types = (await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>;
  answerId = types.find((x) => x.code === 'answer')?.id as string;
  controlId = types.find((x) => x.code === 'control')?.id as string;
}, 60_000);
afterAll(async () => t.close());

describe('the scale of a curriculum item', () => {
  it('defaults to the school scale: a «7» on the five-point scale is refused with the scale named, nothing written', async () => {
    const page = (await teacher.get(journal())).json();
    expect(page.curriculum.scale).toBe('five');
    expect((await teacher.get(`${base()}/grade-scales/curricula`)).json()).toEqual({ defaultScale: 'five', items: [] });
    const before = await gradeCount();
    const bad = await grade('7');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toBe('Оценки «7» нет в шкале «Пятибалльная (1–5)».');
    const badEn = await teacher.post(
      `${journal()}/grades`,
      { studentId: w.studentIds.inA, date: '2026-11-23', lessonNumber: 1, value: '7', workTypeId: answerId },
      EN,
    );
    expect(badEn.json().error.message).toBe('There is no grade "7" in the scale "Five-point (1–5)".');
    // Another numeric scale than the item's is refused too, in words.
    const other = await grade('7', { scale: 'ten' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toMatch(/Пятибалльная \(1–5\)/);
    expect(await gradeCount()).toBe(before);
  });

  it('refuses an unknown scale code, a teacher and a director (policy: grading.manage), an unknown item; nothing written', async () => {
    const bad = await admin.put(scaleUrl(), { scale: 'seven-point' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/шкала оценок/);
    const badEn = await admin.put(scaleUrl(), { scale: 'seven-point' }, EN);
    expect(badEn.statusCode).toBe(422);
    expect(badEn.json().error.message).toMatch(/grade scale/);
    const empty = await admin.put(scaleUrl(), { scale: '' });
    expect(empty.statusCode).toBe(400);
    expect((await teacher.put(scaleUrl(), { scale: 'pass_fail' })).statusCode).toBe(403);
    expect((await director.put(scaleUrl(), { scale: 'pass_fail' })).statusCode).toBe(403);
    expect((await admin.put(scaleUrl(newId()), { scale: 'pass_fail' })).statusCode).toBe(404);
    expect(await ownRow()).toBeUndefined();
  });

  it('switched to pass/fail: «зач» is accepted, numbers are not, no average and no proposal; period grades follow', async () => {
    const before = await gradeCount();
    const five = await grade('5');
    expect(five.statusCode, five.body).toBe(201);

    const set = await admin.put(scaleUrl(), { scale: 'pass_fail' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ curriculumId: w.curriculumIds.mathA, scale: 'pass_fail', effectiveScale: 'pass_fail' });
    expect((await teacher.get(`${base()}/grade-scales/curricula`)).json().items).toEqual([
      { curriculumId: w.curriculumIds.mathA, scale: 'pass_fail' },
    ]);
    // The change is recorded once, for this item (the journal page and the diary subscribe to it).
    const change = await t.deps.db
      .selectFrom('change_log')
      .select(['kind', 'scopes'])
      .where('entity_id', '=', w.curriculumIds.mathA)
      .where('kind', '=', 'grading_settings')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(change.scopes).curricula).toEqual([w.curriculumIds.mathA]);
    expect(await ownScalesOf(t.deps, w.schoolId, [w.curriculumIds.mathA, w.curriculumIds.englishGroup])).toEqual(
      new Map([[w.curriculumIds.mathA, 'pass_fail']]),
    );
    // Choosing it again writes nothing (no change, no audit entry).
    const changes = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('change_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity_id', '=', w.curriculumIds.mathA)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const logged = await changes();
    expect((await admin.put(scaleUrl(), { scale: 'pass_fail' })).json().effectiveScale).toBe('pass_fail');
    expect(await changes()).toBe(logged);

    const pass = await grade('pass', { workTypeId: controlId });
    expect(pass.statusCode, pass.body).toBe(201);
    expect(pass.json()).toMatchObject({ value: 'pass', scale: 'pass_fail', numeric: null });
    const number = await grade('4');
    expect(number.statusCode).toBe(422);
    expect(number.json().error.message).toBe('Оценки «4» нет в шкале «Зачёт / незачёт».');

    const page = (await teacher.get(journal())).json();
    expect(page.curriculum.scale).toBe('pass_fail');
    expect(page.defaultScale).toBe('five');
    // The «5» given before the switch stays as it was, but no longer makes an average.
    expect(page.grades.map((g: { value: string }) => g.value).sort()).toEqual(['5', 'pass']);
    expect(page.averages).toEqual([]);
    expect((await teacher.get(`${journal()}/averages`)).json().items).toEqual([]);

    // The old «5» may be changed into «зач»: it moves to the item's scale.
    const changed = await teacher.patch(`${base()}/grades/${five.json().id}`, { value: 'fail', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ value: 'fail', scale: 'pass_fail', numeric: null });

    const pg = `${journal()}/period-grades`;
    const ok = await teacher.put(pg, { studentId: w.studentIds.inA, kind: 'period', periodId: w.periodIds[1], value: 'pass', version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    const refused = await teacher.put(pg, {
      studentId: w.studentIds.inA2,
      kind: 'period',
      periodId: w.periodIds[1],
      value: '5',
      version: 0,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('Оценки «5» нет в шкале «Зачёт / незачёт».');
    expect(await gradeCount()).toBe(before + 2);
  });

  it('switched to ten-point: a «7» is accepted and averaged on that scale alone, with a ten-point proposal', async () => {
    expect((await admin.put(scaleUrl(), { scale: 'ten' })).statusCode).toBe(200);
    const seven = await grade('7');
    expect(seven.statusCode, seven.body).toBe(201);
    expect(seven.json()).toMatchObject({ scale: 'ten', numeric: 7 });
    const nine = await grade('9', { workTypeId: controlId });
    expect(nine.statusCode, nine.body).toBe(201);
    const items = (await teacher.get(`${journal()}/averages`)).json().items;
    // (7·1 + 9·2) / 3 = 8.33; pass/fail grades of before do not mix in.
    expect(items).toEqual([{ studentId: w.studentIds.inA, count: 2, plain: 8, weighted: 8.33, proposed: '8' }]);
    const exam = await teacher.put(`${journal()}/period-grades`, { studentId: w.studentIds.inA, kind: 'exam', value: '10', version: 0 });
    expect(exam.statusCode, exam.body).toBe(200);
    expect(exam.json().item).toMatchObject({ kind: 'exam', value: '10', periodId: null });
    const final = await teacher.put(`${journal()}/period-grades`, { studentId: w.studentIds.inA, kind: 'final', value: '13', version: 0 });
    expect(final.statusCode).toBe(422);
  });

  it("a school's own scale can be an item's scale; null returns the item to the school's default", async () => {
    const created = await admin.post(`${base()}/grade-scales`, {
      name: 'Буквенная',
      values: [
        { value: 'A', numeric: 5 },
        { value: 'B', numeric: 4 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code as string;
    expect((await admin.put(scaleUrl(), { scale: code })).json().effectiveScale).toBe(code);
    const a = await grade('A');
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ scale: code, numeric: 5 });
    expect((await teacher.get(journal())).json().curriculum.scale).toBe(code);
    // The ten-point «7» and «9» of before stay in the journal but out of the average.
    const averages = (await teacher.get(`${journal()}/averages`)).json().items;
    expect(averages).toEqual([{ studentId: w.studentIds.inA, count: 1, plain: 5, weighted: 5, proposed: 'A' }]);

    const back = await admin.put(scaleUrl(), { scale: null });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ curriculumId: w.curriculumIds.mathA, scale: null, effectiveScale: 'five' });
    expect(await ownRow()).toBeUndefined();
    expect((await teacher.get(journal())).json().curriculum.scale).toBe('five');
    // The school's default now moves the item with it.
    expect((await admin.put(`${base()}/grade-scales/default`, { scale: 'twelve' })).statusCode).toBe(200);
    expect((await teacher.get(journal())).json().curriculum.scale).toBe('twelve');
    expect((await grade('12')).statusCode).toBe(201);
    expect((await admin.put(`${base()}/grade-scales/default`, { scale: 'five' })).statusCode).toBe(200);
  });
});

describe('work types', () => {
  it('changes the control flag and the weight; refuses a name another type has, and a teacher', async () => {
    const url = `${base()}/work-types/${answerId}`;
    const res = await admin.patch(url, { isControl: true, weight: 1.5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: answerId, isControl: true, weight: 1.5 });
    const clash = await admin.patch(url, { name: 'Контрольная работа' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toBeTruthy();
    expect((await teacher.patch(url, { isControl: false })).statusCode).toBe(403);
    const same = await admin.patch(url, {});
    expect(same.json()).toMatchObject({ isControl: true, weight: 1.5 });
  });
});
