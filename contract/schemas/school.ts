import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { CLASS_LIMITS, GROUP_LIMITS, HOLIDAY_LIMITS, PERIOD_LIMITS, SUBJECT_LIMITS, YEAR_LIMITS } from '../limits.js';
import { Hhmm, Id, IsoDate, Nullable, RequiredText, ShortText } from './common.js';

/**
 * School structure (R1.1–R1.3): schools, academic years, study periods, holidays, bells, classes,
 * groups, subjects and the curriculum. Request bodies reject unknown fields; PATCH bodies are
 * partial but must carry at least one field.
 */

/** A string enum as a plain JSON-schema `enum`, so a wrong value is reported with the allowed list. */
const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** Partial body for PATCH: every field optional; the service refuses an empty body. */
const patchOf = <T extends TProperties>(properties: T) =>
  Type.Partial(Type.Object(properties), {
    additionalProperties: false,
    description: 'Partial update: only the fields given change; at least one field is required.',
  });

export const PERIOD_KINDS = ['quarter', 'trimester', 'half_year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const HOLIDAY_KINDS = ['vacation', 'public_holiday', 'day_off'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export const GradeLevel = Type.Integer({ minimum: 1, maximum: 11 });
/** Days a week the school studies: 5 (Mon–Fri) or 6 (Mon–Sat). Sunday is never a school day. */
export const WorkingDaysPerWeek = Type.Integer({ minimum: 5, maximum: 6 });
/** A class letter: one to three Cyrillic letters (А, Б, … ; stored upper-case). */
export const ClassLetter = Type.String({ minLength: 1, maxLength: CLASS_LIMITS.letter, pattern: '^[А-ЯЁа-яё]{1,3}$' });
export const LessonNumber = Type.Integer({ minimum: 0, maximum: 12 });
export const HoursPerWeek = Type.Integer({ minimum: 1, maximum: 40 });

const itemsOf = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item) });

// ---------------------------------------------------------------- schools

export const SchoolSchema = Type.Object({
  id: Type.String(),
  operatorId: Nullable(Type.String()),
  name: Type.String(),
  shortName: Type.String(),
  address: Type.String(),
  directorName: Type.String(),
  /** IANA time zone, e.g. Europe/Kaliningrad; dates of lessons and deadlines are counted in it. */
  timezone: Type.String(),
  workingDaysPerWeek: WorkingDaysPerWeek,
  isDemo: Type.Boolean(),
});
export type School = Static<typeof SchoolSchema>;
export const SchoolListSchema = itemsOf(SchoolSchema);

const schoolFields = {
  name: RequiredText(300),
  shortName: RequiredText(100),
  address: ShortText(500),
  directorName: ShortText(200),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name, e.g. Europe/Moscow' }),
  workingDaysPerWeek: WorkingDaysPerWeek,
};

export const SchoolCreateBody = Type.Object(
  {
    name: schoolFields.name,
    shortName: schoolFields.shortName,
    address: Type.Optional(schoolFields.address),
    directorName: Type.Optional(schoolFields.directorName),
    timezone: schoolFields.timezone,
    workingDaysPerWeek: Type.Optional(schoolFields.workingDaysPerWeek),
    operatorId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Needed only by an operator user acting for several operators; defaults to their one operator.',
      }),
    ),
  },
  { additionalProperties: false, description: 'Operators only: creates a school under the operator.' },
);
export type SchoolCreate = Static<typeof SchoolCreateBody>;
export const SchoolPatchBody = patchOf(schoolFields);
export type SchoolPatch = Static<typeof SchoolPatchBody>;

// ---------------------------------------------------------------- academic years

export const YearSchema = Type.Object({ id: Type.String(), name: Type.String(), startsOn: Type.String(), endsOn: Type.String() });
export type Year = Static<typeof YearSchema>;
export const YearListSchema = itemsOf(YearSchema);

const yearFields = { name: RequiredText(YEAR_LIMITS.name), startsOn: IsoDate, endsOn: IsoDate };
export const YearCreateBody = Type.Object(yearFields, {
  additionalProperties: false,
  description: 'Years of one school must not overlap; startsOn ≤ endsOn.',
});
export type YearCreate = Static<typeof YearCreateBody>;
export const YearPatchBody = patchOf(yearFields);
export type YearPatch = Static<typeof YearPatchBody>;

// ---------------------------------------------------------------- study periods

export const PeriodSchema = Type.Object({
  id: Type.String(),
  yearId: Type.String(),
  kind: StringEnum(PERIOD_KINDS),
  ordinal: Type.Integer(),
  name: Type.String(),
  gradeFrom: Type.Integer(),
  gradeTo: Type.Integer(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  /** Set by the journal when the period is closed (R4.2); read-only here. */
  closedAt: Nullable(Type.String()),
});
export type Period = Static<typeof PeriodSchema>;
export const PeriodListSchema = itemsOf(PeriodSchema);
export const PeriodListQuery = Type.Object({ yearId: Type.Optional(Id) }, { additionalProperties: false });

const periodFields = {
  kind: StringEnum(PERIOD_KINDS),
  ordinal: Type.Integer({ minimum: 1, maximum: 6 }),
  name: RequiredText(PERIOD_LIMITS.name),
  gradeFrom: GradeLevel,
  gradeTo: GradeLevel,
  startsOn: IsoDate,
  endsOn: IsoDate,
};
export const PeriodCreateBody = Type.Object(
  { yearId: Id, ...periodFields },
  {
    additionalProperties: false,
    description: 'Dates inside the year; gradeFrom ≤ gradeTo; periods whose grade ranges intersect must not overlap in dates.',
  },
);
export type PeriodCreate = Static<typeof PeriodCreateBody>;
export const PeriodPatchBody = patchOf(periodFields);
export type PeriodPatch = Static<typeof PeriodPatchBody>;

/** The preset's answer: the periods it created. */
export const PeriodPresetDescription =
  'Creates the standard Russian study periods for the year in one transaction: four quarters for grades 1–9 ' +
  '(1: year start – 26 Oct, 2: 5 Nov – 28 Dec, 3: 9 Jan – 21 Mar, 4: 1 Apr – year end) and two half-years for grades 10–11 ' +
  '(1: year start – 28 Dec, 2: 9 Jan – year end). Refused with 409 when the year already has periods. Edit the dates afterwards ' +
  'to match the regional calendar.';

// ---------------------------------------------------------------- holidays

export const HolidaySchema = Type.Object({
  id: Type.String(),
  yearId: Type.String(),
  kind: StringEnum(HOLIDAY_KINDS),
  name: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
});
export type Holiday = Static<typeof HolidaySchema>;
export const HolidayListSchema = itemsOf(HolidaySchema);
export const HolidayListQuery = Type.Object({ yearId: Type.Optional(Id) }, { additionalProperties: false });

const holidayFields = { kind: StringEnum(HOLIDAY_KINDS), name: RequiredText(HOLIDAY_LIMITS.name), startsOn: IsoDate, endsOn: IsoDate };
export const HolidayCreateBody = Type.Object(
  { yearId: Id, ...holidayFields },
  { additionalProperties: false, description: 'Days off school (vacation, public holiday, extra day off), inside the year.' },
);
export type HolidayCreate = Static<typeof HolidayCreateBody>;
export const HolidayPatchBody = patchOf(holidayFields);
export type HolidayPatch = Static<typeof HolidayPatchBody>;

// ---------------------------------------------------------------- bells

export const BellSchema = Type.Object({ id: Type.String(), lessonNumber: Type.Integer(), startsAt: Type.String(), endsAt: Type.String() });
export type Bell = Static<typeof BellSchema>;
export const BellListSchema = itemsOf(BellSchema);

const bellFields = { lessonNumber: LessonNumber, startsAt: Hhmm, endsAt: Hhmm };
export const BellCreateBody = Type.Object(bellFields, {
  additionalProperties: false,
  description: 'Times HH:MM in the school time zone; a lesson ends after it starts; lessons do not overlap; lesson numbers are unique.',
});
export type BellCreate = Static<typeof BellCreateBody>;
export const BellPatchBody = patchOf(bellFields);
export type BellPatch = Static<typeof BellPatchBody>;
export const BellReplaceBody = Type.Object(
  { items: Type.Array(BellCreateBody, { maxItems: 13 }) },
  { additionalProperties: false, description: 'Replaces the whole bell schedule atomically.' },
);
export type BellReplace = Static<typeof BellReplaceBody>;

// ---------------------------------------------------------------- classes

export const ClassSchema = Type.Object({
  id: Type.String(),
  yearId: Type.String(),
  gradeLevel: Type.Integer(),
  letter: Type.String(),
  /** `${gradeLevel}${letter}`, e.g. 5А; unique within a year. */
  name: Type.String(),
  classTeacherId: Nullable(Type.String()),
  /** «Иванова М. П.» */
  classTeacherName: Nullable(Type.String()),
});
export type SchoolClass = Static<typeof ClassSchema>;
export const ClassListSchema = itemsOf(ClassSchema);
export const ClassListQuery = Type.Object({ yearId: Type.Optional(Id) }, { additionalProperties: false });

const classFields = { gradeLevel: GradeLevel, letter: ClassLetter, classTeacherId: Nullable(Id) };
export const ClassCreateBody = Type.Object(
  { yearId: Id, gradeLevel: classFields.gradeLevel, letter: classFields.letter, classTeacherId: Type.Optional(classFields.classTeacherId) },
  { additionalProperties: false, description: 'classTeacherId: a current staff member of this school, or null.' },
);
export type ClassCreate = Static<typeof ClassCreateBody>;
export const ClassPatchBody = patchOf(classFields);
export type ClassPatch = Static<typeof ClassPatchBody>;

// ---------------------------------------------------------------- groups

export const GroupSchema = Type.Object({
  id: Type.String(),
  yearId: Type.String(),
  /** Null for a cross-class group. */
  classId: Nullable(Type.String()),
  className: Nullable(Type.String()),
  name: Type.String(),
});
export type StudyGroup = Static<typeof GroupSchema>;
export const GroupListSchema = itemsOf(GroupSchema);
export const GroupListQuery = Type.Object({ yearId: Type.Optional(Id), classId: Type.Optional(Id) }, { additionalProperties: false });

export const GroupCreateBody = Type.Object(
  { yearId: Id, classId: Type.Optional(Nullable(Id)), name: RequiredText(GROUP_LIMITS.name) },
  { additionalProperties: false, description: 'classId: a class of the same year, or null/absent for a cross-class group.' },
);
export type GroupCreate = Static<typeof GroupCreateBody>;
export const GroupPatchBody = patchOf({ name: RequiredText(GROUP_LIMITS.name) });
export type GroupPatch = Static<typeof GroupPatchBody>;

// ---------------------------------------------------------------- subjects

export const SubjectSchema = Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String() });
export type Subject = Static<typeof SubjectSchema>;
export const SubjectListSchema = itemsOf(SubjectSchema);

const subjectFields = { name: RequiredText(SUBJECT_LIMITS.name), shortName: RequiredText(SUBJECT_LIMITS.shortName) };
export const SubjectCreateBody = Type.Object(subjectFields, {
  additionalProperties: false,
  description: 'name is unique within the school.',
});
export type SubjectCreate = Static<typeof SubjectCreateBody>;
export const SubjectPatchBody = patchOf(subjectFields);
export type SubjectPatch = Static<typeof SubjectPatchBody>;

// ---------------------------------------------------------------- curriculum

export const CurriculumSchema = Type.Object({
  id: Type.String(),
  yearId: Type.String(),
  subjectId: Type.String(),
  subjectName: Type.String(),
  teacherId: Type.String(),
  /** «Иванова М. П.» */
  teacherName: Type.String(),
  classId: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  /** The class name (5А) or the group name, whichever the entry is for. */
  targetName: Type.String(),
  hoursPerWeek: Type.Integer(),
});
export type CurriculumEntry = Static<typeof CurriculumSchema>;
export const CurriculumListSchema = itemsOf(CurriculumSchema);
export const CurriculumListQuery = Type.Object(
  {
    yearId: Type.Optional(Id),
    classId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    teacherId: Type.Optional(Id),
    subjectId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CurriculumFilter = Static<typeof CurriculumListQuery>;

export const CurriculumCreateBody = Type.Object(
  {
    subjectId: Id,
    teacherId: Id,
    classId: Type.Optional(Nullable(Id)),
    groupId: Type.Optional(Nullable(Id)),
    hoursPerWeek: HoursPerWeek,
  },
  {
    additionalProperties: false,
    description:
      'Exactly one of classId / groupId; the year is the class’s or group’s. The same subject + class/group + teacher may appear once.',
  },
);
export type CurriculumCreate = Static<typeof CurriculumCreateBody>;
export const CurriculumPatchBody = patchOf({ subjectId: Id, teacherId: Id, hoursPerWeek: HoursPerWeek });
export type CurriculumPatch = Static<typeof CurriculumPatchBody>;
