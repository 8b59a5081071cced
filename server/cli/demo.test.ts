import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import { FixedClock } from '../lib/clock.js';
import { verifyPassword } from '../modules/auth/password.js';
import { createTestDatabase } from '../test/database.js';
import { makeSchoolWorld } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, databaseContents, ensureDemoIn, resetDemoIn, runDemoCommand } from './demo.js';
import { buildDemoSchool } from './demo-school.js';

const clock = new FixedClock(new Date('2026-11-23T09:00:00Z'));

async function studentNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('students as s')
    .innerJoin('class_memberships as m', 'm.student_id', 's.id')
    .innerJoin('classes as c', 'c.id', 'm.class_id')
    .select(['s.surname', 's.name', 's.patronymic', 's.file_number', 'c.name as class_name'])
    .execute();
  return rows.map((r) => `${r.class_name} ${r.file_number} ${r.surname} ${r.name} ${r.patronymic}`).sort();
}

async function userIdOf(db: Db, login: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow();
  return row.id;
}

/** Class ids a staff member teaches, directly or through a group of the class. */
async function classesTaughtBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('curriculum as k')
    .innerJoin('staff as s', 's.id', 'k.teacher_id')
    .leftJoin('study_groups as g', 'g.id', 'k.group_id')
    .select(['k.class_id', 'g.class_id as group_class_id'])
    .where('s.user_id', '=', userId)
    .execute();
  return [...new Set(rows.map((r) => r.class_id ?? r.group_class_id).filter((id): id is string => id !== null))];
}

describe('the demo school layout', () => {
  it('is the same on every run: same people, classes and links', () => {
    const a = buildDemoSchool(clock.now(), 'hash');
    const b = buildDemoSchool(clock.now(), 'hash');
    const people = (s: typeof a) => [
      ...s.rows.students.map((p) => `${p.file_number} ${p.surname} ${p.name} ${p.patronymic} ${p.birth_date}`),
      ...s.rows.parents.map((p) => `${p.surname} ${p.name} ${p.patronymic}`),
      ...s.rows.staff.map((p) => `${p.surname} ${p.name} ${p.patronymic} ${p.position}`),
    ];
    expect(people(a)).toEqual(people(b));
    expect(a.rows.classes.map((c) => c.name)).toEqual(b.rows.classes.map((c) => c.name));
    expect(a.accounts.parent.displayName).toBe(b.accounts.parent.displayName);
    // Fresh ids each time: only the content is fixed.
    expect(a.schoolId).not.toBe(b.schoolId);
  });

  it('gives names in the right gender forms', () => {
    const { rows } = buildDemoSchool(clock.now(), 'hash');
    for (const s of rows.students) {
      if (s.sex === 'f') expect(s.patronymic).toMatch(/(вна|чна)$/);
      else expect(s.patronymic).toMatch(/(вич|ич)$/);
    }
    const femaleSurnames = rows.students.filter((s) => s.sex === 'f').map((s) => s.surname);
    expect(femaleSurnames.some((n) => n.endsWith('ова'))).toBe(true);
    expect(femaleSurnames.some((n) => n.endsWith('ов'))).toBe(false);
  });
});

describe('the demo school in a database', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.deps.db;
    const outcome = await ensureDemoIn(db, clock);
    expect(outcome.status).toBe('created');
  });
  afterAll(async () => t.close());

  it('has grades 1–11 in about 25 classes with about 500 students, each in one class', async () => {
    const classes = await db.selectFrom('classes').select(['id', 'grade_level', 'name']).execute();
    expect(classes.length).toBe(25);
    expect(new Set(classes.map((c) => c.grade_level))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    const students = await db.selectFrom('students').select('id').execute();
    expect(students.length).toBeGreaterThanOrEqual(450);
    expect(students.length).toBeLessThanOrEqual(560);
    const memberships = await db.selectFrom('class_memberships').select(['student_id']).where('ends_on', 'is', null).execute();
    expect(memberships.length).toBe(students.length);
    expect(new Set(memberships.map((m) => m.student_id)).size).toBe(students.length);
    const enrolments = await db
      .selectFrom('student_movements')
      .select(['student_id', 'order_number', 'order_date'])
      .where('kind', '=', 'enrol')
      .execute();
    expect(enrolments.length).toBe(students.length);
    expect(enrolments.every((e) => e.order_number.length > 0 && e.order_date.length === 10)).toBe(true);
  });

  it('gives every student one or two parents with a kinship', async () => {
    const links = await db.selectFrom('student_parents').select(['student_id', 'kinship']).execute();
    const perStudent = new Map<string, number>();
    for (const l of links) perStudent.set(l.student_id, (perStudent.get(l.student_id) ?? 0) + 1);
    const students = await db.selectFrom('students').select('id').execute();
    for (const s of students) expect([1, 2]).toContain(perStudent.get(s.id));
    expect(new Set(links.map((l) => l.kinship))).toEqual(new Set(['mother', 'father', 'grandmother']));
  });

  it('has about 40 teachers, a class teacher in every class, and subjects with realistic hours', async () => {
    const teachers = await db.selectFrom('curriculum').select('teacher_id').distinct().execute();
    expect(teachers.length).toBeGreaterThanOrEqual(35);
    expect(teachers.length).toBeLessThanOrEqual(45);
    const withoutTeacher = await db.selectFrom('classes').select('id').where('class_teacher_id', 'is', null).execute();
    expect(withoutTeacher).toEqual([]);
    const subjects = await db.selectFrom('subjects').select(['id', 'name']).execute();
    expect(subjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Русский язык', 'Математика', 'Алгебра', 'Английский язык']));
    const perClass = await db
      .selectFrom('curriculum as k')
      .innerJoin('classes as c', 'c.id', 'k.class_id')
      .select(['c.name', 'c.grade_level'])
      .select((eb) => eb.fn.sum<number>('k.hours_per_week').as('hours'))
      .groupBy(['c.name', 'c.grade_level'])
      .execute();
    // Whole-class hours (English groups come on top from grade 5); five-day-week ceilings of the ФОП.
    for (const c of perClass) {
      expect(Number(c.hours)).toBeGreaterThanOrEqual(c.grade_level <= 4 ? 20 : 23);
      expect(Number(c.hours)).toBeLessThanOrEqual(34);
    }
  });

  it('splits English into two groups in grades 5–11, every student of those classes in one group', async () => {
    const groups = await db
      .selectFrom('study_groups as g')
      .innerJoin('classes as c', 'c.id', 'g.class_id')
      .select(['g.id', 'c.grade_level'])
      .execute();
    const seniorClasses = await db.selectFrom('classes').select('id').where('grade_level', '>=', 5).execute();
    expect(groups.length).toBe(seniorClasses.length * 2);
    expect(groups.every((g) => g.grade_level >= 5)).toBe(true);
    const inSenior = await db
      .selectFrom('class_memberships as m')
      .innerJoin('classes as c', 'c.id', 'm.class_id')
      .select('m.student_id')
      .where('c.grade_level', '>=', 5)
      .execute();
    const groupMembers = await db.selectFrom('group_memberships').select('student_id').execute();
    expect(groupMembers.map((g) => g.student_id).sort()).toEqual(inSenior.map((m) => m.student_id).sort());
    const englishByGroup = await db.selectFrom('curriculum').select('group_id').where('group_id', 'is not', null).execute();
    expect(englishByGroup.length).toBe(groups.length);
  });

  it('has the 2026/2027 year with quarters for grades 1–9, half-years for 10–11, vacations and bells', async () => {
    const years = await db.selectFrom('academic_years').selectAll().execute();
    expect(years.map((y) => [y.starts_on, y.ends_on])).toEqual([['2026-09-01', '2027-05-31']]);
    const periods = await db.selectFrom('study_periods').select(['kind', 'grade_from', 'grade_to']).execute();
    expect(periods.filter((p) => p.kind === 'quarter' && p.grade_from === 1 && p.grade_to === 9).length).toBe(4);
    expect(periods.filter((p) => p.kind === 'half_year' && p.grade_from === 10 && p.grade_to === 11).length).toBe(2);
    const vacations = await db.selectFrom('holidays').select('name').where('kind', '=', 'vacation').execute();
    expect(vacations.length).toBe(3);
    expect((await db.selectFrom('bells').select('id').execute()).length).toBeGreaterThanOrEqual(6);
  });

  it('marks the school and the demo accounts as demo, all with the demo password', async () => {
    const schools = await db.selectFrom('schools').select('is_demo').execute();
    expect(schools).toEqual([{ is_demo: 1 }]);
    const users = await db.selectFrom('users').select(['login', 'is_demo', 'password_hash']).execute();
    expect(users.map((u) => u.login).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.login).sort());
    expect(users.every((u) => u.is_demo === 1)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]?.password_hash as string)).toBe(true);
    expect(await databaseContents(db)).toBe('demo');
  });

  it('signs every demo account in, each with its role', async () => {
    const expected: Record<string, string> = {
      operator: 'operator',
      admin: 'school_admin',
      director: 'director',
      secretary: 'secretary',
      teacher: 'teacher',
      classteacher: 'class_teacher',
      parent: 'parent',
      student: 'student',
    };
    for (const [login, role] of Object.entries(expected)) {
      const client = await t.signIn(login, DEMO_PASSWORD);
      const me = (await client.get('/api/auth/me')).json();
      expect(me.schools).toHaveLength(1);
      expect(me.schools[0].roles).toContain(role);
    }
    const teacher = await t.signIn('teacher', DEMO_PASSWORD);
    expect((await teacher.get('/api/auth/me')).json().schools[0].roles).toEqual(['teacher']);
  });

  it('gives the parent two children in different classes, the student being one of them', async () => {
    const parentUser = await userIdOf(db, 'parent');
    const children = await db
      .selectFrom('parents as p')
      .innerJoin('student_parents as sp', 'sp.parent_id', 'p.id')
      .innerJoin('students as s', 's.id', 'sp.student_id')
      .innerJoin('class_memberships as m', 'm.student_id', 's.id')
      .select(['s.id', 's.user_id', 'm.class_id'])
      .where('p.user_id', '=', parentUser)
      .execute();
    expect(children).toHaveLength(2);
    expect(children[0]?.class_id).not.toBe(children[1]?.class_id);
    const studentUser = await userIdOf(db, 'student');
    expect(children.map((c) => c.user_id)).toContain(studentUser);
  });

  it('has the demo teacher teach both children’s classes and the class teacher lead and teach the student’s class', async () => {
    const parentUser = await userIdOf(db, 'parent');
    const childClasses = await db
      .selectFrom('parents as p')
      .innerJoin('student_parents as sp', 'sp.parent_id', 'p.id')
      .innerJoin('class_memberships as m', 'm.student_id', 'sp.student_id')
      .innerJoin('students as s', 's.id', 'sp.student_id')
      .select(['m.class_id', 's.user_id'])
      .where('p.user_id', '=', parentUser)
      .execute();
    const taughtByTeacher = await classesTaughtBy(db, await userIdOf(db, 'teacher'));
    for (const c of childClasses) expect(taughtByTeacher).toContain(c.class_id);

    const classTeacherUser = await userIdOf(db, 'classteacher');
    const led = await db
      .selectFrom('classes as c')
      .innerJoin('staff as s', 's.id', 'c.class_teacher_id')
      .select('c.id')
      .where('s.user_id', '=', classTeacherUser)
      .execute();
    const studentsClass = childClasses.find((c) => c.user_id !== null)?.class_id;
    expect(led.map((c) => c.id)).toEqual([studentsClass]);
    expect(await classesTaughtBy(db, classTeacherUser)).toContain(studentsClass);
  });

  it('leaves a demo database as it is when started again with --demo', async () => {
    const before = await studentNames(db);
    expect((await ensureDemoIn(db, clock)).status).toBe('present');
    expect(await studentNames(db)).toEqual(before);
  });

  it('rebuilds the same school on --reset', async () => {
    const before = await studentNames(db);
    const oldSchool = await db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
    const outcome = await resetDemoIn(db, t.deps.dialect.kind, clock);
    expect(outcome.status).toBe('created');
    expect(await studentNames(db)).toEqual(before);
    const schools = await db.selectFrom('schools').select('id').execute();
    expect(schools).toHaveLength(1);
    expect(schools[0]?.id).not.toBe(oldSchool.id);
    await t.signIn('parent', DEMO_PASSWORD);
  });
});

describe('a database with real schools', () => {
  it('never gets demo accounts, and --reset refuses to wipe it', async () => {
    const database = await createTestDatabase();
    try {
      const db = database.handle.db;
      const world = await makeSchoolWorld(db);
      expect(await databaseContents(db)).toBe('real');
      expect((await ensureDemoIn(db, clock)).status).toBe('refused');
      expect((await resetDemoIn(db, database.handle.kind, clock)).status).toBe('refused');
      const demoUsers = await db.selectFrom('users').select('id').where('is_demo', '=', 1).execute();
      expect(demoUsers).toEqual([]);
      const schools = await db.selectFrom('schools').select('id').execute();
      expect(schools.map((s) => s.id)).toEqual([world.schoolId]);
    } finally {
      await database.drop();
    }
  });

  it('makes `otmetka demo --reset` exit non-zero with a clear message', async () => {
    // The command opens DATABASE_URL itself, so this runs on a SQLite file on both test runs.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-demo-cmd-'));
    const config = loadConfig({ DATA_DIR: dir });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await runDemoCommand(config, false)).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/otmetka-demo/);
      expect(await runDemoCommand(config, true)).toBe(0);

      const { connect } = await import('../db/connect.js');
      const handle = connect(config.databaseUrl);
      await makeSchoolWorld(handle.db);
      await handle.close();

      expect(await runDemoCommand(config, true)).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toMatch(/Refusing: this database holds real schools/);
      const check = connect(config.databaseUrl);
      const schools = await check.db.selectFrom('schools').select('is_demo').execute();
      await check.close();
      expect(schools.map((s) => s.is_demo).sort()).toEqual([0, 1]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
