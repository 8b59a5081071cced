// Builds every row of the demo school in memory, then writes them in bulk.
//
// This generator writes rows directly with Kysely for speed (a few thousand rows in a second or
// two) and is not a user path: no access checks, one audit entry for the whole school. Real
// schools are created and filled through the school and people services.

import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { searchTextOf } from '../lib/search-text.js';
import {
  ACADEMIC_YEAR,
  BELLS,
  CLASS_LETTERS,
  classSizeRange,
  HOLIDAYS,
  type Pool,
  PRIMARY_TEACHER_POSITION,
  SPECIALISTS,
  STUDY_PERIODS,
  SUBJECTS,
} from './demo-curriculum.js';
import { FEMALE_NAMES, MALE_NAMES, type MaleName, type Sex, STREETS, SURNAMES, type Surname } from './demo-names.js';
import { SeededRandom } from './demo-random.js';

export const DEMO_PASSWORD = 'otmetka-demo';
const SEED = 20260901;

/** The fixed demo accounts, in the order they are printed. */
export const DEMO_ACCOUNTS = [
  { login: 'operator', role: 'operator', description: 'operator (education committee over the demo school)' },
  { login: 'admin', role: 'school_admin', description: 'school administrator' },
  { login: 'director', role: 'director', description: 'director' },
  { login: 'secretary', role: 'secretary', description: 'secretary' },
  { login: 'teacher', role: 'teacher', description: 'teacher (mathematics in both children’s classes)' },
  { login: 'classteacher', role: 'teacher', description: 'class teacher (leads the older child’s class)' },
  { login: 'parent', role: 'parent', description: 'parent of two children in different classes' },
  { login: 'student', role: 'student', description: 'student (the parent’s older child)' },
] as const;
export type DemoLogin = (typeof DEMO_ACCOUNTS)[number]['login'];

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

/** Every row of the demo, table by table, in an order that satisfies the foreign keys. */
export interface DemoRows {
  operators: Rows<'operators'>;
  schools: Rows<'schools'>;
  users: Rows<'users'>;
  role_assignments: Rows<'role_assignments'>;
  academic_years: Rows<'academic_years'>;
  study_periods: Rows<'study_periods'>;
  holidays: Rows<'holidays'>;
  bells: Rows<'bells'>;
  staff: Rows<'staff'>;
  classes: Rows<'classes'>;
  study_groups: Rows<'study_groups'>;
  subjects: Rows<'subjects'>;
  curriculum: Rows<'curriculum'>;
  students: Rows<'students'>;
  parents: Rows<'parents'>;
  student_parents: Rows<'student_parents'>;
  student_movements: Rows<'student_movements'>;
  class_memberships: Rows<'class_memberships'>;
  group_memberships: Rows<'group_memberships'>;
  audit_log: Rows<'audit_log'>;
}

export interface DemoSchool {
  schoolId: string;
  schoolName: string;
  rows: DemoRows;
  /** The people behind the demo accounts, for the printout and the tests. */
  accounts: Record<DemoLogin, { userId: string; displayName: string }>;
}

interface Person {
  surname: string;
  name: string;
  patronymic: string;
  sex: Sex;
}

const fullName = (p: Person) => `${p.surname} ${p.name} ${p.patronymic}`;
const initials = (p: Person) => `${p.surname} ${p.name[0]}. ${p.patronymic[0]}.`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function randomDate(rng: SeededRandom, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const day = rng.int(0, Math.round((end - start) / 86_400_000));
  return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}

function makeAdult(rng: SeededRandom, sex: Sex, surname?: Surname): Person {
  const family = surname ?? rng.pick(SURNAMES);
  const father = rng.pick(MALE_NAMES);
  return sex === 'm'
    ? { surname: family.m, name: rng.pick(MALE_NAMES).name, patronymic: father.son, sex }
    : { surname: family.f, name: rng.pick(FEMALE_NAMES), patronymic: father.daughter, sex };
}

function mobilePhone(rng: SeededRandom): string {
  return `+7 9${rng.int(0, 9)}${rng.int(0, 9)} ${rng.int(100, 999)}-${pad(rng.int(0, 99))}-${pad(rng.int(0, 99))}`;
}

interface ClassInfo {
  id: string;
  grade: number;
  name: string;
  groupIds: string[];
  classTeacherId: string | null;
}

interface Teacher {
  staffId: string;
  pool: Pool;
  person: Person;
  hours: number;
  leads: boolean;
}

/** Lays out the whole demo school; the same seed gives the same people, classes and links every time. */
export function buildDemoSchool(now: Date, passwordHash: string): DemoSchool {
  const rng = new SeededRandom(SEED);
  const at = now.toISOString();
  const rows: DemoRows = {
    operators: [],
    schools: [],
    users: [],
    role_assignments: [],
    academic_years: [],
    study_periods: [],
    holidays: [],
    bells: [],
    staff: [],
    classes: [],
    study_groups: [],
    subjects: [],
    curriculum: [],
    students: [],
    parents: [],
    student_parents: [],
    student_movements: [],
    class_memberships: [],
    group_memberships: [],
    audit_log: [],
  };
  const accounts = {} as DemoSchool['accounts'];
  const addAccount = (login: DemoLogin, person: Person | string) => {
    const id = newId();
    const displayName = typeof person === 'string' ? person : fullName(person);
    rows.users.push({
      id,
      login,
      password_hash: passwordHash,
      display_name: displayName,
      locale: 'ru',
      is_demo: 1,
      disabled_at: null,
      password_changed_at: at,
      created_at: at,
    });
    accounts[login] = { userId: id, displayName };
    return id;
  };

  // Operator and school.
  const operatorId = newId();
  rows.operators.push({
    id: operatorId,
    name: 'Комитет по образованию администрации городского округа «Город Светлогорск»',
    created_at: at,
  });
  const schoolId = newId();
  const schoolName = 'МАОУ СОШ № 17 (демонстрационная)';
  const yearId = newId();

  // Staff: management first, then specialists and primary teachers; no two share a surname, so
  // «Иванова М. П.» in a timetable is never ambiguous.
  const staffSurnames = new Set<string>();
  const newStaffPerson = (sex: Sex): Person => {
    for (;;) {
      const family = rng.pick(SURNAMES);
      if (staffSurnames.has(family.m)) continue;
      staffSurnames.add(family.m);
      return makeAdult(rng, sex, family);
    }
  };
  const staffRow = (person: Person, position: string, userId: string | null) => {
    const id = newId();
    rows.staff.push({
      id,
      school_id: schoolId,
      user_id: userId,
      surname: person.surname,
      name: person.name,
      patronymic: person.patronymic,
      position,
      email: null,
      phone: mobilePhone(rng),
      search_text: searchTextOf(person.surname, person.name, person.patronymic),
      created_at: at,
      left_on: null,
    });
    return id;
  };
  const grantRole = (userId: string, role: string, opts: { school?: boolean; operator?: boolean } = { school: true }) => {
    rows.role_assignments.push({
      id: newId(),
      user_id: userId,
      role,
      school_id: opts.school ? schoolId : null,
      operator_id: opts.operator ? operatorId : null,
      created_at: at,
    });
  };

  const operatorPerson = makeAdult(rng, 'f');
  grantRole(addAccount('operator', operatorPerson), 'operator', { operator: true });
  const directorPerson = newStaffPerson('m');
  const director = addAccount('director', directorPerson);
  staffRow(directorPerson, 'директор', director);
  grantRole(director, 'director');
  staffRow(newStaffPerson('f'), 'заместитель директора по учебно-воспитательной работе', null);
  const adminPerson = newStaffPerson('m');
  const admin = addAccount('admin', adminPerson);
  staffRow(adminPerson, 'заместитель директора по информатизации', admin);
  grantRole(admin, 'school_admin');
  const secretaryPerson = newStaffPerson('f');
  const secretary = addAccount('secretary', secretaryPerson);
  staffRow(secretaryPerson, 'секретарь', secretary);
  grantRole(secretary, 'secretary');

  const teachers: Teacher[] = [];
  for (const spec of SPECIALISTS) {
    for (let i = 0; i < spec.count; i++) {
      // Most teachers in a Russian school are women; PE and OBZR lean the other way.
      const maleShare = spec.pool === 'pe' || spec.pool === 'obzr' ? 0.6 : 0.15;
      const person = newStaffPerson(rng.chance(maleShare) ? 'm' : 'f');
      teachers.push({ staffId: staffRow(person, spec.position, null), pool: spec.pool, person, hours: 0, leads: false });
    }
  }

  rows.schools.push({
    id: schoolId,
    operator_id: operatorId,
    name: 'Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 17» (демонстрационная)',
    short_name: schoolName,
    address: '238560, Калининградская обл., г. Светлогорск, ул. Школьная, д. 1',
    director_name: initials(directorPerson),
    timezone: 'Europe/Kaliningrad',
    is_demo: 1,
    created_at: at,
  });

  // Calendar.
  rows.academic_years.push({
    id: yearId,
    school_id: schoolId,
    name: ACADEMIC_YEAR.name,
    starts_on: ACADEMIC_YEAR.startsOn,
    ends_on: ACADEMIC_YEAR.endsOn,
  });
  for (const p of STUDY_PERIODS) {
    rows.study_periods.push({
      id: newId(),
      school_id: schoolId,
      year_id: yearId,
      kind: p.kind,
      ordinal: p.ordinal,
      name: p.name,
      grade_from: p.gradeFrom,
      grade_to: p.gradeTo,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      closed_at: null,
      closed_by: null,
    });
  }
  for (const h of HOLIDAYS) {
    rows.holidays.push({
      id: newId(),
      school_id: schoolId,
      year_id: yearId,
      kind: h.kind,
      name: h.name,
      starts_on: h.startsOn,
      ends_on: h.endsOn,
    });
  }
  for (const [lessonNumber, startsAt, endsAt] of BELLS) {
    rows.bells.push({ id: newId(), school_id: schoolId, lesson_number: lessonNumber, starts_at: startsAt, ends_at: endsAt });
  }

  // Classes, with English split into two groups from grade 5; a primary teacher per primary class.
  const classes: ClassInfo[] = [];
  for (const [gradeText, letters] of Object.entries(CLASS_LETTERS)) {
    const grade = Number(gradeText);
    for (const letter of letters) {
      const info: ClassInfo = { id: newId(), grade, name: `${grade}${letter}`, groupIds: [], classTeacherId: null };
      if (grade <= 4) {
        const person = newStaffPerson(rng.chance(0.05) ? 'm' : 'f');
        const teacher: Teacher = {
          staffId: staffRow(person, PRIMARY_TEACHER_POSITION, null),
          pool: 'primary',
          person,
          hours: 0,
          leads: true,
        };
        teachers.push(teacher);
        info.classTeacherId = teacher.staffId;
      }
      classes.push(info);
    }
  }
  const splitGrade = Math.min(...SUBJECTS.flatMap((s) => (s.splitFromGrade ? [s.splitFromGrade] : [])));
  for (const c of classes) {
    if (c.grade < splitGrade) continue;
    for (const n of [1, 2]) {
      const id = newId();
      c.groupIds.push(id);
      rows.study_groups.push({ id, school_id: schoolId, year_id: yearId, class_id: c.id, name: `${c.name} английский ${n}` });
    }
  }

  // Subjects and curriculum. A specialist keeps all of a pool's subjects in a class (algebra,
  // geometry and statistics go to one mathematics teacher); within a pool the least-loaded takes
  // the next class, so loads even out.
  const subjectIds = new Map<string, string>();
  for (const s of SUBJECTS) {
    const id = newId();
    subjectIds.set(s.name, id);
    rows.subjects.push({ id, school_id: schoolId, name: s.name, short_name: s.shortName });
  }
  const assigned = new Map<string, Teacher>(); // `${pool}:${classId}:${groupIndex}` → teacher
  const teacherFor = (pool: Pool, c: ClassInfo, unit: number, hours: number): Teacher => {
    if (pool === 'primary') {
      const own = teachers.find((t) => t.staffId === c.classTeacherId);
      if (!own) throw new Error(`no primary teacher for ${c.name}`);
      own.hours += hours;
      return own;
    }
    const key = `${pool}:${c.id}:${unit}`;
    let teacher = assigned.get(key);
    if (!teacher) {
      const other = assigned.get(`${pool}:${c.id}:${1 - unit}`);
      const candidates = teachers.filter((t) => t.pool === pool && t !== other);
      const pool0 = candidates.length > 0 ? candidates : teachers.filter((t) => t.pool === pool);
      teacher = pool0.reduce((best, t) => (t.hours < best.hours ? t : best));
      assigned.set(key, teacher);
    }
    teacher.hours += hours;
    return teacher;
  };
  const teachesClass = new Map<string, Set<string>>(); // staffId → class ids (whole class or a group of it)
  const teachesWholeClass = new Map<string, Set<string>>(); // staffId → class ids taught without a split
  const noteTeaching = (t: Teacher, classId: string, wholeClass: boolean) => {
    for (const [map, add] of [
      [teachesClass, true],
      [teachesWholeClass, wholeClass],
    ] as const) {
      if (!add) continue;
      const set = map.get(t.staffId) ?? new Set<string>();
      set.add(classId);
      map.set(t.staffId, set);
    }
  };
  for (const c of classes) {
    for (const s of SUBJECTS) {
      const hours = s.hours[c.grade];
      if (!hours) continue;
      const pool = c.grade <= 4 ? s.pool.primary : s.pool.senior;
      const subjectId = subjectIds.get(s.name) as string;
      const units =
        s.splitFromGrade && c.grade >= s.splitFromGrade
          ? c.groupIds.map((g, i) => ({ groupId: g, unit: i }))
          : [{ groupId: null, unit: 0 }];
      for (const { groupId, unit } of units) {
        const teacher = teacherFor(pool, c, unit, hours);
        noteTeaching(teacher, c.id, groupId === null);
        rows.curriculum.push({
          id: newId(),
          school_id: schoolId,
          year_id: yearId,
          subject_id: subjectId,
          teacher_id: teacher.staffId,
          class_id: groupId ? null : c.id,
          group_id: groupId,
          hours_per_week: hours,
        });
      }
    }
  }

  // Class teachers of grades 5–11: a teacher who teaches the whole class (not one of its
  // groups), Russian-language teachers first. The first mathematics teacher stays without a class:
  // that is the demo `teacher`.
  const demoTeacher = teachers.find((t) => t.pool === 'math') as Teacher;
  const preference: Pool[] = [
    'russian',
    'history',
    'math',
    'physics',
    'biology',
    'geography',
    'chemistry',
    'informatics',
    'art',
    'english',
  ];
  const byPreference = preference.flatMap((pool) => teachers.filter((t) => t.pool === pool));
  for (const c of classes) {
    if (c.grade <= 4) continue;
    const free = (t: Teacher) => !t.leads && t !== demoTeacher;
    const leader =
      byPreference.find((t) => free(t) && teachesWholeClass.get(t.staffId)?.has(c.id)) ??
      byPreference.find((t) => free(t) && teachesClass.get(t.staffId)?.has(c.id));
    if (!leader) throw new Error(`no class teacher for ${c.name}`);
    leader.leads = true;
    c.classTeacherId = leader.staffId;
  }
  for (const c of classes) {
    rows.classes.push({
      id: c.id,
      school_id: schoolId,
      year_id: yearId,
      grade_level: c.grade,
      letter: c.name.slice(String(c.grade).length),
      name: c.name,
      class_teacher_id: c.classTeacherId,
    });
  }

  // The demo family: two children in two classes the demo teacher teaches, of different grades;
  // the older child's class teacher is the demo `classteacher`.
  const taught = classes.filter((c) => teachesClass.get(demoTeacher.staffId)?.has(c.id));
  const olderClass = taught.find((c) => c.grade >= 6 && c.grade <= 9) ?? taught[taught.length - 1];
  const youngerClass = taught.find((c) => olderClass && c.grade < olderClass.grade);
  if (!olderClass || !youngerClass) throw new Error('the demo teacher must teach two classes of different grades');
  const demoClassTeacher = teachers.find((t) => t.staffId === olderClass.classTeacherId) as Teacher;

  const teacherUser = addAccount('teacher', demoTeacher.person);
  grantRole(teacherUser, 'teacher');
  const classTeacherUser = addAccount('classteacher', demoClassTeacher.person);
  grantRole(classTeacherUser, 'teacher');
  for (const row of rows.staff) {
    if (row.id === demoTeacher.staffId) row.user_id = teacherUser;
    if (row.id === demoClassTeacher.staffId) row.user_id = classTeacherUser;
  }

  // Seats: every class gets its number of students; families of one or two children take them.
  const seats: ClassInfo[] = [];
  for (const c of classes) {
    const [min, max] = classSizeRange(c.grade);
    const size = rng.int(min, max);
    for (let i = 0; i < size; i++) seats.push(c);
  }
  const takeSeat = (c: ClassInfo) => seats.splice(seats.indexOf(c), 1);
  takeSeat(olderClass);
  takeSeat(youngerClass);
  const shuffled = rng.shuffle(seats);
  const families: ClassInfo[][] = [[olderClass, youngerClass]];
  for (let i = 0; i < shuffled.length; i++) {
    const first = shuffled[i] as ClassInfo;
    if (rng.chance(0.12)) {
      const j = shuffled.findIndex((c, k) => k > i && c.grade !== first.grade);
      if (j > i) {
        const second = shuffled[j] as ClassInfo;
        shuffled.splice(j, 1);
        families.push([first, second].sort((a, b) => b.grade - a.grade));
        continue;
      }
    }
    families.push([first]);
  }

  const fileNumbers = new Map<string, number>();
  const studentsByClass = new Map<string, Array<{ id: string; surname: string; name: string }>>();
  for (const [index, children] of families.entries()) {
    const isDemoFamily = index === 0;
    const surname = rng.pick(SURNAMES);
    const father: MaleName = rng.pick(MALE_NAMES);
    const address = `г. Светлогорск, ${rng.pick(STREETS)}, д. ${rng.int(1, 60)}, кв. ${rng.int(1, 120)}`;
    const homePhone = rng.chance(0.3) ? `+7 4012 ${rng.int(20, 99)}-${pad(rng.int(0, 99))}-${pad(rng.int(0, 99))}` : null;
    const childIds: string[] = [];
    for (const [childIndex, c] of children.entries()) {
      const sex: Sex = rng.chance(0.5) ? 'm' : 'f';
      const person: Person =
        sex === 'm'
          ? { surname: surname.m, name: rng.pick(MALE_NAMES).name, patronymic: father.son, sex }
          : { surname: surname.f, name: rng.pick(FEMALE_NAMES), patronymic: father.daughter, sex };
      // A child in grade g in 2026/27 turned 6½–7½ when starting grade 1, g−1 years earlier.
      const bornYear = 2026 - 6 - c.grade;
      const birthDate = randomDate(rng, `${bornYear - 1}-09-01`, `${bornYear}-08-31`);
      const letter = person.surname[0] as string;
      const number = (fileNumbers.get(letter) ?? 0) + 1;
      fileNumbers.set(letter, number);
      const fileNumber = `${letter}-${pad(number, 3)}`;
      const id = newId();
      const userId = isDemoFamily && childIndex === 0 ? addAccount('student', person) : null;
      if (userId) grantRole(userId, 'student');
      rows.students.push({
        id,
        school_id: schoolId,
        user_id: userId,
        file_number: fileNumber,
        surname: person.surname,
        name: person.name,
        patronymic: person.patronymic,
        birth_date: birthDate,
        sex,
        residence_address: address,
        registration_address: address,
        home_phone: homePhone,
        mobile_phone: c.grade >= 3 ? mobilePhone(rng) : null,
        birth_certificate: `${['I', 'II', 'III', 'IV'][rng.int(0, 3)]}-РЕ № ${rng.int(100000, 999999)}`,
        has_home_pc: rng.chance(0.85) ? 1 : 0,
        email: null,
        foreign_language: c.grade >= 2 ? 'английский' : null,
        additional_education: null,
        study_form: 'full_time',
        search_text: searchTextOf(person.surname, person.name, person.patronymic, fileNumber),
        created_at: at,
        updated_at: at,
      });
      childIds.push(id);
      const roster = studentsByClass.get(c.id) ?? [];
      roster.push({ id, surname: person.surname, name: person.name });
      studentsByClass.set(c.id, roster);
    }

    // Parents: both, the mother alone, the father alone, or a grandmother as guardian.
    const roll = rng.next();
    const parents: Array<{ person: Person; kinship: string }> = [];
    if (isDemoFamily || roll < 0.9) {
      parents.push({ person: makeAdult(rng, 'f', surname), kinship: 'mother' });
    }
    if (!isDemoFamily && (roll < 0.55 || (roll >= 0.9 && roll < 0.96))) {
      parents.push({
        person: { surname: surname.m, name: father.name, patronymic: rng.pick(MALE_NAMES).son, sex: 'm' },
        kinship: 'father',
      });
    }
    if (!isDemoFamily && roll >= 0.96) {
      parents.push({ person: makeAdult(rng, 'f', surname), kinship: 'grandmother' });
    }
    const oldestGrade = Math.max(...children.map((c) => c.grade));
    for (const [parentIndex, { person, kinship }] of parents.entries()) {
      const id = newId();
      const age = kinship === 'grandmother' ? rng.int(55, 68) : rng.int(26, 38) + oldestGrade;
      const userId = isDemoFamily && parentIndex === 0 ? addAccount('parent', person) : null;
      if (userId) grantRole(userId, 'parent');
      rows.parents.push({
        id,
        school_id: schoolId,
        user_id: userId,
        surname: person.surname,
        name: person.name,
        patronymic: person.patronymic,
        sex: person.sex,
        birth_date: randomDate(rng, `${2026 - age}-01-01`, `${2026 - age}-12-31`),
        residence_address: address,
        home_phone: homePhone,
        mobile_phone: mobilePhone(rng),
        workplace: null,
        position: null,
        work_phone: null,
        email: null,
        school_help: null,
        extra_contact: null,
        search_text: searchTextOf(person.surname, person.name, person.patronymic),
        created_at: at,
        updated_at: at,
      });
      for (const studentId of childIds) {
        rows.student_parents.push({ school_id: schoolId, student_id: studentId, parent_id: id, kinship });
      }
    }
  }

  // Enrolment for the year (one order for grade 1, one for moving everyone else up a grade) and
  // the English groups: the first half of the class list in group 1, the rest in group 2.
  const movement = (
    studentId: string,
    kind: string,
    classId: string | null,
    groupId: string | null,
    order: [string, string],
    reason: string,
  ) =>
    rows.student_movements.push({
      id: newId(),
      school_id: schoolId,
      student_id: studentId,
      kind,
      on_date: ACADEMIC_YEAR.startsOn,
      class_id: classId,
      group_id: groupId,
      order_number: order[0],
      order_date: order[1],
      reason,
      created_by: admin,
      created_at: at,
    });
  for (const c of classes) {
    const roster = (studentsByClass.get(c.id) ?? []).sort(
      (a, b) => a.surname.localeCompare(b.surname, 'ru') || a.name.localeCompare(b.name, 'ru'),
    );
    for (const [i, s] of roster.entries()) {
      if (c.grade === 1) movement(s.id, 'enrol', c.id, null, ['54-у', '2026-08-25'], 'Зачисление в 1 класс');
      else movement(s.id, 'enrol', c.id, null, ['118-у', '2026-08-31'], `Перевод в ${c.grade} класс`);
      rows.class_memberships.push({
        id: newId(),
        school_id: schoolId,
        student_id: s.id,
        class_id: c.id,
        starts_on: ACADEMIC_YEAR.startsOn,
        ends_on: null,
      });
      const groupId = c.groupIds.length === 2 ? c.groupIds[i < Math.ceil(roster.length / 2) ? 0 : 1] : undefined;
      if (groupId) {
        movement(s.id, 'group_join', null, groupId, ['119-у', '2026-08-31'], 'Деление класса на группы по английскому языку');
        rows.group_memberships.push({
          id: newId(),
          school_id: schoolId,
          student_id: s.id,
          group_id: groupId,
          starts_on: ACADEMIC_YEAR.startsOn,
          ends_on: null,
        });
      }
    }
  }

  rows.audit_log.push({
    id: newId(),
    school_id: schoolId,
    actor_user_id: null,
    action: 'create',
    entity: 'demo_school',
    entity_id: schoolId,
    details: JSON.stringify({ students: rows.students.length, staff: rows.staff.length, classes: rows.classes.length }),
    ip: 'system',
    at,
  });

  return { schoolId, schoolName, rows, accounts };
}

// Both SQLite (32766) and PostgreSQL (65535) cap bound parameters per statement.
const MAX_PARAMETERS = 30_000;

/** Writes the demo rows in one transaction, a few hundred rows per statement. */
export async function insertDemoRows(db: Db, rows: DemoRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of Object.keys(rows) as Array<keyof DemoRows>) {
      const all = rows[table] as Array<Record<string, unknown>>;
      if (all.length === 0) continue;
      const perRow = Object.keys(all[0] as object).length;
      const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
      for (let i = 0; i < all.length; i += chunk) {
        // The table/row pairing is checked where the rows are built (DemoRows); here they are opaque.
        await trx
          .insertInto(table)
          .values(all.slice(i, i + chunk) as never)
          .execute();
      }
    }
  });
}
