// The demo school: `otmetka serve --demo` (what `npm start` runs) and `otmetka demo [--reset]`.
// Demo accounts exist only in a demo database: a database with any real school or account is
// never given them, and --reset refuses to wipe it.

import type { Config, DatabaseKind } from '../config.js';
import type { Db } from '../db/connect.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Clock, systemClock } from '../lib/clock.js';
import type { Deps } from '../lib/deps.js';
import { sealAuditRows } from '../modules/audit/audit.service.js';
import { hashPassword } from '../modules/auth/password.js';
import { sealGradeHistory } from '../modules/journal/history-chain.service.js';
import { eraseUnconsentedPersonalData } from '../modules/people/parents.service.js';
import { buildDemoConsents, insertDemoConsents } from './demo-consents.js';
import { buildDemoJournal, insertDemoJournal } from './demo-journal.js';
import { buildDemoSchool, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSchool, insertDemoRows } from './demo-school.js';
import { emptyAllTables } from './demo-wipe.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-school.js';

/** What the database holds: nothing yet, only the demo, or real data (any non-demo school or account). */
export type DatabaseContents = 'empty' | 'demo' | 'real';

export type DemoOutcome = { status: 'created'; school: DemoSchool } | { status: 'present' } | { status: 'refused' };

/** Tells an empty, a demo-only and a real database apart. */
export async function databaseContents(db: Db): Promise<DatabaseContents> {
  const realSchool = await db.selectFrom('schools').select('id').where('is_demo', '=', 0).limit(1).executeTakeFirst();
  const realUser = await db.selectFrom('users').select('id').where('is_demo', '=', 0).limit(1).executeTakeFirst();
  if (realSchool || realUser) return 'real';
  const anySchool = await db.selectFrom('schools').select('id').limit(1).executeTakeFirst();
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return anySchool || anyUser ? 'demo' : 'empty';
}

/** Builds and writes the demo school into an empty database, with its timetable and journal up to yesterday. */
export async function createDemoSchool(db: Db, now: Date): Promise<DemoSchool> {
  // One scrypt hash shared by every demo account: hashing each would take most of the run.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const school = buildDemoSchool(now, passwordHash);
  await insertDemoRows(db, school.rows);
  // Separate steps: the timetable and journal up to yesterday (demo-journal.ts), then the families'
  // applications and consents (demo-consents.ts), without which the consent gate hides every child.
  const journal = buildDemoJournal(school, now);
  await insertDemoJournal(db, journal);
  await insertDemoConsents(db, buildDemoConsents(school, journal.today, now));
  // Приложение 2 (decision 013): what a family's consent does not allow is not kept, in the demo either;
  // the generator writes people before their consents, so it clears what those consents leave out.
  await db.transaction().execute(async (trx) => {
    for (const s of school.rows.students) {
      await eraseUnconsentedPersonalData(trx, now, school.schoolId, { studentId: s.id, parentId: null }, journal.today);
    }
    for (const p of school.rows.parents) {
      await eraseUnconsentedPersonalData(trx, now, school.schoolId, { studentId: null, parentId: p.id }, journal.today);
    }
  });
  // The bulk rows enter the audit log's and the grade history's hash chains (decision 012).
  await sealAuditRows(db);
  await sealGradeHistory(db);
  return school;
}

/** Creates the demo school when the database is empty; leaves a demo or a real database as it is. */
export async function ensureDemoIn(db: Db, clock: Clock): Promise<DemoOutcome> {
  const contents = await databaseContents(db);
  if (contents === 'real') return { status: 'refused' };
  if (contents === 'demo') return { status: 'present' };
  return { status: 'created', school: await createDemoSchool(db, clock.now()) };
}

/** Wipes a demo-only database and builds the demo again; refuses (status 'refused') if it holds real data. */
export async function resetDemoIn(db: Db, kind: DatabaseKind, clock: Clock): Promise<DemoOutcome> {
  if ((await databaseContents(db)) === 'real') return { status: 'refused' };
  await emptyAllTables(db, kind);
  return { status: 'created', school: await createDemoSchool(db, clock.now()) };
}

/** Used by `otmetka serve --demo` before the server listens; the caller prints the login help after. */
export async function ensureDemo(deps: Deps): Promise<DemoOutcome> {
  return ensureDemoIn(deps.db, deps.clock);
}

/** The text printed after start (running) or after `otmetka demo`: where to open the system and which accounts to use. */
export function demoLoginHelp(url: string, outcome: DemoOutcome, running = true): string {
  const where = running ? `Otmetka is running at ${url}` : `Start the server with \`npm start\` and open ${url}`;
  if (outcome.status === 'refused') {
    return [where, 'This database holds real schools or accounts, so no demo accounts were added (--demo is ignored).'].join('\n');
  }
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.login.length)) + 2;
  const lines = [
    '',
    where,
    outcome.status === 'created' ? 'A demo school was created in this empty database.' : 'This database holds the demo school.',
    `Sign in with one of these logins; the password of each is ${DEMO_PASSWORD}`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.login.padEnd(width)}${a.description}`),
    '',
  ];
  return lines.join('\n');
}

const REFUSAL =
  'Refusing: this database holds real schools or accounts. The demo is created only in an empty database, ' +
  'and --reset wipes only a database that holds nothing but the demo. Point DATABASE_URL (or DATA_DIR) elsewhere.';

/** `otmetka demo [--reset]`: returns the process exit code. */
export async function runDemoCommand(config: Config, reset: boolean): Promise<number> {
  const database = connect(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const outcome = reset ? await resetDemoIn(database.db, database.kind, systemClock) : await ensureDemoIn(database.db, systemClock);
    if (outcome.status === 'refused') {
      console.error(REFUSAL);
      return 1;
    }
    if (outcome.status === 'present') {
      console.log('The demo school is already here; run `otmetka demo --reset` to build it again.');
    } else {
      const s = outcome.school.rows;
      console.log(`Demo school created: ${s.classes.length} classes, ${s.students.length} students, ${s.staff.length} staff.`);
    }
    console.log(demoLoginHelp(config.publicUrl, outcome, false));
    return 0;
  } finally {
    await database.close();
  }
}
