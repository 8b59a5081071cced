import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validConsents } from '../access/policy.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import { FixedClock } from '../lib/clock.js';
import { isoWeekday } from '../lib/dates.js';
import { verifyPassword } from '../modules/auth/auth.service.js';
import { createTestDatabase } from '../test/database.js';
import { makeSchoolWorld } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { verifyAll } from './audit-verify.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, databaseContents, ensureDemoIn, resetDemoIn, runDemoCommand } from './demo.js';
import { buildDemoConsents } from './demo-consents.js';
import { buildDemoJournal } from './demo-journal.js';
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

  it('lays out the same timetable, journal and consents on every run', () => {
    const content = (now = clock.now()) => {
      const school = buildDemoSchool(now, 'hash');
      const { rows } = school;
      const journal = buildDemoJournal(school, now);
      const consents = buildDemoConsents(school, journal.today, now);
      const file = new Map(rows.students.map((s) => [s.id, s.file_number]));
      const subject = new Map(rows.subjects.map((s) => [s.id, s.name]));
      const owner = new Map(
        rows.curriculum.map((k) => [
          k.id,
          `${k.class_id ? rows.classes.find((c) => c.id === k.class_id)?.name : rows.study_groups.find((g) => g.id === k.group_id)?.name} ${subject.get(k.subject_id)}`,
        ]),
      );
      const lessonOf = new Map(journal.rows.lessons.map((l) => [l.id, `${owner.get(l.curriculum_id)} ${l.date} ${l.lesson_number}`]));
      return {
        timetable: journal.rows.timetable_entries.map((e) => `${owner.get(e.curriculum_id)} ${e.weekday} ${e.lesson_number} ${e.room}`),
        changes: journal.rows.timetable_changes.map(
          (c) => `${owner.get(c.curriculum_id)} ${c.date} ${c.lesson_number} ${c.cancelled} ${c.room} ${c.note}`,
        ),
        lessons: journal.rows.lessons.map((l) => `${lessonOf.get(l.id)} ${l.topic} ${l.homework} ${l.homework_due_on} ${l.created_at}`),
        grades: journal.rows.grades.map(
          (g) => `${lessonOf.get(g.lesson_id as string)} ${file.get(g.student_id)} ${g.value} ${g.comment} ${g.entered_at}`,
        ),
        marks: journal.rows.attendance_marks.map((m) => `${lessonOf.get(m.lesson_id)} ${file.get(m.student_id)} ${m.mark}`),
        periodGrades: journal.rows.period_grades.map((p) => `${owner.get(p.curriculum_id)} ${file.get(p.student_id)} ${p.value}`),
        applications: consents.service_applications.map(
          (a) => `${a.number} ${a.child_full_name} ${a.status} ${a.registered_on} ${a.order_number}`,
        ),
        consents: consents.service_consents.map(
          (c) => `${c.child_full_name} ${c.parent_full_name} ${c.signed_on} ${c.child_fields} ${c.parent_fields}`,
        ),
      };
    };
    const a = content();
    expect(a.grades.length).toBeGreaterThan(20_000);
    expect(content()).toEqual(a);
    // A day later the journal only grows: what was there a week before stays as it was.
    const b = content(new Date(clock.now().getTime() + 86_400_000));
    const settled = (lines: string[]) => lines.filter((line) => (/ (2026-\d\d-\d\d) /.exec(line)?.[1] ?? '') < '2026-11-16');
    expect(settled(b.grades).map((g) => g.split(' ').slice(0, -1).join(' '))).toEqual(
      settled(a.grades).map((g) => g.split(' ').slice(0, -1).join(' ')),
    );
    expect(settled(b.lessons).length).toBeGreaterThan(3000);
    expect(settled(b.lessons)).toEqual(settled(a.lessons));
    expect(settled(b.marks)).toEqual(settled(a.marks));
  }, 120_000);
});

describe('the demo school in a database', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.deps.db;
    const outcome = await ensureDemoIn(db, clock);
    expect(outcome.status).toBe('created');
  }, 180_000);
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

  it("links the demo's bulk audit and grade-history rows into unbroken chains (decision 012)", async () => {
    const reports = await verifyAll(db);
    expect(reports.filter((r) => r.broken)).toEqual([]);
    const history = reports.filter((r) => r.table === 'journal_history');
    expect(history.reduce((n, r) => n + r.rows, 0)).toBeGreaterThan(1000);
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
  }, 180_000);

  // The timetable and journal (demo-journal.ts) and the families' consents (demo-consents.ts).

  it('has a weekly timetable with no teacher in two places and both English groups of a class side by side', async () => {
    const entries = await db
      .selectFrom('timetable_entries as e')
      .innerJoin('curriculum as k', 'k.id', 'e.curriculum_id')
      .leftJoin('study_groups as g', 'g.id', 'k.group_id')
      .innerJoin('classes as c', (j) => j.on((eb) => eb.or([eb('c.id', '=', eb.ref('k.class_id')), eb('c.id', '=', eb.ref('g.class_id'))])))
      .select([
        'e.weekday',
        'e.lesson_number',
        'e.valid_from',
        'e.valid_to',
        'k.teacher_id',
        'k.group_id',
        'k.hours_per_week',
        'k.id',
        'c.id as class_id',
        'c.grade_level',
      ])
      .execute();
    const curriculum = await db.selectFrom('curriculum').select(['id', 'hours_per_week']).execute();
    // Every curriculum item has its weekly hours, for the whole year.
    const perItem = new Map<string, number>();
    for (const e of entries) perItem.set(e.id, (perItem.get(e.id) ?? 0) + 1);
    for (const k of curriculum) expect(perItem.get(k.id)).toBe(k.hours_per_week);
    expect(entries.every((e) => e.valid_from === '2026-09-01' && e.valid_to === '2027-05-31' && e.weekday >= 1 && e.weekday <= 5)).toBe(
      true,
    );
    // No teacher twice in one slot.
    const teacherSlots = new Set<string>();
    for (const e of entries) {
      const key = `${e.teacher_id}|${e.weekday}|${e.lesson_number}`;
      expect(teacherSlots.has(key)).toBe(false);
      teacherSlots.add(key);
    }
    // A class has one lesson a slot (or its two groups together), no gaps, at most 5/6/7 a day.
    const classSlots = new Map<string, { whole: number; groups: number }>();
    for (const e of entries) {
      const key = `${e.class_id}|${e.weekday}|${e.lesson_number}`;
      const slot = classSlots.get(key) ?? { whole: 0, groups: 0 };
      if (e.group_id) slot.groups++;
      else slot.whole++;
      classSlots.set(key, slot);
    }
    for (const s of classSlots.values())
      expect([s.whole, s.groups]).toSatisfy(([w, g]: number[]) => (w === 1 && g === 0) || (w === 0 && g === 2));
    const days = new Map<string, number[]>();
    for (const key of classSlots.keys()) {
      const [classId, weekday, n] = key.split('|');
      const list = days.get(`${classId}|${weekday}`) ?? [];
      list.push(Number(n));
      days.set(`${classId}|${weekday}`, list);
    }
    const grade = new Map(entries.map((e) => [e.class_id, e.grade_level]));
    for (const [key, numbers] of days) {
      const g = grade.get(key.split('|')[0] as string) as number;
      expect(Math.max(...numbers)).toBe(numbers.length);
      expect(numbers.length).toBeLessThanOrEqual(g <= 4 ? 5 : g <= 6 ? 6 : 7);
    }
  });

  it('has lessons only on school days of the year before today, each where the timetable puts it', async () => {
    const lessons = await db
      .selectFrom('lessons as l')
      .select(['l.id', 'l.curriculum_id', 'l.date', 'l.lesson_number', 'l.topic', 'l.homework', 'l.homework_due_on'])
      .execute();
    expect(lessons.length).toBeGreaterThan(3000);
    const holidays = await db.selectFrom('holidays').select(['starts_on', 'ends_on']).execute();
    const entries = await db.selectFrom('timetable_entries').select(['curriculum_id', 'weekday', 'lesson_number']).execute();
    const slots = new Set(entries.map((e) => `${e.curriculum_id}|${e.weekday}|${e.lesson_number}`));
    for (const l of lessons) {
      expect(l.date >= '2026-09-01' && l.date < '2026-11-23').toBe(true);
      expect(holidays.some((h) => l.date >= h.starts_on && l.date <= h.ends_on)).toBe(false);
      expect(slots.has(`${l.curriculum_id}|${isoWeekday(l.date)}|${l.lesson_number}`)).toBe(true);
      if (l.homework_due_on) expect(l.homework_due_on > l.date).toBe(true);
    }
    const withTopic = lessons.filter((l) => l.topic).length / lessons.length;
    expect(withTopic).toBeGreaterThan(0.8);
    expect(lessons.filter((l) => l.homework).length / lessons.length).toBeGreaterThan(0.25);
  });

  it('gives grades within the five-point scale to students on the roster, with weights, history and no future entries', async () => {
    const grades = await db
      .selectFrom('grades as g')
      .innerJoin('lessons as l', 'l.id', 'g.lesson_id')
      .innerJoin('work_types as w', 'w.id', 'g.work_type_id')
      .select([
        'g.id',
        'g.value',
        'g.numeric_value',
        'g.scale',
        'g.work_date',
        'l.date',
        'g.entered_at',
        'g.entered_by',
        'w.code',
        'w.weight',
      ])
      .execute();
    expect(grades.length).toBeGreaterThan(20_000);
    const now = clock.now().toISOString();
    const outside = grades.filter(
      (g) =>
        !['1', '2', '3', '4', '5'].includes(g.value) ||
        g.numeric_value !== Number(g.value) ||
        g.scale !== 'five' ||
        g.work_date !== g.date ||
        g.entered_at < `${g.date}T00:00` ||
        g.entered_at >= now,
    );
    expect(outside).toEqual([]);
    expect(grades.some((g) => g.code === 'control' && Number(g.weight) === 2)).toBe(true);
    expect(new Set(grades.map((g) => g.value)).size).toBeGreaterThanOrEqual(4);
    const created = await db
      .selectFrom('journal_history')
      .select('entity_id')
      .where('entity', '=', 'grade')
      .where('action', '=', 'create')
      .execute();
    expect(new Set(created.map((h) => h.entity_id)).size).toBe(grades.length);
    // A few grades entered more than a week late, for the timeliness indicators (R9.2).
    const late = grades.filter((g) => Date.parse(g.entered_at) - Date.parse(`${g.date}T00:00:00Z`) > 8 * 86_400_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / grades.length).toBeLessThan(0.1);
    // Students graded are on the class's (or group's) roster.
    const offRoster = await db
      .selectFrom('grades as g')
      .innerJoin('curriculum as k', 'k.id', 'g.curriculum_id')
      .select('g.id')
      .where((eb) =>
        eb.not(
          eb.or([
            eb.exists(
              eb
                .selectFrom('class_memberships as m')
                .select('m.id')
                .whereRef('m.student_id', '=', 'g.student_id')
                .whereRef('m.class_id', '=', 'k.class_id'),
            ),
            eb.exists(
              eb
                .selectFrom('group_memberships as m')
                .select('m.id')
                .whereRef('m.student_id', '=', 'g.student_id')
                .whereRef('m.group_id', '=', 'k.group_id'),
            ),
          ]),
        ),
      )
      .execute();
    expect(offRoster).toEqual([]);
  });

  it('marks about one student-lesson in twenty absent or late, and closes the first quarter with period grades', async () => {
    const marks = await db.selectFrom('attendance_marks').select(['mark']).execute();
    expect(new Set(marks.map((m) => m.mark))).toEqual(new Set(['absent', 'ill', 'excused', 'late']));
    const grades = await db
      .selectFrom('grades')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // Grades fall on about 30 % of student-lessons, so student-lessons are about grades / 0.3.
    const share = marks.length / (Number(grades.n) / 0.3);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.1);
    const periods = await db.selectFrom('study_periods').select(['id', 'name', 'closed_at', 'ends_on']).orderBy('starts_on').execute();
    const closed = periods.filter((p) => p.closed_at !== null);
    expect(closed.map((p) => p.name)).toEqual(['1 четверть']);
    const periodGrades = await db.selectFrom('period_grades').select(['value', 'period_key', 'kind']).execute();
    expect(periodGrades.length).toBeGreaterThan(2000);
    expect(periodGrades.every((p) => p.kind === 'period' && p.period_key === closed[0]?.id)).toBe(true);
    expect(periodGrades.every((p) => ['2', '3', '4', '5', 'na'].includes(p.value))).toBe(true);
  });

  it('gives every family a valid consent, shows the parent both children, and leaves applications in progress', async () => {
    const schoolId = (await db.selectFrom('schools').select('id').executeTakeFirstOrThrow()).id;
    const links = await db.selectFrom('student_parents').select(['student_id', 'parent_id']).execute();
    const covered = await validConsents(db, schoolId, '2026-11-23').select('c.student_id').execute();
    const coveredIds = new Set(covered.map((c) => c.student_id));
    for (const l of links) expect(coveredIds.has(l.student_id)).toBe(true);
    const parent = await t.signIn('parent', DEMO_PASSWORD);
    const mine = (await parent.get('/api/my/students')).json();
    expect(mine.items.filter((c: { relation: string }) => c.relation === 'child')).toHaveLength(2);
    // The teacher's journal of the demo student's class shows last week's topics and grades.
    const teacher = await t.signIn('teacher', DEMO_PASSWORD);
    const journals = (await teacher.get(`/api/schools/${schoolId}/journals`)).json();
    const own = journals.items.find((j: { canWrite: boolean }) => j.canWrite);
    const page = (await teacher.get(`/api/schools/${schoolId}/journals/${own.curriculumId}`)).json();
    expect(page.lessons.some((l: { topic: string | null }) => l.topic)).toBe(true);
    expect(page.grades.length).toBeGreaterThan(0);
    // The director's deadlines: one decision overdue, others due, everything else done.
    const director = await t.signIn('director', DEMO_PASSWORD);
    const deadlines = (await director.get(`/api/schools/${schoolId}/service/deadlines`)).json();
    const items: Array<{ stage: string; overdue: boolean }> = deadlines.items;
    expect(items.filter((i) => i.overdue).map((i) => i.stage)).toEqual(['decision']);
    expect(new Set(items.map((i) => i.stage))).toEqual(new Set(['decision', 'order', 'access', 'operatorCopy']));
    const statuses = await db.selectFrom('service_applications').select('status').execute();
    expect(statuses.filter((s) => s.status === 'issued').length).toBeGreaterThan(400);
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
  }, 180_000);
});
