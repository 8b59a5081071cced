import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrashWorld,
  killHard,
  prepareCrashWorld,
  type RunningServer,
  setUpOverHttp,
  signInOver,
  startServerProcess,
} from './crash-harness.js';
import { testDatabaseKind } from './database.js';

/**
 * Issue 16.4 (R7.4): a region runs several web nodes and a worker node on one PostgreSQL database.
 * Three real server processes here: a grade written through node A is in the diary and the journal
 * read through node B at once, a session works on both, and a sign-out on A ends the session on B.
 * SQLite is one school on one machine (one process), so this runs on PostgreSQL only.
 */
const onPostgres = testDatabaseKind() === 'postgres';
let world: CrashWorld;
const nodes: RunningServer[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  world = await prepareCrashWorld();
  nodes.push(await startServerProcess(world), await startServerProcess(world), await startServerProcess(world, { services: 'worker' }));
  await setUpOverHttp(world, (nodes[0] as RunningServer).origin);
}, 180_000);
afterAll(async () => {
  for (const node of nodes) await killHard(node);
  await world?.drop();
});

describe.skipIf(!onPostgres)('two web nodes and a worker node on one PostgreSQL database', () => {
  it('show a grade written on A in the diary and the journal on B at once, and end a session on both', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const teacher = await signInOver(a.origin, world.teacherLogin);
    const parent = await signInOver(b.origin, world.parentLogin);
    const student = world.students[0] as string;
    const date = '2026-11-17';
    const journal = (origin: string) => `${origin}/api/schools/${world.schoolId}/journals/${world.curriculumId}`;
    const diary = (origin: string) => `${origin}/api/schools/${world.schoolId}/students/${student}/diary/week?weekOf=${date}`;
    // Both nodes have prepared the page and the week before the write.
    const pageBefore = await fetch(journal(b.origin), { headers: { cookie: teacher } });
    expect(pageBefore.status).toBe(200);
    const weekBefore = await fetch(diary(b.origin), { headers: { cookie: parent } });
    expect(weekBefore.status, await weekBefore.clone().text()).toBe(200);
    expect(await weekBefore.text()).not.toContain('"value":"5"');

    const saved = await fetch(`${journal(a.origin)}/grades`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.origin, cookie: teacher },
      body: JSON.stringify({ studentId: student, date, lessonNumber: 1, value: '5', workTypeId: world.workTypeId }),
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const grade = (await saved.json()) as { id: string };

    const pageAfter = await fetch(journal(b.origin), {
      headers: { cookie: teacher, 'if-none-match': pageBefore.headers.get('etag') ?? '' },
    });
    expect(pageAfter.status).toBe(200);
    expect(await pageAfter.text()).toContain(grade.id);
    const weekAfter = await fetch(diary(b.origin), { headers: { cookie: parent, 'if-none-match': weekBefore.headers.get('etag') ?? '' } });
    expect(weekAfter.status).toBe(200);
    expect(await weekAfter.text()).toContain('"value":"5"');

    // One session, both nodes; signed out on A, refused on B on the next request.
    expect((await fetch(`${b.origin}/api/auth/me`, { headers: { cookie: teacher } })).status).toBe(200);
    const out = await fetch(`${a.origin}/api/auth/logout`, { method: 'POST', headers: { origin: a.origin, cookie: teacher } });
    expect(out.status).toBeLessThan(300);
    expect((await fetch(journal(b.origin), { headers: { cookie: teacher } })).status).toBe(401);
    expect((await fetch(`${b.origin}/api/auth/me`, { headers: { cookie: teacher } })).status).toBe(401);
  });
});
