import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../contract/i18n/index.js';
import { launchBrowser, newContext, type RunningServer, screenshot, signIn, startServer } from './harness.js';
import { apiSignIn } from './journal-fixture.js';

// Issue 17.1: the admin puts a lesson where its teacher already teaches another class; the editor
// names the other class and lesson, and the admin may keep it anyway, on purpose.

let server: RunningServer;
let browser: Browser;

interface Entry {
  curriculumId: string;
  teacherId: string;
  weekday: number;
  lessonNumber: number;
}
interface Item {
  id: string;
  classId: string | null;
  groupId: string | null;
  teacherId: string;
  subjectName: string;
  targetName: string;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function get<T>(path: string, cookie: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** A class, one of its subjects and a free slot of the class in which that subject's teacher teaches elsewhere. */
async function findTeacherClash(): Promise<{
  schoolId: string;
  classId: string;
  item: Item;
  weekday: number;
  lessonNumber: number;
  other: Item;
}> {
  const admin = await apiSignIn(server.url, 'admin');
  const s = `/api/schools/${admin.schoolId}`;
  const entries = (await get<{ items: Entry[] }>(`${s}/timetable/entries`, admin.cookie)).items;
  const all = (await get<{ items: Item[] }>(`${s}/curriculum`, admin.cookie)).items;
  const bells = (await get<{ items: { lessonNumber: number }[] }>(`${s}/bells`, admin.cookie)).items.map((b) => b.lessonNumber);
  const classes = (await get<{ items: { id: string }[] }>(`${s}/classes`, admin.cookie)).items;
  for (const cls of classes) {
    const own = (await get<{ items: Item[] }>(`${s}/curriculum?classId=${cls.id}`, admin.cookie)).items;
    const ownIds = new Set(own.map((i) => i.id));
    const busy = new Set(entries.filter((e) => ownIds.has(e.curriculumId)).map((e) => `${e.weekday}:${e.lessonNumber}`));
    for (const item of own.filter((i) => i.groupId === null)) {
      const elsewhere = entries.find(
        (e) =>
          e.teacherId === item.teacherId &&
          !ownIds.has(e.curriculumId) &&
          e.weekday <= 5 &&
          bells.includes(e.lessonNumber) &&
          !busy.has(`${e.weekday}:${e.lessonNumber}`),
      );
      const other = elsewhere && all.find((i) => i.id === elsewhere.curriculumId);
      if (elsewhere && other) {
        return { schoolId: admin.schoolId, classId: cls.id, item, weekday: elsewhere.weekday, lessonNumber: elsewhere.lessonNumber, other };
      }
    }
  }
  throw new Error('the demo school has no free slot where a teacher is busy elsewhere');
}

describe('a timetable clash in the editor', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`names the other lesson and lets the admin keep the lesson on purpose (${locale})`, async () => {
      const clash = await findTeacherClash();
      const context = await newContext(browser, server.url);
      await context.addCookies([{ name: 'otmetka_lang', value: locale, url: server.url }]);
      const page = await context.newPage();
      try {
        await signIn(page, 'admin');
        await page.goto(`/schools/${clash.schoolId}/timetable?view=edit&classId=${clash.classId}`);
        await page.getByTestId('timetable-editor').waitFor();
        const weekday = translate(locale, `journalWeb.tt.weekday.${clash.weekday}` as Parameters<typeof translate>[1]);
        const slotName = translate(locale, 'journalWeb.tt.edit.slot', { weekday, number: clash.lessonNumber });
        await page.getByRole('button', { name: slotName }).click();
        const form = page.locator('section', { has: page.getByRole('heading', { name: slotName }) });
        await form.getByLabel(translate(locale, 'journalWeb.tt.edit.subject')).selectOption(clash.item.id);
        await form.getByRole('button', { name: translate(locale, 'journalWeb.tt.edit.add') }).click();
        const confirm = page.getByTestId('timetable-confirm-clash');
        await confirm.waitFor();
        const body = (await page.locator('main').textContent()) ?? '';
        expect(body).toContain(clash.other.targetName);
        expect(body).toContain(clash.other.subjectName);
        await screenshot(page, `timetable-clash-${locale}`);
        await confirm.click();
        await page.getByText(translate(locale, 'journalWeb.tt.edit.saved')).waitFor();
        expect(await confirm.count()).toBe(0);
      } catch (error) {
        await screenshot(page, `FAILED-timetable-clash-${locale}`);
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});
