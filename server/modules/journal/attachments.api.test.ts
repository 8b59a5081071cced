import fs from 'node:fs';
import path from 'node:path';
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
let lessonId: string;

const url = () => `/api/schools/${w.schoolId}/lessons/${lessonId}/attachments`;
const upload = (client: Client, name: string, content: Buffer | string) =>
  client.request({ method: 'POST', url: url(), headers: multipartHeaders(), payload: multipartFile(name, content) });
const attachmentCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('lesson_attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('lesson_id', '=', lessonId)
        .executeTakeFirstOrThrow()
    ).n,
  );

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

describe('homework attachments', () => {
  it('stores an allowed file under the data folder and serves it to those who see the lesson', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 32)]);
    const res = await upload(teacher, 'Задание ../../x.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'x.pdf', contentType: 'application/pdf', size: pdf.length });
    const row = await t.deps.db.selectFrom('lesson_attachments').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.storage_path).toBe(path.join('attachments', w.schoolId, lessonId, row.id));
    expect(fs.existsSync(path.join(t.deps.config.dataDir, row.storage_path))).toBe(true);
    const download = await teacher.get(`${url()}/${row.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await otherTeacher.get(`${url()}/${row.id}`)).statusCode).toBe(404);
    expect((await parent.get(`${url()}/${row.id}`)).statusCode).toBe(404);
    const lesson = (await teacher.get(`/api/schools/${w.schoolId}/lessons/${lessonId}`)).json();
    expect(lesson.attachments).toHaveLength(1);
  });

  it('refuses a file over 10 MB and a forbidden or disguised type, writing nothing', async () => {
    const before = await attachmentCount();
    const big = await upload(teacher, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('Файл больше 10 МБ.');
    const exe = await upload(teacher, 'virus.exe', 'MZ....');
    expect(exe.statusCode).toBe(415);
    const disguised = await upload(teacher, 'fake.pdf', 'MZ not a pdf');
    expect(disguised.statusCode).toBe(415);
    const none = await teacher.post(url(), { file: 'x' });
    expect(none.statusCode).toBe(422);
    expect((await upload(otherTeacher, 'a.txt', 'hello')).statusCode).toBe(404);
    expect(await attachmentCount()).toBe(before);
  });

  it('deletes an attachment and its file', async () => {
    const res = await upload(teacher, 'notes.txt', 'Решить № 245');
    expect(res.statusCode).toBe(201);
    const row = await t.deps.db.selectFrom('lesson_attachments').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect((await teacher.delete(`${url()}/${row.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(t.deps.config.dataDir, row.storage_path))).toBe(false);
    expect((await teacher.get(`${url()}/${newId()}`)).statusCode).toBe(404);
  });
});
