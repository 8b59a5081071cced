import SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../contract/schemas/service.js';
import type { Db } from '../server/db/connect.js';
import type { Database } from '../server/db/schema.js';
import { addDays, isoWeekday } from '../server/lib/dates.js';
import { hashPassword } from '../server/modules/auth/password.js';

/**
 * A deterministic city-sized dataset for load tests: N schools × 500 students (20 classes of 25,
 * grades 5–9), 30 lessons a week per class with English in two groups, a full school year
 * 2026/27 of lessons with topics and homework, grades (~20% of pupils per lesson) and attendance
 * marks (~4%), and a sample of parents with accounts, two children each and valid consents.
 * Same seed, same data: ids are derived from positions, randomness from a seeded generator.
 * Written with multi-row inserts inside one transaction per school.
 *
 *   npx tsx bench/generate.ts --schools 20 [--out bench/.data/diary-20.db]
 */

export const BENCH_PASSWORD = 'bench-password-1';
export const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
const CLASSES = 20;
const PUPILS = 25;
const NOW = '2026-08-31T09:00:00.000Z';
const HOLIDAYS: Array<[string, string, string]> = [
  ['Осенние каникулы', '2026-10-26', '2026-11-04'],
  ['Зимние каникулы', '2026-12-29', '2027-01-11'],
  ['Весенние каникулы', '2027-03-22', '2027-03-30'],
];
const QUARTERS: Array<[string, string]> = [
  ['2026-09-01', '2026-10-25'],
  ['2026-11-05', '2026-12-28'],
  ['2027-01-12', '2027-03-21'],
  ['2027-03-31', '2027-05-31'],
];
/** Subject, lessons a week (30 in all); English is taught in two groups at the same time. */
const PLAN: Array<[string, number]> = [
  ['Русский язык', 5],
  ['Литература', 3],
  ['Математика', 6],
  ['История', 2],
  ['Обществознание', 2],
  ['География', 2],
  ['Биология', 2],
  ['Физика', 2],
  ['Физическая культура', 3],
  ['Английский язык', 3],
];
const ENGLISH = PLAN.length - 1;
const WORK_TYPES: Array<[string, number, number]> = [
  ['answer', 1, 0],
  ['independent', 1.5, 0],
  ['control', 2, 1],
  ['homework', 1, 0],
  ['dictation', 1.5, 1],
  ['test', 1.5, 1],
  ['practical', 1.5, 0],
  ['essay', 1.5, 1],
];
const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
];
const NAMES = ['Александр', 'Мария', 'Иван', 'Анна', 'Дмитрий', 'Софья', 'Максим', 'Алиса', 'Артём', 'Виктория', 'Михаил', 'Полина'];
const LETTERS = ['А', 'Б', 'В', 'Г'];

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

type Table = keyof Database;
type Row<T extends Table> = Insertable<Database[T]>;

/** Where generated rows go: one transaction per school, bulk inserts inside it. */
export interface Sink {
  insert<T extends Table>(table: T, rows: readonly Row<T>[]): Promise<void>;
  transaction(work: () => Promise<void>): Promise<void>;
}

/** Multi-row inserts through Kysely, sized under both databases' parameter limits (PostgreSQL). */
export function kyselySink(db: Db): Sink {
  let current: Db = db;
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as object).length;
      const size = Math.max(1, Math.min(2000, Math.floor(30_000 / columns)));
      for (let i = 0; i < rows.length; i += size) {
        // Kysely cannot type a table chosen at run time; the rows are typed by the caller.
        await current
          .insertInto(table as 'schools')
          .values(rows.slice(i, i + size) as never)
          .execute();
      }
    },
    async transaction(work) {
      await db.transaction().execute(async (trx) => {
        current = trx;
        try {
          await work();
        } finally {
          current = db;
        }
      });
    },
  };
}

/** SQLite through better-sqlite3 prepared statements: several times faster than building SQL text. */
export function sqliteSink(file: string): Sink & { close(): void; deferIndexes(): () => void } {
  const sqlite = new SQLite(file);
  // Generated test data: no need to survive a power cut while it is written.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const statements = new Map<string, SQLite.Statement>();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as object);
      let statement = statements.get(table);
      if (!statement) {
        statement = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
        statements.set(table, statement);
      }
      for (const row of rows) statement.run(row);
    },
    async transaction(work) {
      sqlite.exec('begin');
      try {
        await work();
        sqlite.exec('commit');
      } catch (error) {
        sqlite.exec('rollback');
        throw error;
      }
    },
    close: () => sqlite.close(),
    deferIndexes: () => {
      // Building the big tables' indexes once after the load is much cheaper than keeping them up
      // to date row by row; they are recreated exactly as the migrations wrote them.
      const indexes = sqlite
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('grades', 'attendance_marks', 'lessons')",
        )
        .all() as Array<{ name: string; sql: string }>;
      for (const i of indexes) sqlite.exec(`drop index ${i.name}`);
      return () => {
        for (const i of indexes) sqlite.exec(i.sql);
        sqlite.exec('analyze');
        // better-sqlite3 is built with STAT4: with sqlite_stat4 rows, every statement whose plan
        // could depend on a bound value is re-prepared on each run (measured: the consent check
        // went from 10 µs to 64 µs). stat1 keeps the planner informed without that cost.
        sqlite.exec('delete from sqlite_stat4');
      };
    },
  };
}

/** The school days of the year (Monday–Friday outside holidays). */
export function schoolDays(): string[] {
  const out: string[] = [];
  for (let d = YEAR.startsOn; d <= YEAR.endsOn; d = addDays(d, 1)) {
    if (isoWeekday(d) > 5) continue;
    if (HOLIDAYS.some(([, from, to]) => d >= from && d <= to)) continue;
    out.push(d);
  }
  return out;
}

export interface GenerateOptions {
  schools: number;
  /** Parents with accounts per school (each with two children in the school). */
  parentAccountsPerSchool?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  rows: Record<string, number>;
  ms: number;
}

/** Writes the dataset into an empty, migrated database. */
export async function generateDataset(sink: Sink, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const accounts = options.parentAccountsPerSchool ?? 10;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const days = schoolDays();
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => {
    counts[table] = (counts[table] ?? 0) + n;
  };
  await sink.transaction(() =>
    sink.insert('operators', [{ id: 'bench-op', name: 'Комитет по образованию (нагрузочный тест)', created_at: NOW }]),
  );

  for (let s = 1; s <= options.schools; s++) {
    const rnd = random((options.seed ?? 2026) * 1000 + s);
    const sid = `bs${pad(s)}`;
    const id = (kind: string, ...parts: Array<number | string>) => `${sid}-${kind}${parts.map((p) => `-${p}`).join('')}`;
    await sink.transaction(async () => {
      const rows = {
        schools: [] as Row<'schools'>[],
        years: [] as Row<'academic_years'>[],
        periods: [] as Row<'study_periods'>[],
        holidays: [] as Row<'holidays'>[],
        bells: [] as Row<'bells'>[],
        staff: [] as Row<'staff'>[],
        subjects: [] as Row<'subjects'>[],
        classes: [] as Row<'classes'>[],
        groups: [] as Row<'study_groups'>[],
        curriculum: [] as Row<'curriculum'>[],
        entries: [] as Row<'timetable_entries'>[],
        students: [] as Row<'students'>[],
        movements: [] as Row<'student_movements'>[],
        classMemberships: [] as Row<'class_memberships'>[],
        groupMemberships: [] as Row<'group_memberships'>[],
        parents: [] as Row<'parents'>[],
        links: [] as Row<'student_parents'>[],
        users: [] as Row<'users'>[],
        roles: [] as Row<'role_assignments'>[],
        consents: [] as Row<'service_consents'>[],
        workTypes: [] as Row<'work_types'>[],
        lessons: [] as Row<'lessons'>[],
        grades: [] as Row<'grades'>[],
        marks: [] as Row<'attendance_marks'>[],
      };
      rows.schools.push({
        id: sid,
        operator_id: 'bench-op',
        name: `МАОУ СОШ № ${s} (нагрузочный тест)`,
        short_name: `СОШ № ${s}`,
        address: 'г. Калининград',
        director_name: 'Сидоров С. С.',
        timezone: 'Europe/Kaliningrad',
        is_demo: 0,
        created_at: NOW,
      });
      const yearId = id('year');
      rows.years.push({ id: yearId, school_id: sid, name: '2026/2027', starts_on: YEAR.startsOn, ends_on: YEAR.endsOn });
      QUARTERS.forEach(([from, to], i) => {
        rows.periods.push({
          id: id('q', i + 1),
          school_id: sid,
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
        });
      });
      HOLIDAYS.forEach(([name, from, to], i) => {
        rows.holidays.push({ id: id('hol', i), school_id: sid, year_id: yearId, kind: 'vacation', name, starts_on: from, ends_on: to });
      });
      for (let n = 1; n <= 6; n++) {
        const start = 8 * 60 + 30 + (n - 1) * 55;
        const hhmm = (m: number) => `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`;
        rows.bells.push({ id: id('bell', n), school_id: sid, lesson_number: n, starts_at: hhmm(start), ends_at: hhmm(start + 45) });
      }
      for (let t = 0; t < 40; t++) {
        const surname = `${SURNAMES[t % SURNAMES.length]}${t % 2 ? 'а' : ''}`;
        rows.staff.push({
          id: id('staff', t),
          school_id: sid,
          user_id: null,
          surname,
          name: NAMES[(t * 5) % NAMES.length] as string,
          patronymic: 'Петрович',
          position: 'учитель',
          email: null,
          phone: null,
          search_text: surname.toLowerCase(),
          created_at: NOW,
          left_on: null,
        });
      }
      PLAN.forEach(([name], i) => {
        rows.subjects.push({ id: id('subj', i), school_id: sid, name, short_name: name.slice(0, 4) });
      });
      WORK_TYPES.forEach(([code, weight, control], i) => {
        rows.workTypes.push({
          id: id('wt', code),
          school_id: sid,
          code,
          name: '',
          weight,
          is_control: control,
          ordinal: i,
          created_at: NOW,
        });
      });

      for (let c = 0; c < CLASSES; c++) {
        const grade = 5 + Math.floor(c / 4);
        const classId = id('class', c);
        rows.classes.push({
          id: classId,
          school_id: sid,
          year_id: yearId,
          grade_level: grade,
          letter: LETTERS[c % 4] as string,
          name: `${grade}${LETTERS[c % 4]}`,
          class_teacher_id: id('staff', c),
        });
        const groupIds = [id('group', c, 1), id('group', c, 2)];
        groupIds.forEach((g, i) => {
          rows.groups.push({ id: g, school_id: sid, year_id: yearId, class_id: classId, name: `${grade}${LETTERS[c % 4]} англ. ${i + 1}` });
        });
        // Curriculum items: one per whole-class subject, two for English (one per group).
        const items: Array<{ id: string; subject: number; groupIndex: number | null }> = [];
        PLAN.forEach(([, hours], subject) => {
          const owners: Array<number | null> = subject === ENGLISH ? [0, 1] : [null];
          for (const groupIndex of owners) {
            const itemId = id('cur', c, subject, groupIndex ?? 0);
            items.push({ id: itemId, subject, groupIndex });
            rows.curriculum.push({
              id: itemId,
              school_id: sid,
              year_id: yearId,
              subject_id: id('subj', subject),
              teacher_id: id('staff', (subject * 4 + c + (groupIndex ?? 0)) % 40),
              class_id: groupIndex === null ? classId : null,
              group_id: groupIndex === null ? null : (groupIds[groupIndex] as string),
              hours_per_week: hours,
            });
          }
        });
        // The 30 weekly slots, shuffled, handed out by the plan's hours.
        const slots: Array<[number, number]> = [];
        for (let wd = 1; wd <= 5; wd++) for (let n = 1; n <= 6; n++) slots.push([wd, n]);
        for (let i = slots.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [slots[i], slots[j]] = [slots[j] as [number, number], slots[i] as [number, number]];
        }
        const weekly = new Map<number, Array<{ item: string; lessonNumber: number }>>();
        let next = 0;
        PLAN.forEach(([, hours], subject) => {
          for (let h = 0; h < hours; h++) {
            const [weekday, lessonNumber] = slots[next++] as [number, number];
            for (const item of items.filter((x) => x.subject === subject)) {
              rows.entries.push({
                id: id('tt', c, weekday, lessonNumber, item.groupIndex ?? 0),
                school_id: sid,
                curriculum_id: item.id,
                weekday,
                lesson_number: lessonNumber,
                room: String(100 + c + (item.groupIndex ?? 0) * 50),
                valid_from: YEAR.startsOn,
                valid_to: YEAR.endsOn,
                version: 1,
                created_at: NOW,
                updated_at: NOW,
              });
              const list = weekly.get(weekday) ?? [];
              list.push({ item: item.id, lessonNumber });
              weekly.set(weekday, list);
            }
          }
        });

        const pupils: string[] = [];
        for (let k = 0; k < PUPILS; k++) {
          const studentId = id('stu', c, k);
          pupils.push(studentId);
          const surname = SURNAMES[(k + c) % SURNAMES.length] as string;
          rows.students.push({
            id: studentId,
            school_id: sid,
            user_id: null,
            file_number: `${s}-${c}-${k}`,
            surname,
            name: NAMES[(k * 7 + c) % NAMES.length] as string,
            patronymic: 'Сергеевич',
            birth_date: `${2026 - grade - 7}-0${1 + (k % 9)}-1${k % 9}`,
            sex: k % 2 ? 'f' : 'm',
            residence_address: null,
            registration_address: null,
            home_phone: null,
            mobile_phone: null,
            birth_certificate: null,
            has_home_pc: null,
            email: null,
            foreign_language: 'английский',
            additional_education: null,
            study_form: 'full_time',
            search_text: surname.toLowerCase(),
            created_at: NOW,
            updated_at: NOW,
          });
          rows.movements.push({
            id: id('mv', c, k),
            school_id: sid,
            student_id: studentId,
            kind: 'enrol',
            on_date: YEAR.startsOn,
            class_id: classId,
            group_id: null,
            order_number: '1-у',
            order_date: '2026-08-30',
            reason: '',
            created_by: 'system',
            created_at: NOW,
          });
          rows.classMemberships.push({
            id: id('cm', c, k),
            school_id: sid,
            student_id: studentId,
            class_id: classId,
            starts_on: YEAR.startsOn,
            ends_on: null,
          });
          rows.groupMemberships.push({
            id: id('gm', c, k),
            school_id: sid,
            student_id: studentId,
            group_id: groupIds[k % 2] as string,
            starts_on: YEAR.startsOn,
            ends_on: null,
          });
          rows.parents.push({
            id: id('par', c, k),
            school_id: sid,
            user_id: null,
            surname: `${surname}а`,
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
            search_text: `${surname}а`.toLowerCase(),
            created_at: NOW,
            updated_at: NOW,
          });
          rows.links.push({ school_id: sid, student_id: studentId, parent_id: id('par', c, k), kinship: 'mother' });
        }

        // The year's lessons, with topics, homework, grades and attendance.
        const lessonCount = new Map<string, number>();
        for (const date of days) {
          for (const { item, lessonNumber } of weekly.get(isoWeekday(date)) ?? []) {
            const ordinal = (lessonCount.get(item) ?? 0) + 1;
            lessonCount.set(item, ordinal);
            const lessonId = id('les', item.slice(sid.length + 5), date, lessonNumber);
            const homework = rnd() < 0.6;
            rows.lessons.push({
              id: lessonId,
              school_id: sid,
              curriculum_id: item,
              date,
              lesson_number: lessonNumber,
              topic: `Тема ${ordinal}`,
              homework: homework ? `Параграф ${ordinal}, упражнения ${ordinal * 3}–${ordinal * 3 + 2}` : null,
              homework_due_on: homework ? addDays(date, 7) : null,
              control_work_type_id: ordinal % 12 === 0 ? id('wt', 'control') : null,
              version: 1,
              entered_by: null,
              created_at: `${date}T12:00:00.000Z`,
              updated_by: null,
              updated_at: `${date}T12:00:00.000Z`,
            });
            const groupIndex = items.find((x) => x.id === item)?.groupIndex ?? null;
            pupils.forEach((studentId, k) => {
              if (groupIndex !== null && k % 2 !== groupIndex) return;
              const r = rnd();
              const at = `${date}T13:${pad(k % 60, 2)}:00.000Z`;
              if (r < 0.2 || (ordinal % 12 === 0 && r < 0.9)) {
                const value = String(r < 0.02 ? 2 : r < 0.06 ? 3 : r < 0.13 ? 4 : 5);
                const workType = ordinal % 12 === 0 ? 'control' : (WORK_TYPES[Math.floor(rnd() * 4)]?.[0] as string);
                rows.grades.push({
                  id: id('gr', lessonId.slice(sid.length + 5), k),
                  school_id: sid,
                  curriculum_id: item,
                  lesson_id: lessonId,
                  student_id: studentId,
                  work_date: date,
                  value,
                  numeric_value: Number(value),
                  scale: 'five',
                  work_type_id: id('wt', workType),
                  comment: '',
                  version: 1,
                  entered_by: null,
                  entered_at: at,
                  updated_by: null,
                  updated_at: at,
                });
              } else if (r > 0.96) {
                const mark = r > 0.99 ? 'late' : r > 0.98 ? 'ill' : r > 0.97 ? 'excused' : 'absent';
                rows.marks.push({
                  id: id('am', lessonId.slice(sid.length + 5), k),
                  school_id: sid,
                  curriculum_id: item,
                  lesson_id: lessonId,
                  student_id: studentId,
                  lesson_date: date,
                  mark,
                  version: 1,
                  entered_by: null,
                  entered_at: at,
                  updated_by: null,
                  updated_at: at,
                });
              }
            });
          }
        }
      }

      // Parents with accounts: each the parent of a pupil in class a and one in class a + 1, with consents.
      for (let p = 0; p < accounts; p++) {
        const userId = id('user', p);
        const c = (p * 3) % CLASSES;
        const children = [id('stu', c, p % PUPILS), id('stu', (c + 1) % CLASSES, (p * 7) % PUPILS)];
        rows.users.push({
          id: userId,
          login: `bench-${s}-${p}`,
          password_hash: passwordHash,
          display_name: `Родитель ${s}-${p}`,
          locale: 'ru',
          is_demo: 0,
          disabled_at: null,
          password_changed_at: NOW,
          created_at: NOW,
        });
        rows.roles.push({ id: id('role', p), user_id: userId, role: 'parent', school_id: sid, operator_id: null, created_at: NOW });
        const parentId = id('apar', p);
        rows.parents.push({
          id: parentId,
          school_id: sid,
          user_id: userId,
          surname: 'Родительская',
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
          search_text: 'родительская анна викторовна',
          created_at: NOW,
          updated_at: NOW,
        });
        children.forEach((studentId, i) => {
          rows.links.push({ school_id: sid, student_id: studentId, parent_id: parentId, kinship: 'mother' });
          rows.consents.push({
            id: id('consent', p, i),
            school_id: sid,
            application_id: null,
            student_id: studentId,
            parent_id: parentId,
            child_full_name: 'Ученик',
            parent_full_name: 'Родительская Анна Викторовна',
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
          });
        });
      }

      const order: Array<[Table, readonly Row<Table>[]]> = [
        ['schools', rows.schools],
        ['academic_years', rows.years],
        ['study_periods', rows.periods],
        ['holidays', rows.holidays],
        ['bells', rows.bells],
        ['staff', rows.staff],
        ['subjects', rows.subjects],
        ['work_types', rows.workTypes],
        ['classes', rows.classes],
        ['study_groups', rows.groups],
        ['curriculum', rows.curriculum],
        ['timetable_entries', rows.entries],
        ['students', rows.students],
        ['student_movements', rows.movements],
        ['class_memberships', rows.classMemberships],
        ['group_memberships', rows.groupMemberships],
        ['users', rows.users],
        ['role_assignments', rows.roles],
        ['parents', rows.parents],
        ['student_parents', rows.links],
        ['service_consents', rows.consents],
        ['lessons', rows.lessons],
        ['grades', rows.grades],
        ['attendance_marks', rows.marks],
      ] as Array<[Table, readonly Row<Table>[]]>;
      for (const [table, list] of order) {
        await sink.insert(table, list);
        count(table, list.length);
      }
    });
    log(`school ${s}/${options.schools}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { rows: counts, ms: performance.now() - started };
}

/** Logins of the generated parents with accounts. */
export async function benchParents(db: Db): Promise<Array<{ userId: string; schoolId: string; children: string[] }>> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('parents as p', 'p.user_id', 'u.id')
    .innerJoin('student_parents as sp', 'sp.parent_id', 'p.id')
    .select(['u.id', 'p.school_id', 'sp.student_id'])
    .where('u.login', 'like', 'bench-%')
    .orderBy('u.id')
    .orderBy('sp.student_id')
    .execute();
  const byUser = new Map<string, { userId: string; schoolId: string; children: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? { userId: r.id, schoolId: r.school_id, children: [] };
    entry.children.push(r.student_id);
    byUser.set(r.id, entry);
  }
  return [...byUser.values()];
}

async function main(): Promise<void> {
  const { connect } = await import('../server/db/connect.js');
  const { migrateToLatest } = await import('../server/db/migrate.js');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const schools = Number(arg('schools') ?? 20);
  const out = path.resolve(arg('out') ?? `bench/.data/diary-${schools}.db`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(out + suffix, { force: true });
  const handle = connect(`sqlite:${out}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const sink = sqliteSink(out);
  const restoreIndexes = sink.deferIndexes();
  const result = await generateDataset(sink, { schools, log: (line) => console.log(line) });
  const indexStarted = performance.now();
  restoreIndexes();
  console.log(`indexes: ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
  sink.close();
  console.log(JSON.stringify({ out, schools, seconds: Math.round(result.ms / 100) / 10, rows: result.rows }));
}

if (process.argv[1]?.endsWith('generate.ts')) await main();
