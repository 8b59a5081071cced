import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.js';

/** Statistics, the quality indicators of table 2.13 and the director's monitoring (R9; decision 015). */

export const INDICATOR_KEYS = [
  'journals_kept',
  'topics',
  'grades_1_9',
  'grades_10_11',
  'period_grades',
  'absences',
  'on_time_share',
  'weekly_update',
  'homework_late',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const IndicatorSchema = Type.Object({
  key: Type.Union(INDICATOR_KEYS.map((k) => Type.Literal(k))),
  row: Nullable(Type.Integer()),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  share: Nullable(Type.Number()),
  targetShare: Nullable(Type.Number()),
  termDays: Nullable(Type.Integer()),
  met: Nullable(Type.Boolean()),
});
export type Indicator = Static<typeof IndicatorSchema>;

const Unit = Type.Object({ id: Type.String(), name: Type.String(), indicators: Type.Array(IndicatorSchema) });
export type IndicatorUnit = Static<typeof Unit>;

export const ReportRangeQuery = Type.Object(
  {
    /** A study period; or from/to; default: the academic year up to today. */
    periodId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ReportRangeQuery = Static<typeof ReportRangeQuery>;

export const IndicatorReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  today: Type.String(),
  school: Type.Array(IndicatorSchema),
  teachers: Type.Array(Unit),
  classes: Type.Array(Unit),
  subjects: Type.Array(Unit),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      teacherId: Type.String(),
      teacherName: Type.String(),
      indicators: Type.Array(IndicatorSchema),
    }),
  ),
});
export type IndicatorReport = Static<typeof IndicatorReport>;

export const MonitoringItem = Type.Object({
  curriculumId: Type.String(),
  subjectName: Type.String(),
  ownerName: Type.String(),
  /** Held lessons 3 days past with no topic (seed 000 §3.4), oldest first. */
  lessonsWithoutTopic: Type.Array(Type.String()),
  lateGrades: Type.Integer(),
  lateAbsences: Type.Integer(),
  /** Period grades still missing after their 3-day term. */
  missingPeriodGrades: Type.Integer(),
  /** The period whose journal page to open (the current one, or the one with missing grades). */
  periodId: Nullable(Type.String()),
});
export const MonitoringReport = Type.Object({
  today: Type.String(),
  from: Type.String(),
  teachers: Type.Array(
    Type.Object({
      teacherId: Type.String(),
      teacherName: Type.String(),
      total: Type.Integer(),
      items: Type.Array(MonitoringItem),
    }),
  ),
  /** Weekly figures (seed 000 §2.11) for the trend chart, oldest first. */
  weeks: Type.Array(
    Type.Object({
      weekOf: Type.String(),
      onTimeShare: Nullable(Type.Number()),
      topicsShare: Nullable(Type.Number()),
      entries: Type.Integer(),
      lessons: Type.Integer(),
    }),
  ),
});
export type MonitoringReport = Static<typeof MonitoringReport>;

const Distribution = Type.Record(Type.String(), Type.Integer());
const PerformanceRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  attested: Type.Integer(),
  successful: Type.Integer(),
  quality: Type.Integer(),
  successShare: Nullable(Type.Number()),
  qualityShare: Nullable(Type.Number()),
  notGraded: Type.Integer(),
  exempt: Type.Integer(),
  otherScale: Type.Integer(),
  average: Nullable(Type.Number()),
  distribution: Distribution,
});
export type PerformanceRow = Static<typeof PerformanceRow>;

export const PerformanceQuery = Type.Object(
  { periodId: Type.Optional(Id), year: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const PerformanceReport = Type.Object({
  period: Type.Object({ id: Nullable(Type.String()), name: Type.String(), startsOn: Type.String(), endsOn: Type.String() }),
  school: PerformanceRow,
  classes: Type.Array(PerformanceRow),
  subjects: Type.Array(PerformanceRow),
  teachers: Type.Array(PerformanceRow),
  /** Students of the class-level figures: a student is successful when none of their grades fails. */
  failing: Type.Array(
    Type.Object({
      studentId: Type.String(),
      studentName: Type.String(),
      className: Type.String(),
      subjectName: Type.String(),
      value: Type.String(),
    }),
  ),
});
export type PerformanceReport = Static<typeof PerformanceReport>;

const AttendanceRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  absent: Type.Integer(),
  ill: Type.Integer(),
  excused: Type.Integer(),
  late: Type.Integer(),
  missed: Type.Integer(),
  excusedTotal: Type.Integer(),
  unexcused: Type.Integer(),
});
export type AttendanceRow = Static<typeof AttendanceRow>;
export const AttendanceReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  school: AttendanceRow,
  classes: Type.Array(AttendanceRow),
  weeks: Type.Array(AttendanceRow),
});
export type AttendanceReport = Static<typeof AttendanceReport>;

export const MovementReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  counts: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(
    Type.Object({
      kind: Type.String(),
      onDate: Type.String(),
      studentName: Type.String(),
      className: Nullable(Type.String()),
      orderNumber: Type.String(),
      orderDate: Type.String(),
    }),
  ),
});
export type MovementReport = Static<typeof MovementReport>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ExportFormatSchema = Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)));
export const ReportExportQuery = Type.Object(
  { format: ExportFormatSchema, periodId: Type.Optional(Id), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const MonitoringExportQuery = Type.Object({ format: ExportFormatSchema }, { additionalProperties: false });
