import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, makeStudent, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;
let otherTeacher: Client;
let classTeacher: Client;
let director: Client;
let parent: Client;
let answerId: string;
let controlId: string;
let mathB: string;

const base = () => `/api/schools/${w.schoolId}`;
const journal = (curriculumId = w.curriculumIds.mathA) => `${base()}/journals/${curriculumId}`;

async function count(table: 'grades' | 'attendance_marks' | 'lessons' | 'period_grades' | 'journal_history'): Promise<number> {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', w.schoolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp(); // clock: Monday 2026-11-23, second quarter
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  // Autumn holidays (between the first and second quarter) and a single day off on a Wednesday.
  await t.deps.db
    .insertInto('holidays')
    .values({
      id: newId(),
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'vacation',
      name: 'Осенние каникулы',
      starts_on: '2026-10-26',
      ends_on: '2026-11-04',
    })
    .execute();
  await t.deps.db
    .insertInto('holidays')
    .values({
      id: newId(),
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'day_off',
      name: 'Выходной',
      starts_on: '2026-11-18',
      ends_on: '2026-11-18',
    })
    .execute();
  // 5Б mathematics, taught by `teacher`, so that 5Б's class teacher can read it.
  mathB = newId();
  await t.deps.db
    .insertInto('curriculum')
    .values({
      id: mathB,
      school_id: w.schoolId,
      year_id: w.yearId,
      subject_id: w.subjectIds.math,
      teacher_id: w.staffIds.teacher,
      class_id: w.classIds.b,
      group_id: null,
      hours_per_week: 5,
    })
    .execute();
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  classTeacher = await t.signIn(w.users.classTeacher.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  // 5А mathematics: Monday lesson 1, Wednesday lesson 2; 5Б mathematics: Tuesday lesson 3.
  for (const body of [
    { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1, room: '101' },
    { curriculumId: w.curriculumIds.mathA, weekday: 3, lessonNumber: 2, room: '101' },
    { curriculumId: mathB, weekday: 2, lessonNumber: 3 },
  ]) {
    const res = await admin.post(`${base()}/timetable/entries`, body);
    expect(res.statusCode, res.body).toBe(201);
  }
  const types = (await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string; weight: number }>;
  answerId = types.find((x) => x.code === 'answer')?.id as string;
  controlId = types.find((x) => x.code === 'control')?.id as string;
  expect(types.find((x) => x.code === 'control')?.weight).toBe(2);
}, 60_000);
afterAll(async () => t.close());

describe('journal page', () => {
  it('lists the lessons of the period from the timetable, skipping holidays, with the roster and rights', async () => {
    const res = await teacher.get(journal());
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.period.id).toBe(w.periodIds[1]);
    expect(page.canWrite).toBe(true);
    expect(page.canOverrideLock).toBe(false);
    const dates = page.lessons.map((l: { date: string; lessonNumber: number }) => `${l.date}#${l.lessonNumber}`);
    // The quarter starts on Thursday 2026-11-05; 2026-11-18 is a day off.
    expect(dates.slice(0, 4)).toEqual(['2026-11-09#1', '2026-11-11#2', '2026-11-16#1', '2026-11-23#1']);
    expect(dates).not.toContain('2026-11-18#2');
    expect(page.lessons.every((l: { id: string | null }) => l.id === null)).toBe(true);
    expect(page.students.map((s: { id: string }) => s.id).sort()).toEqual([w.studentIds.inA, w.studentIds.inA2].sort());
    expect(page.students[0].spans).toEqual([{ from: '2026-11-05', to: '2026-12-28' }]);
    expect(page.workTypes.find((x: { code: string }) => x.code === 'answer').name).toBe('Ответ на уроке');
    expect(page.defaultScale).toBe('five');
  });

  it('logs the page read in the audit log before answering (no personal data in details)', async () => {
    await teacher.get(journal());
    // No flush: the answer came only after the audit row's commit (group commit, issue 12.9).
    const row = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('entity', '=', 'journal')
      .where('entity_id', '=', w.curriculumIds.mathA)
      .where('action', '=', 'read')
      .executeTakeFirstOrThrow();
    expect(row.actor_user_id).toBe(w.users.teacher.id);
    expect(JSON.parse(row.details)).toEqual({ periodId: w.periodIds[1] });
  });

  it('shows a class teacher every subject of their class read-only, and hides it from others', async () => {
    const res = await classTeacher.get(journal(mathB));
    expect(res.statusCode).toBe(200);
    expect(res.json().canWrite).toBe(false);
    const write = await classTeacher.post(`${journal(mathB)}/grades`, {
      studentId: w.studentIds.inB,
      date: '2026-11-17',
      lessonNumber: 3,
      value: '5',
      workTypeId: answerId,
    });
    expect(write.statusCode).toBe(403);
    expect((await otherTeacher.get(journal())).statusCode).toBe(404);
    expect((await director.get(journal())).json().canWrite).toBe(false);
    expect((await parent.get(journal())).statusCode).toBe(403);
    const list = (await classTeacher.get(`${base()}/journals`)).json().items;
    expect(list).toEqual([expect.objectContaining({ curriculumId: mathB, ownerName: '5Б', canWrite: false })]);
  });
});

describe('grades', () => {
  it('gives a grade in a lesson, materialising the lesson, with history and timeliness data', async () => {
    t.clock.set(new Date('2026-11-23T09:30:00Z'));
    const res = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
      comment: 'У доски',
    });
    expect(res.statusCode, res.body).toBe(201);
    const grade = res.json();
    expect(grade).toMatchObject({
      value: '5',
      numeric: 5,
      scale: 'five',
      version: 1,
      date: '2026-11-16',
      lessonNumber: 1,
      comment: 'У доски',
    });
    expect(grade.enteredAt).toBe('2026-11-23T09:30:00.000Z');
    expect(grade.enteredBy).toBe(w.users.teacher.id);
    const page = (await teacher.get(journal())).json();
    const lesson = page.lessons.find((l: { date: string }) => l.date === '2026-11-16');
    expect(lesson.id).toBe(grade.lessonId);
    expect(page.grades).toEqual([expect.objectContaining({ id: grade.id })]);
    const history = (await teacher.get(`${journal()}/history?entityId=${grade.id}`)).json().items;
    expect(history).toEqual([
      expect.objectContaining({ action: 'create', oldValue: null, newValue: expect.objectContaining({ value: '5' }) }),
    ]);
  });

  it('answers a stale change with 409 and the current grade, never overwriting silently', async () => {
    const created = (
      await teacher.post(`${journal()}/grades`, {
        studentId: w.studentIds.inA2,
        date: '2026-11-16',
        lessonNumber: 1,
        value: '3',
        workTypeId: answerId,
      })
    ).json();
    const first = await teacher.patch(`${base()}/grades/${created.id}`, { value: '4', version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await admin.patch(`${base()}/grades/${created.id}`, { value: '2', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.current).toMatchObject({ id: created.id, value: '4', version: 2 });
    const stored = await t.deps.db.selectFrom('grades').select(['value', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: '4', version: 2 });
    const history = (await director.get(`${journal()}/history?entity=grade&entityId=${created.id}`)).json().items;
    expect(history[0]).toMatchObject({
      action: 'update',
      oldValue: { value: '3' },
      newValue: { value: '4' },
      changedBy: w.users.teacher.id,
    });
    const staleDelete = await teacher.delete(`${base()}/grades/${created.id}?version=1`);
    expect(staleDelete.statusCode).toBe(409);
    expect((await teacher.delete(`${base()}/grades/${created.id}?version=2`)).statusCode).toBe(204);
    const afterDelete = (await teacher.get(`${journal()}/history?entityId=${created.id}`)).json().items;
    expect(afterDelete[0]).toMatchObject({ action: 'delete', oldValue: { value: '4' }, newValue: null });
  });

  it('refuses a value outside the scale, an unknown work type, a lesson not in the timetable: 4xx, nothing written', async () => {
    const before = [await count('grades'), await count('lessons'), await count('journal_history')];
    const outside = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '6',
      workTypeId: answerId,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toBe('Оценки «6» нет в шкале «Пятибалльная (1–5)».');
    const badType = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: newId(),
    });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().error.message).toBe('Не найдено: вид работы.');
    const noLesson = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-17',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
    });
    expect(noLesson.statusCode).toBe(422);
    const holiday = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-18',
      lessonNumber: 2,
      value: '5',
      workTypeId: answerId,
    });
    expect(holiday.statusCode).toBe(422);
    const unknownField = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
      weight: 3,
    });
    expect(unknownField.statusCode).toBe(400);
    expect([await count('grades'), await count('lessons'), await count('journal_history')]).toEqual(before);
  });

  it('refuses a mark for a student not in the class on that date (roster by date)', async () => {
    // Joins 5А on 2026-11-20: not on the roster on the 16th, on it on the 23rd.
    const late = await makeStudent(t.deps.db, w.schoolId, null, { surname: 'Новиков' });
    await t.deps.db
      .insertInto('class_memberships')
      .values({ id: newId(), school_id: w.schoolId, student_id: late.id, class_id: w.classIds.a, starts_on: '2026-11-20', ends_on: null })
      .execute();
    const before = await count('grades');
    const early = await teacher.post(`${journal()}/grades`, {
      studentId: late.id,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '4',
      workTypeId: answerId,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('Ученик не числится в этом классе или группе на дату урока.');
    const inB = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inB,
      date: '2026-11-23',
      lessonNumber: 1,
      value: '4',
      workTypeId: answerId,
    });
    expect(inB.statusCode).toBe(422);
    expect(await count('grades')).toBe(before);
    const ok = await teacher.post(`${journal()}/grades`, {
      studentId: late.id,
      date: '2026-11-23',
      lessonNumber: 1,
      value: '4',
      workTypeId: answerId,
    });
    expect(ok.statusCode).toBe(201);
    const page = (await teacher.get(journal())).json();
    expect(page.students.find((s: { id: string }) => s.id === late.id).spans).toEqual([{ from: '2026-11-20', to: '2026-12-28' }]);
  });

  it('forbids writing another teacher’s subject and hides it from teachers who have no link to it', async () => {
    const res = await otherTeacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
    });
    expect(res.statusCode).toBe(404);
    const director403 = await director.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
    });
    expect(director403.statusCode).toBe(403);
  });

  it('gives a grade outside a lesson for a dated piece of work', async () => {
    const res = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-21',
      value: '4',
      workTypeId: controlId,
      comment: 'Проект',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lessonId: null, lessonNumber: null, date: '2026-11-21' });
  });
});

describe('averages and the proposed period grade', () => {
  it('computes plain and weighted averages of numeric grades and proposes with ≥ x.5 rounding up', async () => {
    // inA so far: 5 (answer, weight 1) on the 16th and 4 (control, weight 2) outside a lesson.
    const res = await teacher.get(`${journal()}/averages?periodId=${w.periodIds[1]}`);
    expect(res.statusCode).toBe(200);
    const a = res.json().items.find((x: { studentId: string }) => x.studentId === w.studentIds.inA);
    expect(a).toEqual({ studentId: w.studentIds.inA, count: 2, plain: 4.5, weighted: 4.33, proposed: '4' });
    await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-23',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
    });
    const page = (await teacher.get(journal())).json();
    const b = page.averages.find((x: { studentId: string }) => x.studentId === w.studentIds.inA);
    expect(b).toMatchObject({ count: 3, plain: 4.67, weighted: 4.5, proposed: '5' });
  });

  it('leaves pass/fail grades out of averages', async () => {
    const res = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA2,
      date: '2026-11-23',
      lessonNumber: 1,
      value: 'pass',
      scale: 'pass_fail',
      workTypeId: answerId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().numeric).toBeNull();
    const items = (await teacher.get(`${journal()}/averages`)).json().items;
    expect(items.find((x: { studentId: string }) => x.studentId === w.studentIds.inA2)).toBeUndefined();
  });
});

describe('attendance', () => {
  it('sets, changes with the right version, refuses a stale version with the current mark, and clears', async () => {
    const url = `${journal()}/attendance`;
    const cell = { studentId: w.studentIds.inA2, date: '2026-11-11', lessonNumber: 2 };
    const set = await teacher.put(url, { ...cell, mark: 'absent', version: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().item).toMatchObject({ mark: 'absent', version: 1, date: '2026-11-11', lessonNumber: 2 });
    const raced = await admin.put(url, { ...cell, mark: 'late', version: 0 });
    expect(raced.statusCode).toBe(409);
    expect(raced.json().error.current).toMatchObject({ mark: 'absent', version: 1 });
    const changed = await teacher.put(url, { ...cell, mark: 'ill', version: 1 });
    expect(changed.json().item).toMatchObject({ mark: 'ill', version: 2 });
    const cleared = await teacher.put(url, { ...cell, mark: null, version: 2 });
    expect(cleared.json()).toEqual({ item: null });
    const bad = await teacher.put(url, { ...cell, mark: 'н', version: 0 });
    expect(bad.statusCode).toBe(400);
    const history = (await teacher.get(`${journal()}/history?entity=attendance&studentId=${w.studentIds.inA2}`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['delete', 'update', 'create']);
  });
});

describe('lesson record', () => {
  it('writes topic and homework, due by default at the next lesson, with optimistic versions', async () => {
    const url = `${journal()}/lessons/2026-11-23/1`;
    const res = await teacher.put(url, { topic: 'Сложение дробей', homework: '№ 245, 246', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    // The next 5А mathematics lesson after Monday the 23rd is Wednesday the 25th.
    expect(res.json()).toMatchObject({ topic: 'Сложение дробей', homework: '№ 245, 246', homeworkDueOn: '2026-11-25', version: 1 });
    const stale = await admin.put(url, { topic: 'Другое', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ topic: 'Сложение дробей', version: 1 });
    const get = await director.get(`${base()}/lessons/${res.json().id}`);
    expect(get.json()).toMatchObject({ topic: 'Сложение дробей', attachments: [] });
  });
});

describe('substitutes', () => {
  it('lets the substitute write exactly the lesson they cover', async () => {
    const change = await admin.post(`${base()}/timetable/changes`, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-11-25',
      lessonNumber: 2,
      substituteTeacherId: w.staffIds.otherTeacher,
    });
    expect(change.statusCode, change.body).toBe(201);
    // A substitute reads the journal only on the day of the substitution (decision 008).
    t.clock.set(new Date('2026-11-25T09:00:00Z'));
    const otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
    const covered = await otherTeacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-25',
      lessonNumber: 2,
      value: '4',
      workTypeId: answerId,
    });
    expect(covered.statusCode, covered.body).toBe(201);
    const other = await otherTeacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-23',
      lessonNumber: 1,
      value: '4',
      workTypeId: answerId,
    });
    expect(other.statusCode).toBe(403);
    const page = (await otherTeacher.get(journal())).json();
    expect(page.canWrite).toBe(false);
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
  });
});

describe('period grades and closing a period', () => {
  it('sets period grades from the scale or н/а, refuses other values, and locks a closed period', async () => {
    const url = `${journal()}/period-grades`;
    const set = await teacher.put(url, { studentId: w.studentIds.inA, kind: 'period', periodId: w.periodIds[0], value: '5', version: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().item).toMatchObject({ kind: 'period', periodId: w.periodIds[0], value: '5', version: 1 });
    const na = await teacher.put(url, { studentId: w.studentIds.inA2, kind: 'year', value: 'na', version: 0 });
    expect(na.json().item.value).toBe('na');
    const bad = await teacher.put(url, { studentId: w.studentIds.inA2, kind: 'final', value: '7', version: 0 });
    expect(bad.statusCode).toBe(422);
    const noPeriod = await teacher.put(url, { studentId: w.studentIds.inA2, kind: 'period', value: '4', version: 0 });
    expect(noPeriod.statusCode).toBe(422);

    // A grade in the first quarter, then the admin closes the quarter.
    const early = (
      await teacher.post(`${journal()}/grades`, {
        studentId: w.studentIds.inA,
        date: '2026-10-05',
        lessonNumber: 1,
        value: '3',
        workTypeId: answerId,
      })
    ).json();
    expect((await teacher.post(`${base()}/periods/${w.periodIds[0]}/close`)).statusCode).toBe(403);
    const closed = await admin.post(`${base()}/periods/${w.periodIds[0]}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closed).toBe(true);
    expect((await admin.post(`${base()}/periods/${w.periodIds[0]}/close`)).statusCode).toBe(409);

    const before = [await count('grades'), await count('journal_history')];
    const locked = await teacher.post(`${journal()}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-10-12',
      lessonNumber: 1,
      value: '4',
      workTypeId: answerId,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/^Период «1 четверть» закрыт/);
    expect((await teacher.patch(`${base()}/grades/${early.id}`, { value: '4', version: 1 })).statusCode).toBe(423);
    expect(
      (
        await teacher.put(`${journal()}/attendance`, {
          studentId: w.studentIds.inA,
          date: '2026-10-12',
          lessonNumber: 1,
          mark: 'absent',
          version: 0,
        })
      ).statusCode,
    ).toBe(423);
    expect(
      (await teacher.put(url, { studentId: w.studentIds.inA, kind: 'period', periodId: w.periodIds[0], value: '4', version: 1 }))
        .statusCode,
    ).toBe(423);
    const adminNoReason = await admin.patch(`${base()}/grades/${early.id}`, { value: '4', version: 1 });
    expect(adminNoReason.statusCode).toBe(423);
    expect(adminNoReason.json().error.message).toBe('Период «1 четверть» закрыт: укажите причину изменения.');
    expect([await count('grades'), await count('journal_history')]).toEqual(before);

    const page = (await teacher.get(`${journal()}?periodId=${w.periodIds[0]}`)).json();
    expect(page.period.closed).toBe(true);
    expect(page.lessons.every((l: { locked: boolean }) => l.locked)).toBe(true);

    const fixed = await admin.patch(`${base()}/grades/${early.id}`, { value: '4', version: 1, reason: 'Ошибка при вводе, приказ № 12' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const history = (await director.get(`${journal()}/history?entityId=${early.id}`)).json().items;
    expect(history[0]).toMatchObject({ action: 'update', reason: 'Ошибка при вводе, приказ № 12', changedBy: w.users.admin.id });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', early.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ closedPeriodReason: 'Ошибка при вводе, приказ № 12' });

    expect((await admin.post(`${base()}/periods/${w.periodIds[0]}/reopen`, {})).statusCode).toBe(422);
    const reopened = await admin.post(`${base()}/periods/${w.periodIds[0]}/reopen`, { reason: 'Пересмотр' });
    expect(reopened.json().closed).toBe(false);
  });
});

describe('timetable changes never orphan journal content', () => {
  it('keeps a lesson with grades in the journal after its weekly entry is gone', async () => {
    const entries = (await admin.get(`${base()}/timetable/entries?curriculumId=${mathB}`)).json().items;
    const graded = await teacher.post(`${journal(mathB)}/grades`, {
      studentId: w.studentIds.inB,
      date: '2026-11-17',
      lessonNumber: 3,
      value: '5',
      workTypeId: answerId,
    });
    expect(graded.statusCode, graded.body).toBe(201);
    expect((await admin.delete(`${base()}/timetable/entries/${entries[0].id}`)).statusCode).toBe(204);
    const page = (await teacher.get(journal(mathB))).json();
    expect(page.lessons).toEqual([
      expect.objectContaining({ date: '2026-11-17', lessonNumber: 3, scheduled: false, id: graded.json().lessonId }),
    ]);
    expect(page.grades).toHaveLength(1);
  });
});
