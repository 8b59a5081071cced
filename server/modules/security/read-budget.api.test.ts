import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12.12 (R7.2, decision 013): a read budget per user on personal-data routes, counted in
// records served, refused with 429 and a human message past it, with an alert to the director for
// a staff account; counted atomically across two app nodes.

let t: TestApp;
let w: SchoolWorld;
let director: Client;

const api = (path: string) => `/api/schools/${w.schoolId}${path}`;

beforeAll(async () => {
  t = await createTestApp(new Date('2026-11-23T09:00:00Z'), { READ_BUDGET_PER_HOUR: '6', READ_BUDGET_PER_DAY: '10' });
  w = await makeSchoolWorld(t.deps.db);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
});

afterAll(async () => {
  await t.close();
});

describe('read budget', () => {
  it('counts cards and list rows, refuses past the hour’s budget with 429, and alerts the director once', async () => {
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
    const secretary = await t.signIn(w.users.secretary.login, TEST_PASSWORD);
    // A list of the school's three students is three records.
    const list = await secretary.get(api('/students'));
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect((await secretary.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(200);

    const refused = await secretary.get(api(`/students/${w.studentIds.inA}`));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('read_budget_exceeded');
    expect(refused.json().error.message).toContain('7 при норме 6');
    expect(refused.json().error.message).toContain('через 1 ч.');
    expect(refused.json().error.message).not.toContain(w.studentIds.inA);
    expect(refused.headers['retry-after']).toBe('3600');
    const en = await secretary.get(api(`/parents/${w.parentId}`), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(429);
    expect(en.json().error.message).toContain('too many records of personal data in one hour');
    // Other routes still work: only personal data is budgeted.
    expect((await secretary.get('/api/auth/me')).statusCode).toBe(200);

    const alerts = await director.get(api('/security/read-alerts'));
    expect(alerts.statusCode, alerts.body).toBe(200);
    const mine = alerts.json().items.filter((a: { userId: string }) => a.userId === w.users.secretary.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ window: 'hour', reads: 7, budget: 6, windowStart: '2026-11-23T09:00:00.000Z' });
    expect(alerts.json().budget).toEqual({ perHour: 6, perDay: 10 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('entity', '=', 'read_budget_alert')
      .where('school_id', '=', w.schoolId)
      .execute();
    expect(audit.filter((a) => a.actor_user_id === w.users.secretary.id)).toHaveLength(1);
    // A teacher may not read the alerts.
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(api('/security/read-alerts'))).statusCode).toBe(403);

    // The next hour opens the hourly window; the day's budget (10: six read so far, the two refused
    // tries counted in the hour that refused them) then stops the eleventh record.
    // (Sessions idle for an hour end: both sign in again.)
    t.clock.set(new Date('2026-11-23T10:00:00Z'));
    const secretaryAgain = await t.signIn(w.users.secretary.login, TEST_PASSWORD);
    director = await t.signIn(w.users.director.login, TEST_PASSWORD);
    for (let i = 0; i < 4; i++) expect((await secretaryAgain.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(200);
    const daily = await secretaryAgain.get(api(`/students/${w.studentIds.inA}`));
    expect(daily.statusCode).toBe(429);
    expect(daily.json().error.message).toContain('сутки');
    const after = (await director.get(api('/security/read-alerts'))).json().items;
    expect(after.filter((a: { userId: string }) => a.userId === w.users.secretary.id).map((a: { window: string }) => a.window)).toEqual([
      'day',
      'hour',
    ]);
    // The next day's first read clears the reader's counters of the days before.
    t.clock.set(new Date('2026-11-24T08:00:00Z'));
    const nextDay = await t.signIn(w.users.secretary.login, TEST_PASSWORD);
    expect((await nextDay.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(200);
    const left = await t.deps.db
      .selectFrom('read_budget_counters')
      .select('window_start')
      .where('user_id', '=', w.users.secretary.id)
      .execute();
    expect(left.map((r) => r.window_start).sort()).toEqual(['2026-11-24T00:00:00.000Z', '2026-11-24T08:00:00.000Z']);
  });

  it('refuses a parent over the budget too, without alerting the director', async () => {
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    director = await t.signIn(w.users.director.login, TEST_PASSWORD);
    const parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
    for (let i = 0; i < 6; i++) expect((await parent.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(200);
    expect((await parent.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(429);
    const alerts = (await director.get(api('/security/read-alerts'))).json().items;
    expect(alerts.some((a: { userId: string }) => a.userId === w.users.parent.id)).toBe(false);
  });

  // Several app nodes share a PostgreSQL database; a SQLite file has one server process (two
  // connections writing the chained audit log at once fail with SQLITE_BUSY, decision 012).
  it.skipIf(!process.env.TEST_DATABASE_URL?.startsWith('postgres'))(
    'lets exactly the budget through when two app nodes serve one account at once',
    async () => {
      t.clock.set(new Date('2026-11-25T09:00:00Z'));
      director = await t.signIn(w.users.director.login, TEST_PASSWORD);
      const admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
      const nodeB = await t.secondNode();
      const onB = nodeB.as(admin);
      const url = api(`/students/${w.studentIds.inB}`);
      const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? admin : onB).get(url)));
      const codes = answers.map((a) => a.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(6);
      expect(codes.filter((c) => c === 429)).toHaveLength(18);
      const counter = await t.deps.db
        .selectFrom('read_budget_counters')
        .select('reads')
        .where('user_id', '=', w.users.admin.id)
        .where('window_kind', '=', 'hour')
        .where('window_start', '=', '2026-11-25T09:00:00.000Z')
        .executeTakeFirstOrThrow();
      expect(counter.reads).toBe(24);
      // One alert for the window, however many nodes saw it go over.
      const alerts = (await director.get(api('/security/read-alerts'))).json().items;
      expect(alerts.filter((a: { userId: string; windowStart: string }) => a.userId === w.users.admin.id)).toHaveLength(1);
    },
  );
});
