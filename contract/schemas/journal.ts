import { type Static, Type } from '@sinclair/typebox';
import { GRADE_LIMITS, GRADE_SCALE_LIMITS, LESSON_RECORD_LIMITS, REASON_MAX, WORK_TYPE_LIMITS } from '../limits.js';
import { Id, IsoDate, Nullable, RequiredText, ShortText } from './common.js';
import { LessonNumber } from './timetable.js';

/** The class journal (R3, R4): lesson records, grades, attendance, period grades, history. */

/** Attendance marks (R3.3): н absent, б ill, у excused, оп late. */
export const AttendanceMark = { absent: 'absent', ill: 'ill', excused: 'excused', late: 'late' } as const;
export type AttendanceMark = (typeof AttendanceMark)[keyof typeof AttendanceMark];
export const ATTENDANCE_MARKS = Object.values(AttendanceMark);
export const AttendanceMarkSchema = Type.Union([
  Type.Literal('absent'),
  Type.Literal('ill'),
  Type.Literal('excused'),
  Type.Literal('late'),
]);

/** Kinds of period and final grades (R4.1). */
export const PeriodGradeKind = { period: 'period', year: 'year', exam: 'exam', final: 'final' } as const;
export type PeriodGradeKind = (typeof PeriodGradeKind)[keyof typeof PeriodGradeKind];
export const PeriodGradeKindSchema = Type.Union([
  Type.Literal('period'),
  Type.Literal('year'),
  Type.Literal('exam'),
  Type.Literal('final'),
]);

/** Special period-grade values besides the scale's own: «н/а», «осв.», «зач», «незач». */
export const SpecialGrade = { notAttested: 'na', exempt: 'exempt', pass: 'pass', fail: 'fail' } as const;
export const SPECIAL_GRADES: readonly string[] = Object.values(SpecialGrade);

/** Built-in grade scales; a school's own scales are addressed by their id. */
export const BuiltInScale = { five: 'five', passFail: 'pass_fail', ten: 'ten', twelve: 'twelve' } as const;

/** Optimistic concurrency: every mutable row carries a version; 0 means "I saw no row". */
export const Version = Type.Integer({ minimum: 0 });
/** Why a closed period's record is changed (R4.2); required only then, and only an admin may. */
export const Reason = RequiredText(REASON_MAX);

export const GradeScaleValueSchema = Type.Object({ value: Type.String(), numeric: Nullable(Type.Number()) });
export const GradeScaleSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  builtIn: Type.Boolean(),
  values: Type.Array(GradeScaleValueSchema),
});
export type GradeScale = Static<typeof GradeScaleSchema>;
export const GradeScaleCreateBody = Type.Object(
  {
    name: RequiredText(GRADE_SCALE_LIMITS.name),
    values: Type.Array(
      Type.Object(
        { value: RequiredText(10), numeric: Nullable(Type.Number({ minimum: -1000, maximum: 1000 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export const GradeScalesSchema = Type.Object({ defaultScale: Type.String(), items: Type.Array(GradeScaleSchema) });
export const DefaultScaleBody = Type.Object({ scale: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** A curriculum item's own scale (null: the school's default). */
export const CurriculumScaleSchema = Type.Object({ curriculumId: Type.String(), scale: Nullable(Type.String()) });
export type CurriculumScale = Static<typeof CurriculumScaleSchema>;
export const CurriculumScalesSchema = Type.Object({ defaultScale: Type.String(), items: Type.Array(CurriculumScaleSchema) });
export type CurriculumScales = Static<typeof CurriculumScalesSchema>;
export const CurriculumScaleBody = Type.Object(
  { scale: Nullable(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
export const CurriculumScaleResult = Type.Object({
  curriculumId: Type.String(),
  scale: Nullable(Type.String()),
  /** The scale the item's journal now uses. */
  effectiveScale: Type.String(),
});

export const WorkTypeSchema = Type.Object({
  id: Type.String(),
  /** Built-in kind (answer, independent, control, homework, dictation, test, …) or null for a school's own. */
  code: Nullable(Type.String()),
  name: Type.String(),
  weight: Type.Number(),
  isControl: Type.Boolean(),
});
export type WorkType = Static<typeof WorkTypeSchema>;
export const WorkTypeCreateBody = Type.Object(
  {
    name: RequiredText(WORK_TYPE_LIMITS.name),
    weight: Type.Number({ minimum: 0.1, maximum: 10 }),
    isControl: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const WorkTypeUpdateBody = Type.Object(
  {
    name: Type.Optional(RequiredText(WORK_TYPE_LIMITS.name)),
    weight: Type.Optional(Type.Number({ minimum: 0.1, maximum: 10 })),
    isControl: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const LessonRecordSchema = Type.Object({
  id: Type.String(),
  curriculumId: Type.String(),
  date: Type.String(),
  lessonNumber: Type.Integer(),
  topic: Nullable(Type.String()),
  homework: Nullable(Type.String()),
  homeworkDueOn: Nullable(Type.String()),
  /** Work type id of the control work held at this lesson, if any. */
  controlWorkTypeId: Nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Type.String(),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
      uploadedAt: Type.String(),
    }),
  ),
});
export type LessonRecord = Static<typeof LessonRecordSchema>;

export const LessonParams = Type.Object({ schoolId: Id, curriculumId: Id, date: IsoDate, lessonNumber: LessonNumber });
export const LessonWriteBody = Type.Object(
  {
    topic: Type.Optional(Nullable(ShortText(LESSON_RECORD_LIMITS.topic))),
    homework: Type.Optional(Nullable(ShortText(LESSON_RECORD_LIMITS.homework))),
    /** Default when homework is first given: the date of the next lesson of this curriculum item. */
    homeworkDueOn: Type.Optional(Nullable(IsoDate)),
    controlWorkTypeId: Type.Optional(Nullable(Id)),
    version: Version,
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);

export const GradeSchema = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  curriculumId: Type.String(),
  /** Null for a grade given outside a lesson (a dated piece of work). */
  lessonId: Nullable(Type.String()),
  date: Type.String(),
  lessonNumber: Nullable(Type.Integer()),
  value: Type.String(),
  numeric: Nullable(Type.Number()),
  scale: Type.String(),
  workTypeId: Type.String(),
  comment: Type.String(),
  version: Type.Integer(),
  enteredBy: Nullable(Type.String()),
  enteredAt: Type.String(),
  updatedAt: Type.String(),
});
export type Grade = Static<typeof GradeSchema>;

/**
 * Headers of a journal save: an `Idempotency-Key` the client makes once per save and sends again
 * when it retries, so a save whose answer was lost is never stored twice.
 */
export const SaveHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' })),
});

export const GradeCreateBody = Type.Object(
  {
    studentId: Id,
    date: IsoDate,
    /** Omit for a grade outside a lesson. */
    lessonNumber: Type.Optional(LessonNumber),
    value: RequiredText(10),
    /** A built-in scale code or a school scale id; the school's default when omitted. */
    scale: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    workTypeId: Id,
    comment: Type.Optional(ShortText(GRADE_LIMITS.comment)),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export const GradeUpdateBody = Type.Object(
  {
    value: Type.Optional(RequiredText(10)),
    workTypeId: Type.Optional(Id),
    comment: Type.Optional(ShortText(GRADE_LIMITS.comment)),
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export const GradeDeleteQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.Optional(Reason) },
  { additionalProperties: false },
);

export const AttendanceSchema = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  lessonId: Type.String(),
  date: Type.String(),
  lessonNumber: Type.Integer(),
  mark: AttendanceMarkSchema,
  version: Type.Integer(),
  enteredAt: Type.String(),
  updatedAt: Type.String(),
});
export type Attendance = Static<typeof AttendanceSchema>;
export const AttendanceWriteBody = Type.Object(
  {
    studentId: Id,
    date: IsoDate,
    lessonNumber: LessonNumber,
    /** Null clears the mark. */
    mark: Nullable(AttendanceMarkSchema),
    /** The version the client saw; 0 when it saw no mark. */
    version: Version,
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
/** Answer to an attendance write: the mark now stored, or null after a clear. */
export const AttendanceWriteResult = Type.Object({ item: Nullable(AttendanceSchema) });

export const PeriodGradeSchema = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  curriculumId: Type.String(),
  kind: PeriodGradeKindSchema,
  periodId: Nullable(Type.String()),
  value: Type.String(),
  version: Type.Integer(),
  enteredAt: Type.String(),
  updatedAt: Type.String(),
});
export type PeriodGrade = Static<typeof PeriodGradeSchema>;
export const PeriodGradeWriteBody = Type.Object(
  {
    studentId: Id,
    kind: PeriodGradeKindSchema,
    /** Required for kind "period", absent otherwise. */
    periodId: Type.Optional(Id),
    /** A value of the scale or na / exempt / pass / fail; null clears. */
    value: Nullable(RequiredText(10)),
    version: Version,
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export const PeriodGradeWriteResult = Type.Object({ item: Nullable(PeriodGradeSchema) });

export const AverageSchema = Type.Object({
  studentId: Type.String(),
  count: Type.Integer(),
  plain: Nullable(Type.Number()),
  weighted: Nullable(Type.Number()),
  /** What the system proposes as the period grade (weighted average, ≥ x.5 rounds up); the teacher decides. */
  proposed: Nullable(Type.String()),
});
export type Average = Static<typeof AverageSchema>;

export const PeriodSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  closed: Type.Boolean(),
});

export const JournalLessonSchema = Type.Object({
  /** Null until the lesson holds journal content; writes address it by date and lessonNumber. */
  id: Nullable(Type.String()),
  date: Type.String(),
  lessonNumber: Type.Integer(),
  /** The teacher's topic, else the thematic plan's topic for this lesson. */
  topic: Nullable(Type.String()),
  plannedTopic: Nullable(Type.String()),
  homework: Nullable(Type.String()),
  homeworkDueOn: Nullable(Type.String()),
  controlWorkTypeId: Nullable(Type.String()),
  attachmentCount: Type.Integer(),
  version: Type.Integer(),
  /** Whether the lesson is still in the timetable (false: kept only because it holds marks). */
  scheduled: Type.Boolean(),
  substituteTeacherId: Nullable(Type.String()),
  locked: Type.Boolean(),
});
export type JournalLesson = Static<typeof JournalLessonSchema>;

export const JournalStudentSchema = Type.Object({
  id: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  /** Dates (inclusive) within the period when the student is in this class/group. */
  spans: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
});

export const JournalPageSchema = Type.Object({
  curriculum: Type.Object({
    id: Type.String(),
    subjectId: Type.String(),
    subjectName: Type.String(),
    classId: Nullable(Type.String()),
    groupId: Nullable(Type.String()),
    /** «5А» or the group's name. */
    ownerName: Type.String(),
    teacherId: Type.String(),
    teacherName: Type.String(),
    /** The scale this item is graded on: its own choice, else the school's default (R3.2). */
    scale: Type.String(),
  }),
  period: PeriodSchema,
  periods: Type.Array(PeriodSchema),
  defaultScale: Type.String(),
  scales: Type.Array(GradeScaleSchema),
  workTypes: Type.Array(WorkTypeSchema),
  students: Type.Array(JournalStudentSchema),
  lessons: Type.Array(JournalLessonSchema),
  grades: Type.Array(GradeSchema),
  attendance: Type.Array(AttendanceSchema),
  averages: Type.Array(AverageSchema),
  periodGrades: Type.Array(PeriodGradeSchema),
  /** What the caller may do: write grades/marks/topics; change records of a closed period (admin, with a reason). */
  canWrite: Type.Boolean(),
  canOverrideLock: Type.Boolean(),
});
export type JournalPage = Static<typeof JournalPageSchema>;

export const JournalParams = Type.Object({ schoolId: Id, curriculumId: Id });
export const JournalQuery = Type.Object({ periodId: Type.Optional(Id) }, { additionalProperties: false });

export const JournalListItemSchema = Type.Object({
  curriculumId: Type.String(),
  subjectName: Type.String(),
  ownerName: Type.String(),
  classId: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  teacherName: Type.String(),
  canWrite: Type.Boolean(),
});

export const HistoryEntrySchema = Type.Object({
  id: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  studentId: Nullable(Type.String()),
  lessonId: Nullable(Type.String()),
  oldValue: Nullable(Type.Record(Type.String(), Type.Unknown())),
  newValue: Nullable(Type.Record(Type.String(), Type.Unknown())),
  changedBy: Nullable(Type.String()),
  changedByName: Nullable(Type.String()),
  changedAt: Type.String(),
  reason: Nullable(Type.String()),
});
export const HistoryQuery = Type.Object(
  {
    entity: Type.Optional(
      Type.Union([Type.Literal('grade'), Type.Literal('attendance'), Type.Literal('lesson'), Type.Literal('period_grade')]),
    ),
    entityId: Type.Optional(Id),
    studentId: Type.Optional(Id),
    lessonId: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 200 }),
  },
  { additionalProperties: false },
);

/** Body of a 409 on a stale write: the row as it now is (null when it was deleted). */
export const ConflictResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), current: Type.Unknown() }, { additionalProperties: true }),
});

export const ReasonBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });
/** Closing a period: before its last day only with `early: true` and a reason (decision 008). */
export const PeriodCloseBody = Type.Object(
  { early: Type.Optional(Type.Boolean()), reason: Type.Optional(Reason) },
  { additionalProperties: false },
);
export type PeriodCloseBody = Static<typeof PeriodCloseBody>;
