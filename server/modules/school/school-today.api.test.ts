import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/*
 * «Today at the school» is the school's calendar day (issue 11 item 6). At 23:30 UTC it is already
 * 09:30 of the next day in Vladivostok (UTC+10): the journal and the timetable must open on that
 * day, not on UTC's.
 */

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;

const base = () => `/api/schools/${w.schoolId}`;

beforeAll(async () => {
  t = await createTestApp(new Date('2026-11-04T23:30:00Z'));
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
});
afterAll(async () => t.close());

describe('a school in Asia/Vladivostok with the clock at 23:30 UTC', () => {
  it('follows a change of the school’s zone at once', async () => {
    // Read once in London (still 04.11 there, the autumn break: the first quarter is the nearest), so
    // this node keeps the old zone; the change must not wait for the kept copy to expire.
    await t.deps.db.updateTable('schools').set({ timezone: 'Europe/London' }).where('id', '=', w.schoolId).execute();
    const before = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}`)).json();
    expect(before.period.id).toBe(w.periodIds[0]);
    const res = await admin.patch(base(), { timezone: 'Asia/Vladivostok' });
    expect(res.statusCode).toBe(200);
    expect(res.json().timezone).toBe('Asia/Vladivostok');
  });

  it('opens the journal on the period that starts today there (UTC is still in the break before it)', async () => {
    t.clock.set(new Date('2026-11-04T23:30:00Z')); // Thursday 05.11, 09:30 in Vladivostok
    const page = (await teacher.get(`${base()}/journals/${w.curriculumIds.mathA}`)).json();
    expect(page.period.id).toBe(w.periodIds[1]);
    expect(page.period.startsOn).toBe('2026-11-05');
  });

  it('opens the timetable on this week on a Monday morning (UTC is still on Sunday)', async () => {
    t.clock.set(new Date('2026-11-08T23:30:00Z')); // Monday 09.11, 09:30 in Vladivostok
    teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD); // four days on: a new session
    const byClass = (await teacher.get(`${base()}/timetable/classes/${w.classIds.a}/week`)).json();
    expect(byClass.weekStart).toBe('2026-11-09');
    const byTeacher = (await teacher.get(`${base()}/timetable/teachers/${w.staffIds.teacher}/week`)).json();
    expect(byTeacher.weekStart).toBe('2026-11-09');
  });

  it('tells the browser the school’s zone, so its grid cursor takes the school’s day too', async () => {
    const me = (await teacher.get('/api/auth/me')).json();
    expect(me.schools[0].timezone).toBe('Asia/Vladivostok');
  });
});
