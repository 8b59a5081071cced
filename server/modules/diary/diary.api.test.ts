import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiaryGrades, DiaryWeek } from '../../../contract/schemas/diary.js';
import { newId } from '../../lib/ids.js';
import { makeParent, makeSchoolWorld, makeStudent, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Clock: Monday 2026-11-23, second quarter. 5А has mathematics on Monday (1st and 2nd lesson) and
// Wednesday (3rd); the English group (5А pupil inA2 only) on Monday 3rd.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;
let otherTeacher: Client;
let director: Client;
let parent: Client;
let student: Client;
let otherParent: Client;
let answerId: string;
let controlId: string;

const base = () => `/api/schools/${w.schoolId}`;
const diary = (studentId = w.studentIds.inA) => `${base()}/students/${studentId}/diary`;
const week = async (client: Client, weekOf = '2026-11-23', studentId = w.studentIds.inA) => {
  const res = await client.get(`${diary(studentId)}/week?weekOf=${weekOf}`);
  expect(res.statusCode, res.body).toBe(200);
  return { res, body: res.json() as DiaryWeek };
};
const day = (wk: DiaryWeek, date: string) => wk.days.find((d) => d.date === date) as DiaryWeek['days'][number];

async function grade(date: string, lessonNumber: number, value: string, workTypeId = answerId, studentId = w.studentIds.inA) {
  const res = await teacher.post(`${base()}/journals/${w.curriculumIds.mathA}/grades`, {
    studentId,
    date,
    lessonNumber,
    value,
    workTypeId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  const db = t.deps.db;
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await db
      .insertInto('bells')
      .values({
        id: newId(),
        school_id: w.schoolId,
        lesson_number: n,
        starts_at: `${String(7 + n).padStart(2, '0')}:00`,
        ends_at: `${String(7 + n).padStart(2, '0')}:45`,
      })
      .execute();
  }
  await db
    .insertInto('holidays')
    .values({
      id: newId(),
      school_id: w.schoolId,
      year_id: w.yearId,
      kind: 'day_off',
      name: 'День матери',
      starts_on: '2026-11-28',
      ends_on: '2026-11-28',
    })
    .execute();
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  student = await t.signIn(w.users.student.login, TEST_PASSWORD);
  const other = await makeParent(db, w.schoolId, [w.studentIds.inB]);
  otherParent = await t.signIn(other.user.login, TEST_PASSWORD);

  for (const [curriculumId, weekday, lessonNumber, room] of [
    [w.curriculumIds.mathA, 1, 1, '12'],
    [w.curriculumIds.mathA, 1, 2, '12'],
    [w.curriculumIds.mathA, 3, 3, '14'],
    [w.curriculumIds.englishGroup, 1, 3, '20'],
  ] as const) {
    const res = await admin.post(`${base()}/timetable/entries`, { curriculumId, weekday, lessonNumber, room });
    expect(res.statusCode, res.body).toBe(201);
  }
  const types = ((await admin.get(`${base()}/work-types`)).json() as { items: Array<{ id: string; code: string | null }> }).items;
  answerId = (types.find((x) => x.code === 'answer') as { id: string }).id;
  controlId = (types.find((x) => x.code === 'control') as { id: string }).id;
}, 60_000);
afterAll(async () => t.close());

describe('week view (R5.1)', () => {
  it('shows lessons with bells, teacher, room, topic, homework, grades, marks, changes, holidays and due homework', async () => {
    const put = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/lessons/2026-11-23/1`, {
      topic: 'Дроби',
      homework: '№ 12, 13',
      homeworkDueOn: '2026-11-25',
      version: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    await grade('2026-11-23', 1, '5');
    const att = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/attendance`, {
      studentId: w.studentIds.inA,
      date: '2026-11-23',
      lessonNumber: 2,
      mark: 'late',
      version: 0,
    });
    expect(att.statusCode, att.body).toBe(200);
    // Wednesday's lesson is taken by a substitute in another room.
    const change = await admin.post(`${base()}/timetable/changes`, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-11-25',
      lessonNumber: 3,
      substituteTeacherId: w.staffIds.classTeacher,
      room: '31',
      note: 'замена',
    });
    expect(change.statusCode, change.body).toBe(201);

    const { body } = await week(parent, '2026-11-26');
    expect(body.weekStart).toBe('2026-11-23');
    expect(body.weekEnd).toBe('2026-11-28');
    expect(body.previousWeek).toBe('2026-11-16');
    expect(body.nextWeek).toBe('2026-11-30');
    expect(body.student.className).toBe('5А');
    expect(body.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);

    const monday = day(body, '2026-11-23');
    // inA is not in the English group: only the two mathematics lessons.
    expect(monday.lessons.map((l) => [l.lessonNumber, l.subjectName, l.startsAt, l.endsAt, l.room])).toEqual([
      [1, 'Математика', '08:00', '08:45', '12'],
      [2, 'Математика', '09:00', '09:45', '12'],
    ]);
    const first = monday.lessons[0] as DiaryWeek['days'][number]['lessons'][number];
    expect(first.teacherName).toBe('Иванова М. П.');
    expect(first.topic).toBe('Дроби');
    expect(first.homework).toEqual({ text: '№ 12, 13', dueOn: '2026-11-25', attachments: [] });
    expect(first.grades.map((g) => [g.value, g.weight > 0, g.workTypeName.length > 0, g.isNew])).toEqual([['5', true, true, false]]);
    expect(first.change).toBeNull();
    expect(monday.lessons[1]?.attendance?.mark).toBe('late');

    const wednesday = day(body, '2026-11-25');
    expect(wednesday.homeworkDue).toEqual([{ subjectName: 'Математика', text: '№ 12, 13', setOn: '2026-11-23' }]);
    const sub = wednesday.lessons[0] as DiaryWeek['days'][number]['lessons'][number];
    expect(sub.room).toBe('31');
    expect(sub.change).toMatchObject({ cancelled: false, substitute: true, room: '31', note: 'замена' });

    expect(day(body, '2026-11-28').holiday).toBe('День матери');
    expect(day(body, '2026-11-24').holiday).toBeNull();
  });

  it('marks cancelled and moved lessons', async () => {
    const cancel = await admin.post(`${base()}/timetable/changes`, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-11-30',
      lessonNumber: 1,
      cancelled: true,
    });
    expect(cancel.statusCode, cancel.body).toBe(201);
    const move = await admin.post(`${base()}/timetable/changes`, {
      curriculumId: w.curriculumIds.mathA,
      date: '2026-11-30',
      lessonNumber: 2,
      movedToDate: '2026-12-01',
      movedToLessonNumber: 4,
    });
    expect(move.statusCode, move.body).toBe(201);
    const { body } = await week(parent, '2026-11-30');
    const monday = day(body, '2026-11-30');
    expect(monday.lessons.map((l) => [l.lessonNumber, l.change?.cancelled, l.change?.movedTo])).toEqual([
      [1, true, null],
      [2, true, { date: '2026-12-01', lessonNumber: 4 }],
    ]);
    const tuesday = day(body, '2026-12-01');
    expect(tuesday.lessons.map((l) => [l.lessonNumber, l.startsAt, l.change?.movedFrom])).toEqual([
      [4, '11:00', { date: '2026-11-30', lessonNumber: 2 }],
    ]);
  });

  it('answers a date outside the week with that whole week and rejects an impossible date', async () => {
    expect((await week(student, '2026-11-28')).body.weekStart).toBe('2026-11-23');
    expect((await parent.get(`${diary()}/week?weekOf=2026-02-30`)).statusCode).toBe(400);
  });
});

describe('ETag and invalidation', () => {
  it('answers 304 while nothing changed and a fresh week right after a grade is written', async () => {
    const first = await week(parent, '2026-11-16');
    const etag = first.res.headers.etag as string;
    expect(etag).toMatch(/^"d1-2026-11-16-/);
    expect(first.res.headers['cache-control']).toBe('private, no-cache');
    const again = await parent.get(`${diary()}/week?weekOf=2026-11-16`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    // Another viewer with the same data gets the same tag (it is made of stamps, not of the node).
    expect((await week(student, '2026-11-16')).res.headers.etag).toBe(etag);

    await grade('2026-11-16', 1, '3');
    const after = await parent.get(`${diary()}/week?weekOf=2026-11-16`, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const monday = day(after.json() as DiaryWeek, '2026-11-16');
    expect(monday.lessons[0]?.grades.map((g) => g.value)).toEqual(['3']);
    // Other weeks keep their tags: the stamp is per student and week.
    const other = await week(parent, '2026-11-23');
    expect((await parent.get(`${diary()}/week?weekOf=2026-11-23`, { 'if-none-match': other.res.headers.etag as string })).statusCode).toBe(
      304,
    );
  });

  it('sends the same week gzip-compressed to a browser that accepts it, with a weak ETag that revalidates', async () => {
    const plain = await parent.get(`${diary()}/week?weekOf=2026-11-16`);
    const zipped = await parent.get(`${diary()}/week?weekOf=2026-11-16`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`);
    const again = await parent.get(`${diary()}/week?weekOf=2026-11-16`, {
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
    const refused = await parent.get(`${diary()}/week?weekOf=2026-11-16`, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toEqual(plain.json());
  });

  it('sees a new bell time and a renamed subject in a prepared week (school-wide reference data)', async () => {
    const before = await week(parent, '2026-11-30');
    const monday = day(before.body, '2026-11-30');
    expect(monday.lessons[0]?.startsAt).toBe('08:00');
    const bells = (await admin.get(`${base()}/bells`)).json() as { items: Array<{ id: string; lessonNumber: number }> };
    const first = bells.items.find((b) => b.lessonNumber === 1);
    expect((await admin.patch(`${base()}/bells/${first?.id}`, { startsAt: '08:05' })).statusCode).toBe(200);
    const afterBell = await parent.get(`${diary()}/week?weekOf=2026-11-30`, { 'if-none-match': before.res.headers.etag as string });
    expect(afterBell.statusCode).toBe(200);
    expect(day(afterBell.json() as DiaryWeek, '2026-11-30').lessons[0]?.startsAt).toBe('08:05');

    const renamed = await admin.patch(`${base()}/subjects/${w.subjectIds.math}`, { name: 'Математика (углублённая)' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const afterName = await parent.get(`${diary()}/week?weekOf=2026-11-30`, { 'if-none-match': afterBell.headers.etag as string });
    expect(afterName.statusCode).toBe(200);
    expect(day(afterName.json() as DiaryWeek, '2026-11-30').lessons.map((l) => l.subjectName)).toContain('Математика (углублённая)');
    // Put the reference data back for the other tests.
    await admin.patch(`${base()}/bells/${first?.id}`, { startsAt: '08:00' });
    await admin.patch(`${base()}/subjects/${w.subjectIds.math}`, { name: 'Математика' });
  });

  it('sees lesson topics, timetable changes and grade edits/deletions at once', async () => {
    const before = await week(parent, '2026-12-07');
    const tag = before.res.headers.etag as string;
    const put = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/lessons/2026-12-07/1`, { topic: 'Проценты', version: 0 });
    expect(put.statusCode, put.body).toBe(200);
    const withTopic = await parent.get(`${diary()}/week?weekOf=2026-12-07`, { 'if-none-match': tag });
    expect(withTopic.statusCode).toBe(200);
    expect(day(withTopic.json() as DiaryWeek, '2026-12-07').lessons[0]?.topic).toBe('Проценты');

    const g = await grade('2026-12-07', 1, '4');
    const edit = await teacher.patch(`${base()}/grades/${g.id}`, { value: '5', version: g.version });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(day((await week(parent, '2026-12-07')).body, '2026-12-07').lessons[0]?.grades.map((x) => x.value)).toEqual(['5']);
    const del = await teacher.delete(`${base()}/grades/${g.id}?version=2`);
    expect(del.statusCode, del.body).toBe(204);
    expect(day((await week(parent, '2026-12-07')).body, '2026-12-07').lessons[0]?.grades).toEqual([]);

    const entry = await admin.post(`${base()}/timetable/entries`, {
      curriculumId: w.curriculumIds.mathA,
      weekday: 5,
      lessonNumber: 5,
      room: '7',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    expect(day((await week(parent, '2026-12-07')).body, '2026-12-11').lessons.map((l) => l.lessonNumber)).toEqual([5]);
    const removed = await admin.delete(`${base()}/timetable/entries/${(entry.json() as { id: string }).id}`);
    expect(removed.statusCode).toBe(204);
    expect(day((await week(parent, '2026-12-07')).body, '2026-12-11').lessons).toEqual([]);
  });
});

describe('what changed', () => {
  it('marks grades and marks entered after the viewer last saw the diary, per viewer', async () => {
    const seen = await parent.post(`${diary()}/seen`);
    expect(seen.statusCode, seen.body).toBe(200);
    const lastSeenAt = (seen.json() as { lastSeenAt: string }).lastSeenAt;
    t.clock.advanceMs(60_000);
    await grade('2026-11-23', 2, '4', controlId);
    // The student asks first: the parent's answer is made from the week prepared for them.
    await week(student);
    const { body } = await week(parent);
    expect(body.lastSeenAt).toBe(lastSeenAt);
    const monday = day(body, '2026-11-23');
    expect(monday.lessons[0]?.grades.map((g) => [g.value, g.isNew])).toEqual([['5', false]]);
    expect(monday.lessons[1]?.grades.map((g) => [g.value, g.isNew, g.isControl])).toEqual([['4', true, true]]);
    expect(monday.lessons[1]?.attendance?.isNew).toBe(false);
    // The student has never marked it seen: nothing is "new" for them.
    const own = await week(student);
    expect(day(own.body, '2026-11-23').lessons[1]?.grades[0]?.isNew).toBe(false);
    const grades = (await parent.get(`${diary()}/grades`)).json() as DiaryGrades;
    expect(grades.overview.newCount).toBe(1);
    t.clock.advanceMs(60_000);
    await parent.post(`${diary()}/seen`);
    expect(day((await week(parent)).body, '2026-11-23').lessons[1]?.grades[0]?.isNew).toBe(false);
  });
});

describe('period view (R5.2)', () => {
  it('lists grades by subject in date order with plain and weighted averages, period grades and attendance', async () => {
    const fresh = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: 'Орлов' });
    const family = await makeParent(t.deps.db, w.schoolId, [fresh.id]);
    const client = await t.signIn(family.user.login, TEST_PASSWORD);
    await grade('2026-11-16', 2, '5', controlId, fresh.id);
    await grade('2026-11-09', 1, '3', answerId, fresh.id);
    const absent = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/attendance`, {
      studentId: fresh.id,
      date: '2026-11-18',
      lessonNumber: 3,
      mark: 'ill',
      version: 0,
    });
    expect(absent.statusCode, absent.body).toBe(200);
    const pg = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/period-grades`, {
      studentId: fresh.id,
      kind: 'period',
      periodId: w.periodIds[1],
      value: '4',
      version: 0,
    });
    expect(pg.statusCode, pg.body).toBe(200);

    const res = await client.get(`${diary(fresh.id)}/grades`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as DiaryGrades;
    expect(body.period.id).toBe(w.periodIds[1]);
    expect(body.periods).toHaveLength(4);
    const math = body.subjects.find((s) => s.subjectName === 'Математика') as DiaryGrades['subjects'][number];
    expect(math.grades.map((g) => [g.date, g.value])).toEqual([
      ['2026-11-09', '3'],
      ['2026-11-16', '5'],
    ]);
    expect(math.average).toBe(4);
    const weights = math.grades.map((g) => g.weight);
    const expected =
      Math.round(((3 * (weights[0] as number) + 5 * (weights[1] as number)) / ((weights[0] as number) + (weights[1] as number))) * 100) /
      100;
    expect(math.weightedAverage).toBe(expected);
    expect(math.weightedAverage).toBeGreaterThan(4);
    expect(math.periodGrade).toBe('4');
    expect(math.yearGrade).toBeNull();
    expect(math.missed).toBe(1);
    expect(body.attendance).toMatchObject({ periodId: w.periodIds[1], missed: 1, ill: 1, excused: 0, unexcused: 0, late: 0 });
    expect(body.overview.gradeCount).toBe(2);

    const first = await client.get(`${diary(fresh.id)}/grades?periodId=${w.periodIds[0]}`);
    expect((first.json() as DiaryGrades).subjects.every((s) => s.grades.length === 0)).toBe(true);
    expect((await client.get(`${diary(fresh.id)}/grades?periodId=${newId()}`)).statusCode).toBe(404);
  });
});

describe('access (R5.3)', () => {
  it('gives another family the same 404 as a student that does not exist, and nothing in the body differs', async () => {
    const foreign = await otherParent.get(`${diary()}/week`);
    const missing = await otherParent.get(`${diary(newId())}/week`);
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await parent.get(`${diary(newId())}/week`)).body).toBe(foreign.body);
    expect((await otherParent.get(`${diary()}/grades`)).statusCode).toBe(404);
    // A student sees only themself.
    expect((await student.get(`${diary(w.studentIds.inA2)}/week`)).statusCode).toBe(404);
    // A teacher who does not teach the student; an admin asking for a student that does not exist.
    expect((await otherTeacher.get(`${diary()}/week`)).statusCode).toBe(404);
    expect((await admin.get(`${diary(newId())}/week`)).statusCode).toBe(404);
  });

  it('audits staff reads but not the family’s own', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity', '=', 'diary')
            .where('entity_id', '=', w.studentIds.inA)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const start = await count();
    await week(parent);
    await week(student);
    expect(await count()).toBe(start);
    await week(director);
    await week(teacher);
    expect(await count()).toBe(start + 2);
  });

  it('hides the child the moment the family’s consent is withdrawn, even with a prepared week', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: 'Зайцев' });
    const family = await makeParent(t.deps.db, w.schoolId, [child.id]);
    const client = await t.signIn(family.user.login, TEST_PASSWORD);
    await week(client, '2026-11-23', child.id);
    await t.deps.db
      .updateTable('service_consents')
      .set({ withdrawn_on: '2026-11-23', withdrawn_at: t.clock.now().toISOString(), withdrawn_by: 'system' })
      .where('student_id', '=', child.id)
      .execute();
    expect((await client.get(`${diary(child.id)}/week?weekOf=2026-11-23`)).statusCode).toBe(404);
    expect((await client.get(`${diary(child.id)}/grades`)).statusCode).toBe(404);
  });

  it('checks the family on every read of a prepared week: another family, a removed link, a child who left', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: 'Лисицын', withAccount: true });
    const family = await makeParent(t.deps.db, w.schoolId, [child.id]);
    const parentClient = await t.signIn(family.user.login, TEST_PASSWORD);
    const childClient = await t.signIn(child.user?.login as string, TEST_PASSWORD);
    const path = `${diary(child.id)}/week?weekOf=2026-11-23`;
    const first = await parentClient.get(path);
    expect(first.statusCode).toBe(200);
    expect((await childClient.get(path)).statusCode).toBe(200);
    // The week is prepared now; a family that is not this child's, even with the right ETag, gets 404.
    const foreign = await otherParent.get(path, { 'if-none-match': first.headers.etag as string });
    expect(foreign.statusCode).toBe(404);

    await t.deps.db.deleteFrom('student_parents').where('student_id', '=', child.id).where('parent_id', '=', family.id).execute();
    expect((await parentClient.get(path, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(404);
    expect((await childClient.get(path)).statusCode).toBe(200);

    // Leaving the school ends the consent (Приложение 2: «до выбытия ребёнка»).
    await t.deps.db
      .insertInto('student_movements')
      .values({
        id: newId(),
        school_id: w.schoolId,
        student_id: child.id,
        kind: 'leave',
        on_date: '2026-11-23',
        class_id: null,
        group_id: null,
        order_number: '9-у',
        order_date: '2026-11-23',
        reason: 'переезд',
        created_by: 'system',
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    expect((await childClient.get(path)).statusCode).toBe(404);
  });
});

describe('session cache of the week route', () => {
  it('stops serving a session the moment it is logged out, even while the actor is cached', async () => {
    const client = await t.signIn(w.users.parent.login, TEST_PASSWORD);
    await week(client);
    await week(client);
    const out = await client.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await client.get(`${diary()}/week?weekOf=2026-11-23`)).statusCode).toBe(401);
    expect((await t.anonymous.get(`${diary()}/week?weekOf=2026-11-23`)).statusCode).toBe(401);
  });
});

describe('iCalendar feed (R10.2)', () => {
  it('serves valid iCalendar text for the private URL, rotates and revokes it', async () => {
    const created = await parent.post(`${diary()}/calendar-feed`);
    expect(created.statusCode, created.body).toBe(201);
    const { path } = created.json() as { path: string };
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const stored = await t.deps.db
      .selectFrom('diary_calendar_feeds')
      .select('token_hash')
      .where('user_id', '=', w.users.parent.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(path).not.toContain(stored[0]?.token_hash);

    const res = await t.anonymous.get(path);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = res.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('TZID:Europe/Kaliningrad');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Kaliningrad:20261123T080000');
    expect(unfolded).toContain('SUMMARY:Математика');
    expect(unfolded).toContain('LOCATION:12');
    // The feed carries what the web's day card shows (issue 18.5): the due date, the changes, the note.
    expect(unfolded).toContain('DESCRIPTION:Тема: Дроби\\nДомашнее задание (к 25.11): № 12\\, 13\\nУчитель: Иванова М. П.');
    expect(unfolded).toContain('DESCRIPTION:Замена учителя\\nКабинет изменён: 31\\nПримечание: замена');
    expect(unfolded).toContain('LOCATION:31');
    // A moved lesson stays in its old slot, cancelled, saying where it went; the new slot says whence.
    expect(unfolded).toContain('SUMMARY:Математика (Перенесён на 01.12\\, 4-й урок)');
    expect(unfolded).toContain('Перенесён с 30.11\\, 2-й урок');
    expect(unfolded).toContain('STATUS:CANCELLED');
    expect(unfolded.match(/BEGIN:VEVENT/g)?.length).toBe(unfolded.match(/END:VEVENT/g)?.length);

    const rotated = (await parent.post(`${diary()}/calendar-feed`)).json() as { path: string };
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
    expect((await t.anonymous.get(rotated.path)).statusCode).toBe(200);
    expect((await parent.delete(`${diary()}/calendar-feed`)).statusCode).toBe(204);
    expect((await t.anonymous.get(rotated.path)).statusCode).toBe(404);
    expect((await parent.delete(`${diary()}/calendar-feed`)).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/calendar/not-a-token.ics')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/calendar/..%2Fetc.ics')).statusCode).toBe(400);
    expect((await otherParent.post(`${diary()}/calendar-feed`)).statusCode).toBe(404);
  });
});
