import type { Role } from '../../contract/roles.js';
import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../contract/schemas/service.js';
import type { Db } from '../db/connect.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../modules/auth/auth.service.js';

export const TEST_PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | undefined;
const testHash = () => {
  // At the tests' cost (2^14, the harness's PASSWORD_HASH_COST), computed once: signing in stays fast.
  passwordHash ??= hashPassword(TEST_PASSWORD, 14);
  return passwordHash;
};

const NOW = '2026-09-01T00:00:00.000Z';
let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(db: Db, opts: { login?: string; displayName?: string } = {}): Promise<{ id: string; login: string }> {
  const id = newId();
  const login = opts.login ?? unique('user');
  await db
    .insertInto('users')
    .values({
      id,
      login,
      password_hash: await testHash(),
      display_name: opts.displayName ?? login,
      locale: 'ru',
      is_demo: 0,
      disabled_at: null,
      password_changed_at: NOW,
      created_at: NOW,
    })
    .execute();
  return { id, login };
}

export async function grant(db: Db, userId: string, role: Role, schoolId: string | null, operatorId: string | null = null) {
  await db
    .insertInto('role_assignments')
    .values({ id: newId(), user_id: userId, role, school_id: schoolId, operator_id: operatorId, created_at: NOW })
    .execute();
}

export async function makeOperator(db: Db) {
  const id = newId();
  await db
    .insertInto('operators')
    .values({ id, name: unique('Оператор '), created_at: NOW })
    .execute();
  return { id };
}

export async function makeStaff(db: Db, schoolId: string, role: Role | null, opts: { surname?: string } = {}) {
  const user = await makeUser(db);
  const id = newId();
  const surname = opts.surname ?? 'Иванова';
  await db
    .insertInto('staff')
    .values({
      id,
      school_id: schoolId,
      user_id: user.id,
      surname,
      name: 'Мария',
      patronymic: 'Петровна',
      position: 'учитель',
      email: null,
      phone: null,
      search_text: `${surname} мария петровна`.toLowerCase(),
      created_at: NOW,
      left_on: null,
    })
    .execute();
  if (role) await grant(db, user.id, role, schoolId);
  return { id, user };
}

export async function makeStudent(
  db: Db,
  schoolId: string,
  classId: string | null,
  opts: { surname?: string; withAccount?: boolean } = {},
) {
  const id = newId();
  const user = opts.withAccount ? await makeUser(db) : null;
  const surname = opts.surname ?? 'Петров';
  await db
    .insertInto('students')
    .values({
      id,
      school_id: schoolId,
      user_id: user?.id ?? null,
      file_number: unique('Л-'),
      surname,
      name: 'Иван',
      patronymic: 'Сергеевич',
      birth_date: '2014-03-15',
      sex: 'm',
      residence_address: null,
      registration_address: null,
      home_phone: null,
      mobile_phone: null,
      birth_certificate: null,
      has_home_pc: null,
      email: null,
      foreign_language: null,
      additional_education: null,
      study_form: 'full_time',
      search_text: `${surname} иван сергеевич`.toLowerCase(),
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  if (user) await grant(db, user.id, 'student', schoolId);
  if (classId) {
    await db
      .insertInto('class_memberships')
      .values({ id: newId(), school_id: schoolId, student_id: id, class_id: classId, starts_on: '2026-09-01', ends_on: null })
      .execute();
    await db
      .insertInto('student_movements')
      .values({
        id: newId(),
        school_id: schoolId,
        student_id: id,
        kind: 'enrol',
        on_date: '2026-09-01',
        class_id: classId,
        group_id: null,
        order_number: '1-у',
        order_date: '2026-08-30',
        reason: '',
        created_by: 'system',
        created_at: NOW,
      })
      .execute();
  }
  return { id, user };
}

/**
 * Records a valid consent (Приложение 2, every field, every purpose) for a child, signed by a parent
 * or, with parentId null, by the student themself. Without one the policy hides the child from the
 * family (R6.5).
 */
export async function giveConsent(db: Db, schoolId: string, studentId: string, parentId: string | null): Promise<string> {
  const id = newId();
  await db
    .insertInto('service_consents')
    .values({
      id,
      school_id: schoolId,
      application_id: null,
      student_id: studentId,
      parent_id: parentId,
      child_full_name: 'Петров Иван Сергеевич',
      parent_full_name: 'Петрова Анна Викторовна',
      child_fields: JSON.stringify(CHILD_CONSENT_FIELDS),
      parent_fields: JSON.stringify(PARENT_CONSENT_FIELDS),
      purposes: JSON.stringify(CONSENT_PURPOSES),
      depersonalised_only: 0,
      signed_on: '2026-08-25',
      received_on: '2026-08-25',
      withdrawn_on: null,
      withdrawn_at: null,
      withdrawn_by: null,
      operator_copy_sent_on: null,
      operator_copy_method: null,
      created_by: 'system',
      created_at: NOW,
    })
    .execute();
  return id;
}

/** A parent of these students with an account; by default with a valid consent for each child. */
export async function makeParent(db: Db, schoolId: string, studentIds: string[], opts: { consent?: boolean } = {}) {
  const user = await makeUser(db);
  const id = newId();
  await db
    .insertInto('parents')
    .values({
      id,
      school_id: schoolId,
      user_id: user.id,
      surname: 'Петрова',
      name: 'Анна',
      patronymic: 'Викторовна',
      sex: 'f',
      birth_date: null,
      residence_address: null,
      home_phone: null,
      mobile_phone: null,
      workplace: null,
      position: null,
      work_phone: null,
      email: null,
      school_help: null,
      extra_contact: null,
      search_text: 'петрова анна викторовна',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  for (const studentId of studentIds) {
    await db
      .insertInto('student_parents')
      .values({ school_id: schoolId, student_id: studentId, parent_id: id, kinship: 'mother' })
      .execute();
    if (opts.consent !== false) await giveConsent(db, schoolId, studentId, id);
  }
  await grant(db, user.id, 'parent', schoolId);
  return { id, user };
}

export interface SchoolWorld {
  schoolId: string;
  operatorId: string;
  yearId: string;
  periodIds: string[];
  classIds: { a: string; b: string };
  groupId: string;
  subjectIds: { math: string; english: string };
  curriculumIds: { mathA: string; englishGroup: string };
  users: {
    operator: { id: string; login: string };
    admin: { id: string; login: string };
    director: { id: string; login: string };
    deputy: { id: string; login: string };
    secretary: { id: string; login: string };
    teacher: { id: string; login: string };
    classTeacher: { id: string; login: string };
    otherTeacher: { id: string; login: string };
    parent: { id: string; login: string };
    student: { id: string; login: string };
  };
  staffIds: { teacher: string; classTeacher: string; otherTeacher: string };
  studentIds: { inA: string; inB: string; inA2: string };
  parentId: string;
}

/**
 * One complete school for a test: a year with quarters, two classes (5А taught by `teacher`, 5Б
 * led by `classTeacher`), a language group, every role, a parent of the student in 5А.
 */
export async function makeSchoolWorld(db: Db, opts: { operatorId?: string } = {}): Promise<SchoolWorld> {
  const operatorId = opts.operatorId ?? (await makeOperator(db)).id;
  const schoolId = newId();
  await db
    .insertInto('schools')
    .values({
      id: schoolId,
      operator_id: operatorId,
      name: unique('МАОУ СОШ № '),
      short_name: unique('СОШ '),
      address: 'г. Калининград',
      director_name: 'Сидоров С. С.',
      timezone: 'Europe/Kaliningrad',
      is_demo: 0,
      created_at: NOW,
    })
    .execute();
  const yearId = newId();
  await db
    .insertInto('academic_years')
    .values({ id: yearId, school_id: schoolId, name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-31' })
    .execute();
  const quarters: Array<[string, string]> = [
    ['2026-09-01', '2026-10-24'],
    ['2026-11-05', '2026-12-28'],
    ['2027-01-12', '2027-03-21'],
    ['2027-03-31', '2027-05-31'],
  ];
  const periodIds: string[] = [];
  for (const [i, [from, to]] of quarters.entries()) {
    const id = newId();
    periodIds.push(id);
    await db
      .insertInto('study_periods')
      .values({
        id,
        school_id: schoolId,
        year_id: yearId,
        kind: 'quarter',
        ordinal: i + 1,
        name: `${i + 1} четверть`,
        grade_from: 1,
        grade_to: 11,
        starts_on: from,
        ends_on: to,
        closed_at: null,
        closed_by: null,
      })
      .execute();
  }
  const admin = await makeStaff(db, schoolId, 'school_admin');
  const director = await makeStaff(db, schoolId, 'director');
  const deputy = await makeStaff(db, schoolId, 'deputy');
  const secretary = await makeStaff(db, schoolId, 'secretary');
  const teacher = await makeStaff(db, schoolId, 'teacher');
  const classTeacher = await makeStaff(db, schoolId, 'teacher');
  const otherTeacher = await makeStaff(db, schoolId, 'teacher');
  const operatorUser = await makeUser(db);
  await grant(db, operatorUser.id, 'operator', null, operatorId);

  const classA = newId();
  const classB = newId();
  await db
    .insertInto('classes')
    .values({ id: classA, school_id: schoolId, year_id: yearId, grade_level: 5, letter: 'А', name: '5А', class_teacher_id: null })
    .execute();
  await db
    .insertInto('classes')
    .values({
      id: classB,
      school_id: schoolId,
      year_id: yearId,
      grade_level: 5,
      letter: 'Б',
      name: '5Б',
      class_teacher_id: classTeacher.id,
    })
    .execute();
  const groupId = newId();
  await db
    .insertInto('study_groups')
    .values({ id: groupId, school_id: schoolId, year_id: yearId, class_id: classA, name: '5А английский 1' })
    .execute();
  const math = newId();
  const english = newId();
  await db.insertInto('subjects').values({ id: math, school_id: schoolId, name: 'Математика', short_name: 'Мат' }).execute();
  await db.insertInto('subjects').values({ id: english, school_id: schoolId, name: 'Английский язык', short_name: 'Англ' }).execute();
  const mathA = newId();
  const englishGroup = newId();
  await db
    .insertInto('curriculum')
    .values({
      id: mathA,
      school_id: schoolId,
      year_id: yearId,
      subject_id: math,
      teacher_id: teacher.id,
      class_id: classA,
      group_id: null,
      hours_per_week: 5,
    })
    .execute();
  await db
    .insertInto('curriculum')
    .values({
      id: englishGroup,
      school_id: schoolId,
      year_id: yearId,
      subject_id: english,
      teacher_id: otherTeacher.id,
      class_id: null,
      group_id: groupId,
      hours_per_week: 3,
    })
    .execute();

  const inA = await makeStudent(db, schoolId, classA, { withAccount: true });
  const inA2 = await makeStudent(db, schoolId, classA, { surname: 'Смирнов' });
  const inB = await makeStudent(db, schoolId, classB, { surname: 'Кузнецов' });
  await db
    .insertInto('group_memberships')
    .values({ id: newId(), school_id: schoolId, student_id: inA2.id, group_id: groupId, starts_on: '2026-09-01', ends_on: null })
    .execute();
  // makeParent records the family's consent, so the parent and the student see the child (R6.5).
  const parent = await makeParent(db, schoolId, [inA.id]);

  return {
    schoolId,
    operatorId,
    yearId,
    periodIds,
    classIds: { a: classA, b: classB },
    groupId,
    subjectIds: { math, english },
    curriculumIds: { mathA, englishGroup },
    users: {
      operator: operatorUser,
      admin: admin.user,
      director: director.user,
      deputy: deputy.user,
      secretary: secretary.user,
      teacher: teacher.user,
      classTeacher: classTeacher.user,
      otherTeacher: otherTeacher.user,
      parent: parent.user,
      student: inA.user as { id: string; login: string },
    },
    staffIds: { teacher: teacher.id, classTeacher: classTeacher.id, otherTeacher: otherTeacher.id },
    studentIds: { inA: inA.id, inB: inB.id, inA2: inA2.id },
    parentId: parent.id,
  };
}
