import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingMultipart } from '../../test/counting-stream.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { multipartHeaders } from '../../test/multipart.js';

let t: TestApp;
let w: SchoolWorld;
let teacher: Client;
let otherTeacher: Client;
let parent: Client;
let lessonId: string;

const url = () => `/api/schools/${w.schoolId}/lessons/${lessonId}/attachments`;
const TEN_MB = 10 * 1024 * 1024 - 4096;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  const admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  await admin.post(`/api/schools/${w.schoolId}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  const lesson = await teacher.put(`/api/schools/${w.schoolId}/journals/${w.curriculumIds.mathA}/lessons/2026-11-23/1`, {
    homework: 'См. файл',
    version: 0,
  });
  lessonId = lesson.json().id;
});
afterAll(async () => t.close());

describe('attachment upload decides access before reading the body (issue 12.7)', () => {
  it('answers an outsider’s 10 MB upload without reading the file', async () => {
    for (const client of [otherTeacher, parent]) {
      const body = countingMultipart('big.pdf', TEN_MB, Buffer.from('%PDF-1.4\n'));
      const res = await client.request({ method: 'POST', url: url(), headers: multipartHeaders(), payload: body.stream });
      expect(res.statusCode).toBe(404);
      // The body was produced only as the server read it: it stopped well short of the file.
      expect(body.state.ended).toBe(false);
      expect(body.state.pulled).toBeLessThan(512 * 1024);
      body.stream.destroy();
    }
  });

  it('answers a lesson of another school or that does not exist with 404 before reading', async () => {
    const body = countingMultipart('big.pdf', TEN_MB, Buffer.from('%PDF-1.4\n'));
    const res = await teacher.request({
      method: 'POST',
      url: `/api/schools/${w.schoolId}/lessons/01900000-0000-7000-8000-000000000000/attachments`,
      headers: multipartHeaders(),
      payload: body.stream,
    });
    expect(res.statusCode).toBe(404);
    expect(body.state.pulled).toBeLessThan(512 * 1024);
    body.stream.destroy();
  });

  it('still reads the whole file for the lesson’s teacher', async () => {
    const body = countingMultipart('notes.txt', 200 * 1024);
    const res = await teacher.request({ method: 'POST', url: url(), headers: multipartHeaders(), payload: body.stream });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().size).toBe(200 * 1024);
    expect(body.state.ended).toBe(true);
  });
});
