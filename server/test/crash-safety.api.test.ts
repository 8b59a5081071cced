import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrashWorld,
  killHard,
  newAcknowledged,
  prepareCrashWorld,
  setUpOverHttp,
  signInOver,
  startServerProcess,
  verify,
  writeUntilDeath,
} from './crash-harness.js';

/**
 * Issue 16.3: SIGKILL during concurrent grade and attendance saves loses nothing that was
 * acknowledged, and leaves a sound database — on SQLite and on PostgreSQL (the suite's database).
 * A longer run of the same harness is `npm run bench -- crash`.
 */
const ROUNDS = 3;
let world: CrashWorld;

beforeAll(async () => {
  world = await prepareCrashWorld();
}, 120_000);
afterAll(async () => world?.drop());

describe('a server killed with SIGKILL during saves', () => {
  it(`keeps every acknowledged write across ${ROUNDS} kills`, async () => {
    const acked = newAcknowledged();
    let server = await startServerProcess(world);
    await setUpOverHttp(world, server.origin);
    const cookie = await signInOver(server.origin, world.teacherLogin);
    for (let round = 0; round < ROUNDS; round++) {
      const writing = writeUntilDeath(world, server.origin, cookie, acked, { graders: 6, markers: 4 });
      const before = acked.grades.size;
      // Kill at a random moment once writes are flowing.
      const deadline = Date.now() + 30_000;
      while (acked.grades.size < before + 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
      await killHard(server);
      await writing;
      server = await startServerProcess(world);
      const verdict = await verify(world, acked);
      expect(verdict.lost, `round ${round + 1}`).toEqual([]);
      expect(verdict.integrity).toBe('ok');
      expect(verdict.acknowledged).toBeGreaterThan(0);
    }
    // The session outlived the kills, and the journal still answers with what was saved.
    const page = await fetch(`${server.origin}/api/schools/${world.schoolId}/journals/${world.curriculumId}`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    await killHard(server);
  }, 240_000);
});
