import { type Static, Type } from '@sinclair/typebox';
import { TIMETABLE_LIMITS } from '../limits.js';
import { Id, IsoDate, Nullable, ShortText } from './common.js';

/** Timetable (R2.1–2.2): weekly entries per curriculum item, one-off changes, derived lessons. */

export const Weekday = Type.Integer({ minimum: 1, maximum: 6 });
export const LessonNumber = Type.Integer({ minimum: 0, maximum: 20 });
export const Room = ShortText(TIMETABLE_LIMITS.room);

export const TimetableEntrySchema = Type.Object({
  id: Type.String(),
  curriculumId: Type.String(),
  subjectId: Type.String(),
  subjectName: Type.String(),
  teacherId: Type.String(),
  classId: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  weekday: Type.Integer(),
  lessonNumber: Type.Integer(),
  room: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  version: Type.Integer(),
});
export type TimetableEntry = Static<typeof TimetableEntrySchema>;

export const TimetableEntryCreateBody = Type.Object(
  {
    curriculumId: Id,
    weekday: Weekday,
    lessonNumber: LessonNumber,
    room: Type.Optional(Room),
    /** Defaults to the first and last day of the curriculum item's academic year. */
    validFrom: Type.Optional(IsoDate),
    validTo: Type.Optional(IsoDate),
    /** Keep the lesson although its teacher or room is busy then (never when the class is). */
    confirmClash: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TimetableEntryUpdateBody = Type.Object(
  {
    weekday: Type.Optional(Weekday),
    lessonNumber: Type.Optional(LessonNumber),
    room: Type.Optional(Room),
    validFrom: Type.Optional(IsoDate),
    validTo: Type.Optional(IsoDate),
    version: Type.Integer({ minimum: 1 }),
    /** Keep the lesson although its teacher or room is busy then (never when the class is). */
    confirmClash: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TimetableEntriesQuery = Type.Object(
  {
    classId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    curriculumId: Type.Optional(Id),
    teacherId: Type.Optional(Id),
    /** Only entries valid on this date. */
    onDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

/**
 * A one-off change of one lesson (curriculum item, date, lesson number): any combination of a
 * substitute teacher, a room, a cancellation, or a move to another date/lesson number.
 */
export const TimetableChangeSchema = Type.Object({
  id: Type.String(),
  curriculumId: Type.String(),
  date: Type.String(),
  lessonNumber: Type.Integer(),
  cancelled: Type.Boolean(),
  substituteTeacherId: Nullable(Type.String()),
  room: Nullable(Type.String()),
  movedToDate: Nullable(Type.String()),
  movedToLessonNumber: Nullable(Type.Integer()),
  note: Type.String(),
  createdAt: Type.String(),
});
export type TimetableChange = Static<typeof TimetableChangeSchema>;

export const TimetableChangeCreateBody = Type.Object(
  {
    curriculumId: Id,
    date: IsoDate,
    lessonNumber: LessonNumber,
    cancelled: Type.Optional(Type.Boolean()),
    substituteTeacherId: Type.Optional(Nullable(Id)),
    room: Type.Optional(Nullable(Room)),
    movedToDate: Type.Optional(Nullable(IsoDate)),
    movedToLessonNumber: Type.Optional(Nullable(LessonNumber)),
    note: Type.Optional(ShortText(TIMETABLE_LIMITS.note)),
  },
  { additionalProperties: false },
);

export const TimetableChangesQuery = Type.Object(
  { from: IsoDate, to: IsoDate, classId: Type.Optional(Id), curriculumId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** A lesson as derived from the timetable and its changes (or kept because it holds journal content). */
export const DerivedLessonSchema = Type.Object({
  /** Null until the lesson holds journal content. */
  lessonId: Nullable(Type.String()),
  curriculumId: Type.String(),
  date: Type.String(),
  lessonNumber: Type.Integer(),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  subjectId: Type.String(),
  subjectName: Type.String(),
  classId: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  /** Who teaches this lesson: the substitute when there is one. */
  teacherId: Type.String(),
  teacherName: Type.String(),
  substitute: Type.Boolean(),
  room: Type.String(),
  cancelled: Type.Boolean(),
  /** Set when this lesson was moved here from another date/number. */
  movedFrom: Nullable(Type.Object({ date: Type.String(), lessonNumber: Type.Integer() })),
  topic: Nullable(Type.String()),
  homework: Nullable(Type.String()),
});
export type DerivedLesson = Static<typeof DerivedLessonSchema>;

export const WeekQuery = Type.Object({ weekOf: Type.Optional(IsoDate) }, { additionalProperties: false });

export const WeekSchema = Type.Object({
  weekStart: Type.String(),
  weekEnd: Type.String(),
  lessons: Type.Array(DerivedLessonSchema),
});

/** Thematic plan (КТП, R2.3). */
export const PlanItemSchema = Type.Object({
  id: Type.String(),
  ordinal: Type.Integer(),
  topic: Type.String(),
  hours: Type.Integer(),
  homework: Nullable(Type.String()),
});

export const PlanSchema = Type.Object({ curriculumId: Type.String(), items: Type.Array(PlanItemSchema) });

export const PlanImportProblem = Type.Object({ row: Type.Integer(), message: Type.String() });
export const PlanImportResult = Type.Object({
  dryRun: Type.Boolean(),
  /** Rows read that would be (or were) imported. */
  accepted: Type.Integer(),
  problems: Type.Array(PlanImportProblem),
  items: Type.Array(
    Type.Object({ ordinal: Type.Integer(), topic: Type.String(), hours: Type.Integer(), homework: Nullable(Type.String()) }),
  ),
});
export const PlanImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const PlanTemplateQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) },
  { additionalProperties: false },
);

/** Which plan topic lands on which lesson (R2.3), counted as the journal counts its lessons. */
export const PlanLessonSchema = Type.Object({
  date: Type.String(),
  lessonNumber: Type.Integer(),
  /** The plan row laid on this lesson (its ordinal and topic); null once the plan's hours run out. */
  ordinal: Nullable(Type.Integer()),
  plannedTopic: Nullable(Type.String()),
  /** The teacher's own topic for the lesson, which the journal shows instead of the plan's. */
  ownTopic: Nullable(Type.String()),
});
export const PlanLessonsSchema = Type.Object({
  curriculumId: Type.String(),
  /** Every lesson of the year in order, with its plan topic. */
  lessons: Type.Array(PlanLessonSchema),
  /** Hours the plan asks for (Σ of its rows' hours) and those left without a lesson in the year. */
  planHours: Type.Integer(),
  unplacedHours: Type.Integer(),
  canWrite: Type.Boolean(),
});
export type PlanLessons = Static<typeof PlanLessonsSchema>;
