import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.js';
import { AttendanceMarkSchema } from './journal.js';
import { PeriodMarkExplanationSchema } from './period-mark.js';

/**
 * The student's and parent's diary (R5, R10.2): read models over the timetable and the journal.
 * Every payload is about one student; who may read it is decided by the access policy (R5.3).
 */

export const DiaryStudentParams = Type.Object({ schoolId: Id, studentId: Id });

/** Any date of the wanted week (Monday..Saturday); today's week when omitted. */
export const DiaryWeekQuery = Type.Object({ weekOf: Type.Optional(IsoDate) }, { additionalProperties: false });
/** A study period of the student's academic year; the period containing today when omitted. */
export const DiaryGradesQuery = Type.Object({ periodId: Type.Optional(Id) }, { additionalProperties: false });

export const DiaryStudentSchema = Type.Object({
  id: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  /** «5А» on the week's Monday (or the first day of the week the student is in a class); null outside any class. */
  className: Nullable(Type.String()),
});

export const DiaryAttachmentSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  /** Download through the diary's access check (same-origin, cookie-authenticated). */
  url: Type.String(),
});

export const DiaryGradeSchema = Type.Object({
  id: Type.String(),
  value: Type.String(),
  workTypeName: Type.String(),
  weight: Type.Number(),
  isControl: Type.Boolean(),
  comment: Type.String(),
  /** The date of the work (the lesson's date). */
  date: Type.String(),
  /** When the teacher entered it (ISO UTC). */
  enteredAt: Type.String(),
  /** Entered or changed since the viewer last marked the diary as seen (POST …/diary/seen). */
  isNew: Type.Boolean(),
});
export type DiaryGrade = Static<typeof DiaryGradeSchema>;

export const DiaryAttendanceSchema = Type.Object({
  mark: AttendanceMarkSchema,
  enteredAt: Type.String(),
  isNew: Type.Boolean(),
});

/** How the timetable changed for this lesson; null fields mean "unchanged". */
export const DiaryLessonChangeSchema = Type.Object({
  cancelled: Type.Boolean(),
  /** A substitute teaches it (teacherName is then the substitute's). */
  substitute: Type.Boolean(),
  /** Set when the lesson was moved here from another date/number. */
  movedFrom: Nullable(Type.Object({ date: Type.String(), lessonNumber: Type.Integer() })),
  /** Set on the (cancelled) original slot of a moved lesson. */
  movedTo: Nullable(Type.Object({ date: Type.String(), lessonNumber: Type.Integer() })),
  /** The new room when the room was changed. */
  room: Nullable(Type.String()),
  note: Type.String(),
});

export const DiaryHomeworkSchema = Type.Object({
  text: Type.String(),
  dueOn: Nullable(Type.String()),
  attachments: Type.Array(DiaryAttachmentSchema),
});

export const DiaryLessonSchema = Type.Object({
  curriculumId: Type.String(),
  lessonNumber: Type.Integer(),
  /** From the bell schedule ('HH:MM'); null when the school has no bell for this number. */
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  subjectId: Type.String(),
  subjectName: Type.String(),
  /** «Иванова А. П.»: the substitute when there is one. */
  teacherName: Type.String(),
  room: Type.String(),
  topic: Nullable(Type.String()),
  homework: Nullable(DiaryHomeworkSchema),
  grades: Type.Array(DiaryGradeSchema),
  attendance: Nullable(DiaryAttendanceSchema),
  /** A control work held at this lesson (its work type name), if any. */
  controlWork: Nullable(Type.String()),
  change: Nullable(DiaryLessonChangeSchema),
});
export type DiaryLesson = Static<typeof DiaryLessonSchema>;

/** Homework set at earlier lessons that is due on this day. */
export const DiaryDueHomeworkSchema = Type.Object({
  subjectName: Type.String(),
  text: Type.String(),
  /** The lesson at which it was set. */
  setOn: Type.String(),
});

export const DiaryDaySchema = Type.Object({
  date: Type.String(),
  /** 1 = Monday … 6 = Saturday. */
  weekday: Type.Integer(),
  /** The holiday's name when the day falls in school holidays. */
  holiday: Nullable(Type.String()),
  lessons: Type.Array(DiaryLessonSchema),
  homeworkDue: Type.Array(DiaryDueHomeworkSchema),
  /** Grades given on this day outside any lesson (a dated piece of work). */
  otherGrades: Type.Array(Type.Intersect([DiaryGradeSchema, Type.Object({ subjectName: Type.String() })])),
});
export type DiaryDay = Static<typeof DiaryDaySchema>;

export const DiaryWeekSchema = Type.Object({
  student: DiaryStudentSchema,
  /** Monday and Saturday of the week. */
  weekStart: Type.String(),
  weekEnd: Type.String(),
  /** Mondays of the neighbouring weeks; null beyond the academic year. */
  previousWeek: Nullable(Type.String()),
  nextWeek: Nullable(Type.String()),
  /** The academic year around the week, for a date picker; null when the week is outside every year. */
  year: Nullable(Type.Object({ startsOn: Type.String(), endsOn: Type.String() })),
  /** When the viewer last marked the diary as seen; null if never. */
  lastSeenAt: Nullable(Type.String()),
  days: Type.Array(DiaryDaySchema),
});
export type DiaryWeek = Static<typeof DiaryWeekSchema>;

export const DiaryPeriodSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
});

export const DiarySubjectGradesSchema = Type.Object({
  curriculumId: Type.String(),
  subjectId: Type.String(),
  subjectName: Type.String(),
  teacherName: Type.String(),
  /** Every grade of the period in date order. */
  grades: Type.Array(DiaryGradeSchema),
  /** Numeric grades only; null when there are none. Rounded to two decimals. */
  average: Nullable(Type.Number()),
  weightedAverage: Nullable(Type.Number()),
  /** «Why this period mark?»: the same explanation the journal gives (R4.1). */
  explanation: Nullable(PeriodMarkExplanationSchema),
  periodGrade: Nullable(Type.String()),
  yearGrade: Nullable(Type.String()),
  examGrade: Nullable(Type.String()),
  finalGrade: Nullable(Type.String()),
  /** Lessons of this subject missed in the period (any absence mark except late). */
  missed: Type.Integer(),
});
export type DiarySubjectGrades = Static<typeof DiarySubjectGradesSchema>;

export const DiaryAttendanceSummarySchema = Type.Object({
  /** Lessons missed in total, and of them: ill, excused, unexcused; late arrivals apart. */
  missed: Type.Integer(),
  ill: Type.Integer(),
  excused: Type.Integer(),
  unexcused: Type.Integer(),
  late: Type.Integer(),
});

export const DiaryGradesSchema = Type.Object({
  student: DiaryStudentSchema,
  period: DiaryPeriodSchema,
  /** The periods of the student's academic year, for switching. */
  periods: Type.Array(DiaryPeriodSchema),
  subjects: Type.Array(DiarySubjectGradesSchema),
  /** Overview across subjects: grade count and the mean of the subjects' weighted averages. */
  overview: Type.Object({
    gradeCount: Type.Integer(),
    newCount: Type.Integer(),
    averageOfAverages: Nullable(Type.Number()),
  }),
  /** Attendance over the current period (the one containing today), or the chosen one when today is outside it. */
  attendance: Type.Intersect([DiaryAttendanceSummarySchema, Type.Object({ periodId: Type.String() })]),
  lastSeenAt: Nullable(Type.String()),
});
export type DiaryGrades = Static<typeof DiaryGradesSchema>;

/** Mark what the viewer has seen: grades and marks entered up to now stop being new. */
export const DiarySeenResponse = Type.Object({ lastSeenAt: Type.String() });

/** The private calendar URL; shown once (only its hash is stored). Rotating makes the old one stop working. */
export const CalendarFeedSchema = Type.Object({
  /** Path of the feed, e.g. /api/calendar/<token>.ics; the client prefixes its origin (webcal:// or https://). */
  path: Type.String(),
  createdAt: Type.String(),
});

export const CalendarFeedParams = Type.Object({
  /** '<token>.ics' — a random 43-character base64url token. */
  file: Type.String({ minLength: 5, maxLength: 80, pattern: '^[A-Za-z0-9_-]+\\.ics$' }),
});

export const DiaryAttachmentParams = Type.Object({ schoolId: Id, studentId: Id, id: Id });
