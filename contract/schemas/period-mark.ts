import { type Static, Type } from '@sinclair/typebox';
import { Id, Nullable } from './common.js';

/**
 * «Why this period mark?» (R3.6, R4.1): how the proposed period grade follows from the grades and
 * their weights. The server computes it once (server/modules/journal/period-mark.ts), so the
 * journal and the diary say the same. Averages are exact decimals rounded half up to hundredths.
 */
export const PeriodMarkGradeSchema = Type.Object({
  id: Type.String(),
  date: Type.String(),
  /** The grade as entered (a scale value: "5", "pass", …). */
  value: Type.String(),
  workTypeName: Type.String(),
  weight: Type.Number(),
  /** Its numeric equivalent; null when it does not enter the average (pass/fail, н/а). */
  numeric: Nullable(Type.Number()),
  /** numeric × weight, exact; null when not counted. */
  product: Nullable(Type.Number()),
});
export type PeriodMarkGrade = Static<typeof PeriodMarkGradeSchema>;

export const PeriodMarkExplanationSchema = Type.Object({
  /** Every grade of the period in date order, counted or not. */
  grades: Type.Array(PeriodMarkGradeSchema),
  /** Grades counted in the averages, and those left out (no numeric equivalent). */
  count: Type.Integer(),
  excluded: Type.Integer(),
  /** Σ numeric values and the plain average (half up to hundredths). */
  valueSum: Nullable(Type.Number()),
  plain: Nullable(Type.Number()),
  /** Σ weights, Σ value × weight, and the weighted average (half up to hundredths). */
  weightSum: Nullable(Type.Number()),
  productSum: Nullable(Type.Number()),
  weighted: Nullable(Type.Number()),
  /** A fraction of the weighted average at least this rounds up (0.5: 4.50 → 5, 4.49 → 4). */
  threshold: Type.Number(),
  /** The weighted average after that rule; null without one. */
  rounded: Nullable(Type.Number()),
  /** The scale the proposal is taken from, and its value nearest to `rounded` (the proposal). */
  scaleName: Type.String(),
  proposed: Nullable(Type.String()),
});
export type PeriodMarkExplanation = Static<typeof PeriodMarkExplanationSchema>;

export const PeriodMarkParams = Type.Object({ schoolId: Id, curriculumId: Id, studentId: Id });
