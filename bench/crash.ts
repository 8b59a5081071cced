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
} from '../server/test/crash-harness.js';
import { PG_URL } from './diary.js';

/**
 * `npm run bench -- crash [--rounds=N] [--no-sqlite] [--no-postgres]`: the crash harness of the
 * crash-safety test for many rounds (default 200) on each database — concurrent grade and
 * attendance saves, SIGKILL at a random moment, restart, and a check that every acknowledged write
 * is there and the database is sound. Prints
 * {"scenario":"crash","db":…,"rounds":…,"acknowledged":…,"lost":…,"integrity_failures":…}.
 */
const args = process.argv.slice(2);
const roundsArg = args.find((a) => a.startsWith('--rounds='));
const ROUNDS = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : 200;

async function crashRounds(kind: 'sqlite' | 'postgres'): Promise<void> {
  if (kind === 'postgres') process.env.TEST_DATABASE_URL = PG_URL;
  else delete process.env.TEST_DATABASE_URL;
  let world: CrashWorld | undefined;
  try {
    world = await prepareCrashWorld();
    const acked = newAcknowledged();
    let server = await startServerProcess(world);
    await setUpOverHttp(world, server.origin);
    const cookie = await signInOver(server.origin, world.teacherLogin);
    let lost = 0;
    let integrityFailures = 0;
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const writing = writeUntilDeath(world, server.origin, cookie, acked, { graders: 6, markers: 4 });
      await new Promise((r) => setTimeout(r, 200 + Math.floor(Math.random() * 1300)));
      await killHard(server);
      await writing;
      server = await startServerProcess(world);
      const verdict = await verify(world, acked);
      lost = verdict.lost.length;
      acknowledged = verdict.acknowledged;
      if (verdict.integrity !== 'ok') integrityFailures++;
      for (const line of verdict.lost.slice(0, 5)) console.error(`round ${round}: lost ${line}`);
      if (round % 10 === 0) console.log(`crash (${kind}): ${round} rounds, ${acknowledged} acknowledged, ${lost} lost`);
    }
    await killHard(server);
    console.log(JSON.stringify({ scenario: 'crash', db: kind, rounds: ROUNDS, acknowledged, lost, integrity_failures: integrityFailures }));
  } finally {
    await world?.drop();
  }
}

export async function runCrashBench(): Promise<void> {
  if (!args.includes('--no-sqlite')) await crashRounds('sqlite');
  if (!args.includes('--no-postgres')) await crashRounds('postgres');
}
