import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeParent, makeSchoolWorld, makeStudent, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { MATRIX_CASES } from './cases.js';
import { MATRIX_ROLES, type MatrixRole, type MatrixWorld } from './types.js';

let t: TestApp;
let world: MatrixWorld;
const clients = new Map<MatrixRole, Client>();

beforeAll(async () => {
  t = await createTestApp();
  const base = await makeSchoolWorld(t.deps.db);
  const other = await makeSchoolWorld(t.deps.db);
  const otherParent = await makeParent(t.deps.db, base.schoolId, [base.studentIds.inB]);
  world = { ...base, other, otherParentId: otherParent.id, db: t.deps.db };
  const logins: Record<Exclude<MatrixRole, 'anonymous'>, string> = {
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
  clients.set('anonymous', t.anonymous);
  for (const [role, login] of Object.entries(logins)) clients.set(role as MatrixRole, await t.signIn(login, TEST_PASSWORD));
}, 120_000);
afterAll(async () => t.close());

/** The roles that belong to this school (the other family's parent included). */
const IN_SCHOOL = new Set<MatrixRole>([
  'admin',
  'director',
  'deputy',
  'secretary',
  'teacher',
  'classTeacher',
  'otherTeacher',
  'parent',
  'student',
  'otherParent',
]);

/**
 * Which denial a role gets (issue 12.14): no session 401; an account of another school (its admin,
 * another operator) 404 for anything of this school, exactly as for what does not exist, so ids
 * cannot be enumerated; a known user of the school 403 for what they may see but not do, or 404
 * for an object outside their relationships (another class, another family's child).
 */
function deniedWith(c: (typeof MATRIX_CASES)[number], role: MatrixRole, url: string): readonly number[] {
  // Signing in with the case's wrong password is refused alike for everyone, with or without a session.
  if (c.method === 'POST' && c.route === '/api/auth/login') return [401];
  if (role === 'anonymous') return [401];
  if ((role === 'otherSchoolAdmin' || role === 'otherOperator') && url.startsWith(`/api/schools/${world.schoolId}`)) return [404];
  // What a parent may see of their own child, another family may not know exists.
  if (role === 'otherParent' && c.allow.includes('parent')) return [404];
  if (role === 'otherTeacher' && c.allow.includes('teacher')) return [404];
  // A school-wide route (no object in its path) that a member of the school may not use: 403.
  if (IN_SCHOOL.has(role) && /^\/api\/schools\/:schoolId(\/[a-z-]+)*$/.test(c.route)) return [403];
  return [403, 404];
}

describe('route × role access matrix', () => {
  it('has a decision for every API route', () => {
    const declared = new Set(MATRIX_CASES.map((c) => `${c.method} ${c.route}`));
    const missing = t.app.apiRoutes.filter((r) => !declared.has(r));
    expect(missing, 'routes without an entry in server/access/matrix/cases.ts').toEqual([]);
    const stale = [...declared].filter((r) => !t.app.apiRoutes.includes(r));
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
  });

  for (const c of MATRIX_CASES) {
    it(`${c.method} ${c.route}`, async () => {
      const failures: string[] = [];
      const roles = c.gateOnly ? (['anonymous'] as const) : MATRIX_ROLES;
      for (const role of roles) {
        const client = clients.get(role) as Client;
        const url = await c.url(world, role);
        const body = c.body ? await c.body(world, role) : undefined;
        const headers = c.headers ? c.headers(world, role) : undefined;
        const res = await client.request({
          method: c.method,
          url,
          ...(body === undefined ? {} : { payload: body as object }),
          ...(headers ? { headers } : {}),
        });
        const allowed = c.allow.includes(role);
        const denied = deniedWith(c, role, url);
        const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : denied.includes(res.statusCode);
        if (!ok) failures.push(`${role}: expected ${allowed ? '2xx' : denied.join('/')}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('consent dimension (R6.5)', () => {
  it('a parent and a student lose the child’s data the moment the consent is withdrawn', async () => {
    const child = await makeStudent(t.deps.db, world.schoolId, world.classIds.a, { withAccount: true });
    const parent = await makeParent(t.deps.db, world.schoolId, [child.id]);
    const parentClient = await t.signIn(parent.user.login, TEST_PASSWORD);
    const studentClient = await t.signIn((child.user as { login: string }).login, TEST_PASSWORD);
    const url = `/api/schools/${world.schoolId}/students/${child.id}`;
    expect((await parentClient.get(url)).statusCode).toBe(200);
    expect((await studentClient.get(url)).statusCode).toBe(200);
    await t.deps.db
      .updateTable('service_consents')
      .set({ withdrawn_on: '2026-11-23', withdrawn_at: t.clock.now().toISOString(), withdrawn_by: 'system' })
      .where('student_id', '=', child.id)
      .execute();
    expect((await parentClient.get(url)).statusCode).toBe(404);
    expect((await studentClient.get(url)).statusCode).toBe(404);
  });
});
