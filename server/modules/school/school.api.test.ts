import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeOperator, makeUser, TEST_PASSWORD } from '../../test/factories.js';
import { countAudit, createStructureKit, expectRefused, type StructureKit } from './school.testkit.js';

let k: StructureKit;

beforeAll(async () => {
  k = await createStructureKit();
});
afterAll(async () => k.t.close());

const countSchools = async () =>
  Number(
    (
      await k.t.deps.db
        .selectFrom('schools')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('GET /api/schools', () => {
  it('lists only the schools the user belongs to', async () => {
    const res = await k.teacher.get('/api/schools');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { id: string }) => s.id)).toEqual([k.world.schoolId]);
    expect(res.json().items[0]).toMatchObject({ timezone: 'Europe/Kaliningrad', workingDaysPerWeek: 5, isDemo: false });
  });

  it('gives an operator every school of the operator', async () => {
    const created = await k.operator.post('/api/schools', {
      name: 'МАОУ Гимназия № 1',
      shortName: 'Гимназия 1',
      timezone: 'Europe/Moscow',
    });
    expect(created.statusCode).toBe(201);
    const again = await k.t.signIn(k.world.users.operator.login, TEST_PASSWORD);
    const ids = (await again.get('/api/schools')).json().items.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([k.world.schoolId, created.json().id]));
    expect(ids).not.toContain(k.other.schoolId);
  });
});

describe('POST /api/schools', () => {
  it('creates a school under the operator, audited', async () => {
    const res = await k.operator.post('/api/schools', {
      name: '  МАОУ СОШ № 59  ',
      shortName: 'СОШ 59',
      address: 'г. Калининград, ул. Судостроительная, 20',
      directorName: 'Иванов И. И.',
      timezone: 'Europe/Kaliningrad',
      workingDaysPerWeek: 6,
    });
    expect(res.statusCode).toBe(201);
    const school = res.json();
    expect(school).toMatchObject({ name: 'МАОУ СОШ № 59', operatorId: k.world.operatorId, workingDaysPerWeek: 6 });
    const audit = await k.t.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', school.id).execute();
    expect(audit.map((a) => [a.action, a.entity])).toEqual([['create', 'school']]);
  });

  it('is refused to anyone but an operator, and nothing is written', async () => {
    const before = await countSchools();
    const body = { name: 'Школа', shortName: 'Ш', timezone: 'Europe/Moscow' };
    expectRefused(await k.admin.post('/api/schools', body), 403);
    expectRefused(await k.parent.post('/api/schools', body), 403);
    expect(await countSchools()).toBe(before);
  });

  it('refuses bad input with a readable 4xx and writes nothing', async () => {
    const before = await countSchools();
    const ok = { name: 'Школа', shortName: 'Ш', timezone: 'Europe/Moscow' };
    expect(expectRefused(await k.operator.post('/api/schools', { ...ok, timezone: 'Europe/Atlantis' }), 400, 'timezone')).toMatch(
      /часовой пояс/,
    );
    expectRefused(await k.operator.post('/api/schools', { ...ok, evil: true }), 400, 'evil');
    expectRefused(await k.operator.post('/api/schools', { ...ok, name: 'x'.repeat(301) }), 400, 'name');
    expectRefused(await k.operator.post('/api/schools', { ...ok, name: '   ' }), 400, 'name');
    expectRefused(await k.operator.post('/api/schools', { shortName: 'Ш', timezone: 'Europe/Moscow' }), 400, 'name');
    expectRefused(await k.operator.post('/api/schools', { ...ok, workingDaysPerWeek: 7 }), 400, 'workingDaysPerWeek');
    expectRefused(await k.operator.post('/api/schools', { ...ok, operatorId: k.other.operatorId }), 422, 'operatorId');
    expect(await countSchools()).toBe(before);
  });

  it('asks an operator of several operators to choose one', async () => {
    const user = await makeUser(k.t.deps.db);
    const second = await makeOperator(k.t.deps.db);
    await grant(k.t.deps.db, user.id, 'operator', null, k.world.operatorId);
    await grant(k.t.deps.db, user.id, 'operator', null, second.id);
    const client = await k.t.signIn(user.login, TEST_PASSWORD);
    const body = { name: 'Школа двух операторов', shortName: 'Ш2', timezone: 'Asia/Yekaterinburg' };
    expectRefused(await client.post('/api/schools', body), 422);
    const res = await client.post('/api/schools', { ...body, operatorId: second.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().operatorId).toBe(second.id);
  });
});

describe('GET/PATCH /api/schools/:schoolId', () => {
  it('shows the school to its members and 404 to outsiders', async () => {
    expect((await k.parent.get(`/api/schools/${k.world.schoolId}`)).json().id).toBe(k.world.schoolId);
    expectRefused(await k.otherAdmin.get(`/api/schools/${k.world.schoolId}`), 404);
  });

  it('lets the admin change details, audited with field names only', async () => {
    const res = await k.admin.patch(`/api/schools/${k.world.schoolId}`, { directorName: 'Петрова А. А.', workingDaysPerWeek: 6 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ directorName: 'Петрова А. А.', workingDaysPerWeek: 6 });
    const audit = await k.t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'school')
      .where('entity_id', '=', k.world.schoolId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ fields: ['directorName', 'workingDaysPerWeek'] });
    expect(audit.details).not.toContain('Петрова');
    await k.admin.patch(`/api/schools/${k.world.schoolId}`, { workingDaysPerWeek: 5 });
  });

  it('refuses bad patches and outsiders, changing nothing', async () => {
    const url = `/api/schools/${k.world.schoolId}`;
    const auditBefore = await countAudit(k.t.deps.db, k.world.schoolId);
    expect(expectRefused(await k.admin.patch(url, {}), 400, 'body')).toMatch(/хотя бы одно поле/);
    expectRefused(await k.admin.patch(url, { timezone: 'Mars/Olympus' }), 400, 'timezone');
    expectRefused(await k.admin.patch(url, { shortName: '' }), 400, 'shortName');
    expectRefused(await k.admin.patch(url, { address: 'x'.repeat(501) }), 400, 'address');
    expectRefused(await k.admin.patch(url, { id: 'x' }), 400, 'id');
    expectRefused(await k.teacher.patch(url, { address: 'ул. Ленина' }), 403);
    expectRefused(await k.otherAdmin.patch(url, { address: 'ул. Ленина' }), 404);
    const school = await k.t.deps.db.selectFrom('schools').selectAll().where('id', '=', k.world.schoolId).executeTakeFirstOrThrow();
    expect(school.timezone).toBe('Europe/Kaliningrad');
    expect(school.address).toBe('г. Калининград');
    expect(await countAudit(k.t.deps.db, k.world.schoolId)).toBe(auditBefore);
  });

  it('answers in English on request', async () => {
    const res = await k.admin.patch(`/api/schools/${k.world.schoolId}`, { timezone: 'Nowhere' }, { 'accept-language': 'en' });
    expect(res.json().error.message).toBe('Check the field "timezone": unknown time zone (example: Europe/Moscow)');
  });
});
