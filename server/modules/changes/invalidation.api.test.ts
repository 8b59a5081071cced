import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATRIX_CASES } from '../../access/matrix/cases.js';
import type { MatrixCase, MatrixRole, MatrixWorld } from '../../access/matrix/types.js';
import { weekStart } from '../../lib/dates.js';
import { makeParent, makeSchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/**
 * Every write route of the route matrix, performed on node A, against the prepared diary weeks and
 * journal pages as node B (its own connection to the same database) serves them: each view the
 * write affects must come back with a new ETag on B at once, and each view it does not affect must
 * keep its ETag. The table below says, per route, which views are affected.
 */

type Probe = 'J:mathA' | 'J:englishGroup' | 'D:inA' | 'D:inA2' | 'D:inB';
const PROBES: readonly Probe[] = ['J:mathA', 'J:englishGroup', 'D:inA', 'D:inA2', 'D:inB'];
/** changes: must get a new ETag; keeps: must not; may: a deliberate over-approximation (either is right). */
type Rule = 'changes' | 'keeps' | 'may';
interface Effect {
  /** The diary week probed (any day of it). */
  week: string;
  rules: Record<Probe, Rule>;
}
interface Ask {
  w: MatrixWorld;
  url: string;
  body: unknown;
}

const DEFAULT_WEEK = '2026-11-16';
const rules = (r: Partial<Record<Probe, Rule>>, rest: Rule = 'keeps'): Record<Probe, Rule> =>
  Object.fromEntries(PROBES.map((p) => [p, r[p] ?? rest])) as Record<Probe, Rule>;
const nothing = (): Effect => ({ week: DEFAULT_WEEK, rules: rules({}) });
/** Reference data: every journal and diary of the school shows it. */
const wholeSchool = (): Effect => ({ week: DEFAULT_WEEK, rules: rules({}, 'changes') });
/** Journal-wide settings (scales, work types, closed periods): every journal; diaries may follow. */
const everyJournal = (): Effect => ({ week: DEFAULT_WEEK, rules: rules({ 'J:mathA': 'changes', 'J:englishGroup': 'changes' }, 'may') });
/** A 5А mathematics lesson's content on a date: its journal and the weeks of 5А's students. */
const mathALesson = (date: string): Effect => ({
  week: date,
  rules: rules({ 'J:mathA': 'changes', 'D:inA': 'changes', 'D:inA2': 'changes' }),
});
/** A row of the 5А student on a date (grade, attendance mark): 5А mathematics and that student's week. */
const inAOwnRow = (date: string): Effect => ({ week: date, rules: rules({ 'J:mathA': 'changes', 'D:inA': 'changes' }) });

const bodyDate = (body: unknown): string => (body as { date: string }).date;

async function gradeDateOf(a: Ask): Promise<string> {
  const id = a.url.split('/grades/')[1]?.split('?')[0] as string;
  const row = await a.w.db.selectFrom('grades').select('work_date').where('id', '=', id).executeTakeFirstOrThrow();
  return row.work_date;
}

async function changeDateOf(a: Ask): Promise<string> {
  const id = a.url.split('/timetable/changes/')[1] as string;
  const row = await a.w.db.selectFrom('timetable_changes').select('date').where('id', '=', id).executeTakeFirstOrThrow();
  return row.date;
}

/** Per write route: what it affects. A route missing here fails the test. */
const EFFECTS: Record<string, (a: Ask) => Effect | Promise<Effect>> = {
  'PUT /api/auth/locale': nothing,
  // operations (issue 16): a backup copies the database and changes no view
  'POST /api/operations/backups': nothing,
  'POST /api/auth/mfa/enrol': nothing,
  // notifications (issue 13): a family's own settings and contacts, the school's SMS budget and channel check
  'PUT /api/schools/:schoolId/notifications/settings/:studentId': nothing,
  'PUT /api/notifications/contacts/:channel': nothing,
  'DELETE /api/notifications/contacts/:channel': nothing,
  'POST /api/notifications/contacts/sms/confirm': nothing,
  'POST /api/notifications/contacts/email/confirm': nothing,
  'POST /api/notifications/unsubscribe/:token': nothing,
  'POST /api/notifications/feed/read': nothing,
  'PUT /api/schools/:schoolId/notifications/sms-budget': nothing,
  'POST /api/schools/:schoolId/notifications/test': nothing,
  // people
  'POST /api/schools/:schoolId/students': nothing,
  // The student's own data: their weeks; a student's details show in every journal of the school.
  'PATCH /api/schools/:schoolId/students/:id': () => ({
    week: DEFAULT_WEEK,
    rules: rules({ 'D:inA': 'may', 'J:mathA': 'may', 'J:englishGroup': 'may' }),
  }),
  'POST /api/schools/:schoolId/parents': nothing,
  'PATCH /api/schools/:schoolId/parents/:id': nothing,
  'DELETE /api/schools/:schoolId/students/:id/parents/:parentId': nothing,
  'POST /api/schools/:schoolId/students/:id/parents': nothing,
  'POST /api/schools/:schoolId/staff': () => ({ week: DEFAULT_WEEK, rules: rules({}, 'may') }),
  'PATCH /api/schools/:schoolId/staff/:id': wholeSchool,
  'PUT /api/schools/:schoolId/staff/:id/roles': nothing,
  'POST /api/schools/:schoolId/staff/:id/enable': nothing,
  // inA2 joins or leaves 5А's English group: the group's journal and inA2's weeks, nothing of 5А's mathematics.
  'POST /api/schools/:schoolId/students/:id/movements': () => ({
    week: DEFAULT_WEEK,
    rules: rules({ 'J:englishGroup': 'changes', 'D:inA2': 'changes' }),
  }),
  // school structure and reference data
  'POST /api/schools': nothing,
  'PATCH /api/schools/:schoolId': wholeSchool,
  'POST /api/schools/:schoolId/years': wholeSchool,
  'PATCH /api/schools/:schoolId/years/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/years/:id': wholeSchool,
  'POST /api/schools/:schoolId/years/:id/periods/preset': wholeSchool,
  'POST /api/schools/:schoolId/periods': wholeSchool,
  'PATCH /api/schools/:schoolId/periods/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/periods/:id': wholeSchool,
  'POST /api/schools/:schoolId/holidays': wholeSchool,
  'PATCH /api/schools/:schoolId/holidays/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/holidays/:id': wholeSchool,
  'POST /api/schools/:schoolId/bells': wholeSchool,
  'PUT /api/schools/:schoolId/bells': wholeSchool,
  'PATCH /api/schools/:schoolId/bells/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/bells/:id': wholeSchool,
  'POST /api/schools/:schoolId/classes': wholeSchool,
  'PATCH /api/schools/:schoolId/classes/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/classes/:id': wholeSchool,
  'POST /api/schools/:schoolId/groups': wholeSchool,
  'PATCH /api/schools/:schoolId/groups/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/groups/:id': wholeSchool,
  'POST /api/schools/:schoolId/subjects': wholeSchool,
  'PATCH /api/schools/:schoolId/subjects/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/subjects/:id': wholeSchool,
  'POST /api/schools/:schoolId/curriculum': wholeSchool,
  'PATCH /api/schools/:schoolId/curriculum/:id': wholeSchool,
  'DELETE /api/schools/:schoolId/curriculum/:id': wholeSchool,
  // timetable: the matrix adds English-group entries and changes 5А mathematics
  'POST /api/schools/:schoolId/timetable/entries': () => ({
    week: DEFAULT_WEEK,
    rules: rules({ 'J:englishGroup': 'changes', 'D:inA2': 'changes' }),
  }),
  'PATCH /api/schools/:schoolId/timetable/entries/:id': () => mathALesson(DEFAULT_WEEK),
  'DELETE /api/schools/:schoolId/timetable/entries/:id': () => mathALesson(DEFAULT_WEEK),
  'POST /api/schools/:schoolId/timetable/changes': (a) => mathALesson(bodyDate(a.body)),
  'DELETE /api/schools/:schoolId/timetable/changes/:id': async (a) => mathALesson(await changeDateOf(a)),
  'POST /api/schools/:schoolId/thematic-plans/:curriculumId/import': () => mathALesson(DEFAULT_WEEK),
  // journal
  'PUT /api/schools/:schoolId/journals/:curriculumId/lessons/:date/:lessonNumber': (a) =>
    mathALesson(a.url.split('/lessons/')[1]?.split('/')[0] as string),
  'POST /api/schools/:schoolId/journals/:curriculumId/grades': (a) => inAOwnRow(bodyDate(a.body)),
  'PATCH /api/schools/:schoolId/grades/:id': async (a) => inAOwnRow(await gradeDateOf(a)),
  'DELETE /api/schools/:schoolId/grades/:id': async (a) => inAOwnRow(await gradeDateOf(a)),
  'PUT /api/schools/:schoolId/journals/:curriculumId/attendance': (a) => inAOwnRow(bodyDate(a.body)),
  // Period grades are not in the week, but the student's weeks may be rebuilt.
  'PUT /api/schools/:schoolId/journals/:curriculumId/period-grades': () => ({
    week: DEFAULT_WEEK,
    rules: rules({ 'J:mathA': 'changes', 'D:inA': 'may' }),
  }),
  'POST /api/schools/:schoolId/periods/:id/close': everyJournal,
  'POST /api/schools/:schoolId/periods/:id/reopen': everyJournal,
  'POST /api/schools/:schoolId/grade-scales': everyJournal,
  'PUT /api/schools/:schoolId/grade-scales/default': everyJournal,
  // The matrix returns 5А mathematics to the school's scale (it may already be there).
  'PUT /api/schools/:schoolId/grade-scales/curricula/:curriculumId': () => ({
    week: DEFAULT_WEEK,
    rules: rules({ 'J:mathA': 'may', 'D:inA': 'may', 'D:inA2': 'may', 'D:inB': 'may' }),
  }),
  'POST /api/schools/:schoolId/work-types': everyJournal,
  'PATCH /api/schools/:schoolId/work-types/:id': everyJournal,
  'POST /api/schools/:schoolId/lessons/:id/attachments': () => mathALesson(DEFAULT_WEEK),
  'DELETE /api/schools/:schoolId/lessons/:id/attachments/:attachmentId': () => mathALesson(DEFAULT_WEEK),
  // diary (done by the parent: the probes read as the admin)
  'POST /api/schools/:schoolId/students/:studentId/diary/seen': nothing,
  'POST /api/schools/:schoolId/students/:studentId/diary/calendar-feed': nothing,
  'DELETE /api/schools/:schoolId/students/:studentId/diary/calendar-feed': nothing,
  // the public service and oversight: paperwork, not the journal
  'POST /api/schools/:schoolId/service/applications': nothing,
  'PATCH /api/schools/:schoolId/service/applications/:id': nothing,
  'POST /api/schools/:schoolId/service/applications/:id/decision': nothing,
  'POST /api/schools/:schoolId/service/applications/:id/order': nothing,
  'PUT /api/schools/:schoolId/service/calendar/:year': nothing,
  'POST /api/schools/:schoolId/service/consents': nothing,
  'POST /api/schools/:schoolId/service/consents/:id/withdraw': nothing,
  'POST /api/schools/:schoolId/service/consents/:id/operator-copy': nothing,
  'POST /api/schools/:schoolId/service/students/:studentId/codes': nothing,
  'POST /api/schools/:schoolId/service/codes/slip.pdf': nothing,
  // The family's export (issue 12.13) changes no view; it only adds its audit row.
  'POST /api/schools/:schoolId/family/export': nothing,
  'POST /api/schools/:schoolId/oversight/complaints': nothing,
  'POST /api/schools/:schoolId/oversight/complaints/:id/extend': nothing,
  'POST /api/schools/:schoolId/oversight/complaints/:id/answer': nothing,
  'POST /api/schools/:schoolId/oversight/complaints/:id/decline': nothing,
  'POST /api/schools/:schoolId/oversight/inspections': nothing,
  'POST /api/schools/:schoolId/oversight/inspections/:id/result': nothing,
  'POST /api/schools/:schoolId/oversight/inspections/:id/result-sent': nothing,
  // a school's staff second-factor rule (issue 12.3): who must sign in how, no journal or diary
  'PUT /api/schools/:schoolId/security/mfa': nothing,
};

/** Who performs a write: the admin where allowed (the probes read as the admin, so not for their own settings). */
const PREFERRED: readonly MatrixRole[] = ['admin', 'operator', 'teacher', 'director', 'secretary', 'classTeacher', 'parent'];
const PERFORMER_OF: Record<string, MatrixRole> = {
  'PUT /api/auth/locale': 'parent',
  // The probes read as the admin: their own second factor stays out of it.
  'POST /api/auth/mfa/enrol': 'teacher',
  'POST /api/schools/:schoolId/students/:studentId/diary/seen': 'parent',
  'POST /api/schools/:schoolId/students/:studentId/diary/calendar-feed': 'parent',
  'DELETE /api/schools/:schoolId/students/:studentId/diary/calendar-feed': 'parent',
};

const isWrite = (c: MatrixCase) => c.method !== 'GET' && !c.gateOnly && c.allow.some((r) => r !== 'anonymous');
const routeOf = (c: MatrixCase) => `${c.method} ${c.route}`;

let t: TestApp;
let world: MatrixWorld;
const clients = new Map<MatrixRole, Client>();
let probeClient: Client;

beforeAll(async () => {
  t = await createTestApp();
  const base = await makeSchoolWorld(t.deps.db);
  const other = await makeSchoolWorld(t.deps.db);
  const otherParent = await makeParent(t.deps.db, base.schoolId, [base.studentIds.inB]);
  world = { ...base, other, otherParentId: otherParent.id, db: t.deps.db };
  const logins: Partial<Record<MatrixRole, string>> = {
    operator: base.users.operator.login,
    admin: base.users.admin.login,
    director: base.users.director.login,
    deputy: base.users.deputy.login,
    secretary: base.users.secretary.login,
    teacher: base.users.teacher.login,
    classTeacher: base.users.classTeacher.login,
    otherTeacher: base.users.otherTeacher.login,
    parent: base.users.parent.login,
    student: base.users.student.login,
    otherParent: otherParent.user.login,
    otherSchoolAdmin: other.users.admin.login,
    otherOperator: other.users.operator.login,
  };
  for (const [role, login] of Object.entries(logins)) clients.set(role as MatrixRole, await t.signIn(login as string, TEST_PASSWORD));
  // The admin's session, used on the second node: sessions live in the shared database.
  const nodeB = await t.secondNode();
  probeClient = nodeB.as(clients.get('admin') as Client);
}, 120_000);
afterAll(async () => t.close());

function etagOf(res: LightMyRequestResponse, what: string): string {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return String(res.headers.etag);
}

async function readProbes(week: string): Promise<Record<Probe, string>> {
  const s = world.schoolId;
  const journal = async (id: string, name: string) => etagOf(await probeClient.get(`/api/schools/${s}/journals/${id}`), name);
  const diary = async (id: string, name: string) =>
    etagOf(await probeClient.get(`/api/schools/${s}/students/${id}/diary/week?weekOf=${weekStart(week)}`), name);
  return {
    'J:mathA': await journal(world.curriculumIds.mathA, 'journal of 5А mathematics'),
    'J:englishGroup': await journal(world.curriculumIds.englishGroup, 'journal of the English group'),
    'D:inA': await diary(world.studentIds.inA, 'diary of inA'),
    'D:inA2': await diary(world.studentIds.inA2, 'diary of inA2'),
    'D:inB': await diary(world.studentIds.inB, 'diary of inB'),
  };
}

describe('prepared diary weeks and journal pages follow every write, across app nodes', () => {
  it('has an effect for every write route of the matrix', () => {
    const writes = [...new Set(MATRIX_CASES.filter(isWrite).map(routeOf))];
    expect(writes.filter((r) => !(r in EFFECTS))).toEqual([]);
    expect(Object.keys(EFFECTS).filter((r) => !writes.includes(r))).toEqual([]);
  });

  it('a read twice answers the same ETag and 304 with If-None-Match (the baseline the table relies on)', async () => {
    const url = `/api/schools/${world.schoolId}/journals/${world.curriculumIds.mathA}`;
    const first = etagOf(await probeClient.get(url), 'journal');
    expect(etagOf(await probeClient.get(url), 'journal')).toBe(first);
    const conditional = await probeClient.get(url, { 'if-none-match': first });
    expect(conditional.statusCode).toBe(304);
    // A 304 carries no body (a stray "null" with its content-length makes clients wait for it).
    expect(conditional.body).toBe('');
    expect(conditional.headers['content-length'] ?? '0').toBe('0');
  });

  for (const c of MATRIX_CASES.filter(isWrite)) {
    const route = routeOf(c);
    it(route, async () => {
      const role = PERFORMER_OF[route] ?? (PREFERRED.find((r) => c.allow.includes(r)) as MatrixRole);
      const client = clients.get(role) as Client;
      const url = await c.url(world, role);
      const body = c.body ? await c.body(world, role) : undefined;
      const headers = c.headers ? c.headers(world, role) : undefined;
      const effect = await (EFFECTS[route] as (a: Ask) => Effect | Promise<Effect>)({ w: world, url, body });
      const before = await readProbes(effect.week);
      const res = await client.request({
        method: c.method,
        url,
        ...(body === undefined ? {} : { payload: body as object }),
        ...(headers ? { headers } : {}),
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(300);
      const after = await readProbes(effect.week);
      const wrong = PROBES.filter((p) => {
        const rule = effect.rules[p];
        if (rule === 'may') return false;
        return rule === 'changes' ? before[p] === after[p] : before[p] !== after[p];
      }).map((p) => `${p} should ${effect.rules[p] === 'changes' ? 'change' : 'keep'} its ETag (${before[p]} → ${after[p]})`);
      expect(wrong).toEqual([]);
    });
  }
});
