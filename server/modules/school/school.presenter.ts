import type { Selectable } from 'kysely';
import type {
  Bell,
  CurriculumEntry,
  Holiday,
  HolidayKind,
  Period,
  PeriodKind,
  School,
  SchoolClass,
  StudyGroup,
  Subject,
  Year,
} from '../../../contract/schemas/school.js';
import type { ClassRow, CurriculumRow, GroupRow } from './classes.repository.js';
import type { AcademicYearsTable, BellsTable, HolidaysTable, SchoolsTable, StudyPeriodsTable, SubjectsTable } from './school.table.js';

/** Row → API mappers for the school structure (snake_case rows, camelCase JSON). */

/** «Иванова М. П.»: how a teacher is named in lists, journals and the diary. */
export function shortPersonName(surname: string, name: string, patronymic: string): string {
  const initials = [name, patronymic]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => `${part[0]?.toUpperCase()}.`)
    .join(' ');
  return initials ? `${surname} ${initials}` : surname;
}

export function presentSchool(row: Selectable<SchoolsTable>): School {
  return {
    id: row.id,
    operatorId: row.operator_id,
    name: row.name,
    shortName: row.short_name,
    address: row.address,
    directorName: row.director_name,
    timezone: row.timezone,
    workingDaysPerWeek: row.working_days_per_week,
    isDemo: row.is_demo === 1,
  };
}

export function presentYear(row: AcademicYearsTable): Year {
  return { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
}

export function presentPeriod(row: StudyPeriodsTable): Period {
  return {
    id: row.id,
    yearId: row.year_id,
    kind: row.kind as PeriodKind,
    ordinal: row.ordinal,
    name: row.name,
    gradeFrom: row.grade_from,
    gradeTo: row.grade_to,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    closedAt: row.closed_at,
  };
}

export function presentHoliday(row: HolidaysTable): Holiday {
  return {
    id: row.id,
    yearId: row.year_id,
    kind: row.kind as HolidayKind,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

export function presentBell(row: BellsTable): Bell {
  return { id: row.id, lessonNumber: row.lesson_number, startsAt: row.starts_at, endsAt: row.ends_at };
}

export function presentClass(row: ClassRow): SchoolClass {
  return {
    id: row.id,
    yearId: row.year_id,
    gradeLevel: row.grade_level,
    letter: row.letter,
    name: row.name,
    classTeacherId: row.class_teacher_id,
    classTeacherName:
      row.teacher_surname === null ? null : shortPersonName(row.teacher_surname, row.teacher_name ?? '', row.teacher_patronymic ?? ''),
  };
}

export function presentGroup(row: GroupRow): StudyGroup {
  return { id: row.id, yearId: row.year_id, classId: row.class_id, className: row.class_name, name: row.name };
}

export function presentSubject(row: SubjectsTable): Subject {
  return { id: row.id, name: row.name, shortName: row.short_name };
}

export function presentCurriculum(row: CurriculumRow): CurriculumEntry {
  return {
    id: row.id,
    yearId: row.year_id,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    teacherId: row.teacher_id,
    teacherName: shortPersonName(row.teacher_surname, row.teacher_name, row.teacher_patronymic),
    classId: row.class_id,
    groupId: row.group_id,
    targetName: row.class_name ?? row.group_name ?? '',
    hoursPerWeek: row.hours_per_week,
  };
}
