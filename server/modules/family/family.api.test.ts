import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeParent, makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let director: Client;
let teacher: Client;
let parent: Client;

const base = () => `/api/schools/${w.schoolId}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  await admin.post(`${base()}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
  const types = await teacher.get(`${base()}/work-types`);
  const answerId = types.json().items.find((x: { code: string }) => x.code === 'answer').id;
  const grade = await teacher.post(`${base()}/journals/${w.curriculumIds.mathA}/grades`, {
    studentId: w.studentIds.inA,
    date: '2026-11-23',
    lessonNumber: 1,
    value: '5',
    workTypeId: answerId,
  });
  expect(grade.statusCode, grade.body).toBe(201);
}, 60_000);
afterAll(async () => t.close());

describe('«Кто смотрел данные»: the family sees who read their child (issue 12.13)', () => {
  it("lists the staff who opened the child's card, journal and diary, with their roles, and not the family's own reads", async () => {
    expect((await admin.get(`${base()}/students/${w.studentIds.inA}`)).statusCode).toBe(200);
    expect((await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(200);
    expect((await director.get(`${base()}/students/${w.studentIds.inA}/diary/week?weekOf=2026-11-23`)).statusCode).toBe(200);
    // Another child's card and the parent's own diary read are not in this family's list.
    expect((await admin.get(`${base()}/students/${w.studentIds.inB}`)).statusCode).toBe(200);
    expect((await parent.get(`${base()}/students/${w.studentIds.inA}/diary/week?weekOf=2026-11-23`)).statusCode).toBe(200);

    const res = await parent.get(`${base()}/family/access-log`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{
      view: string;
      actorName: string;
      actorRoles: string[];
      childIds: string[];
      subjectName: string | null;
    }>;
    const seen = items.map((i) => [i.view, i.actorRoles.join(','), i.childIds.join(','), i.subjectName]);
    expect(seen).toContainEqual(['card', 'school_admin', w.studentIds.inA, null]);
    expect(seen).toContainEqual(['journal', 'teacher', w.studentIds.inA, 'Математика']);
    expect(seen).toContainEqual(['diary', 'director', w.studentIds.inA, null]);
    expect(items.every((i) => i.childIds.every((id) => id === w.studentIds.inA))).toBe(true);
    expect(items.every((i) => i.actorRoles.length > 0)).toBe(true);
    expect(items.find((i) => i.view === 'card')?.actorName).toBeTruthy();
  });

  it('is only for a parent: 403 for staff and students of the school, 404 outside it, 401 signed out', async () => {
    expect((await teacher.get(`${base()}/family/access-log`)).statusCode).toBe(403);
    expect((await director.post(`${base()}/family/export`, { format: 'json' })).statusCode).toBe(403);
    const student = await t.signIn(w.users.student.login, TEST_PASSWORD);
    expect((await student.get(`${base()}/family/access-log`)).statusCode).toBe(403);
    const elsewhere = await makeSchoolWorld(t.deps.db);
    expect((await parent.get(`/api/schools/${elsewhere.schoolId}/family/access-log`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`${base()}/family/access-log`)).statusCode).toBe(401);
  });

  it('shows nothing of a child whose consent the parent does not hold (R6.5)', async () => {
    const other = await makeParent(t.deps.db, w.schoolId, [w.studentIds.inA2], { consent: false });
    const client = await t.signIn(other.user.login, TEST_PASSWORD);
    expect((await admin.get(`${base()}/students/${w.studentIds.inA2}`)).statusCode).toBe(200);
    const res = await client.get(`${base()}/family/access-log`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    const file = await client.post(`${base()}/family/export`, { format: 'json' });
    expect(file.json().people.children).toEqual([]);
  });
});

describe("the family's export (152-FZ art. 14, issue 12.13)", () => {
  it('gives everything held about the family as a JSON file, by POST, and audits it', async () => {
    const res = await parent.post(`${base()}/family/export`, { format: 'json' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="otmetka-family-2026-11-23\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.account).toMatchObject({ login: w.users.parent.login });
    expect(data.people.parentRecords.map((p: { id: string }) => p.id)).toEqual([w.parentId]);
    expect(data.people.children.map((c: { id: string }) => c.id)).toEqual([w.studentIds.inA]);
    expect(data.people.kinship).toHaveLength(1);
    expect(data.service.consents.length).toBeGreaterThan(0);
    expect(data.journal.grades).toContainEqual(expect.objectContaining({ studentId: w.studentIds.inA, value: '5', subject: 'Математика' }));
    expect(data.accessLog.length).toBeGreaterThan(0);
    expect(data.signIns.some((s: { event: string }) => s.event === 'login')).toBe(true);
    // The system's secrets and bookkeeping are not the family's data.
    expect(res.body).not.toMatch(/password_?hash|passwordHash|searchText|search_text/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity', '=', 'family')
      .where('actor_user_id', '=', w.users.parent.id)
      .execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.details).format])).toContainEqual(['export', 'json']);
  });

  it('gives the same as a readable PDF', async () => {
    const res = await parent.post(`${base()}/family/export`, { format: 'pdf' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="otmetka-family-2026-11-23.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(5000);
  });

  it('refuses another format and a GET', async () => {
    expect((await parent.post(`${base()}/family/export`, { format: 'xml' })).statusCode).toBe(400);
    expect((await parent.get(`${base()}/family/export`)).statusCode).toBe(404);
  });
});
