import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingMultipart } from '../../test/counting-stream.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';

let t: TestApp;
let w: SchoolWorld;
let teacher: Client;
let otherTeacher: Client;
let parent: Client;

const importUrl = () => `/api/schools/${w.schoolId}/thematic-plans/${w.curriculumIds.mathA}/import?dryRun=true`;
const upload = (client: Client, fileName: string, content: Buffer, lang?: string) =>
  client.request({
    method: 'POST',
    url: importUrl(),
    headers: { ...multipartHeaders(), ...(lang ? { 'accept-language': lang } : {}) },
    payload: multipartFile(fileName, content),
  });

async function planXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('КТП');
  sheet.addRow(['№', 'Тема', 'Часы', 'Домашнее задание']);
  sheet.addRow([1, 'Натуральные числа', 1, '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A real plan plus one entry of `unpacked` zero bytes, which deflates to a few kilobytes. */
async function bomb(unpacked: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await planXlsx());
  zip.file('xl/media/filler.bin', Buffer.alloc(unpacked));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same bomb, but its headers claim the entry unpacks to 100 bytes. */
async function lyingBomb(unpacked: number): Promise<Buffer> {
  const data = await bomb(unpacked);
  const name = Buffer.from('xl/media/filler.bin');
  for (let i = data.indexOf(name); i >= 0; i = data.indexOf(name, i + 1)) {
    if (data.readUInt32LE(i - 30) === 0x04034b50) data.writeUInt32LE(100, i - 30 + 22);
    if (data.readUInt32LE(i - 46) === 0x02014b50) data.writeUInt32LE(100, i - 46 + 24);
  }
  return data;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  otherTeacher = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
}, 60_000);
afterAll(async () => t.close());

describe('thematic plan upload (issue 12.7)', () => {
  it('reads a small honest XLSX', async () => {
    const res = await upload(teacher, 'ktp.xlsx', await planXlsx());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('refuses an XLSX that unpacks to more than the cap, in the user’s language', async () => {
    const file = await bomb(64 * 1024 * 1024);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const ru = await upload(teacher, 'ktp.xlsx', file);
    expect(ru.statusCode).toBe(422);
    expect(ru.json().error.message).toMatch(/распаков/i);
    const en = await upload(teacher, 'ktp.xlsx', file, 'en');
    expect(en.statusCode).toBe(422);
    expect(en.json().error.message).toMatch(/unpack/i);
  });

  it('refuses a bomb whose headers lie about the unpacked size', async () => {
    const res = await upload(teacher, 'ktp.xlsx', await lyingBomb(64 * 1024 * 1024));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/распаков/i);
  });

  it('answers an outsider before reading the file', async () => {
    // Neither the teacher of another class nor a parent sees this journal: 404, as for what does not exist.
    for (const [client, status] of [
      [otherTeacher, 404],
      [parent, 404],
    ] as const) {
      const body = countingMultipart('ktp.xlsx', 2 * 1024 * 1024 - 4096, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      const res = await client.request({ method: 'POST', url: importUrl(), headers: multipartHeaders(), payload: body.stream });
      expect(res.statusCode).toBe(status);
      expect(body.state.ended).toBe(false);
      expect(body.state.pulled).toBeLessThan(512 * 1024);
      body.stream.destroy();
    }
  });
});
