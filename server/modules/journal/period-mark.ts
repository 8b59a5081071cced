import type { Average } from '../../../contract/schemas/journal.js';
import type { PeriodMarkExplanation } from '../../../contract/schemas/period-mark.js';
import { averageSums, fromUnits, productOf, roundByThreshold } from './averages.js';
import { nearestScaleValue, proposeFromHundredths } from './proposal.js';
import type { ScaleDefinition } from './scales.js';

/** A grade as the explanation lists it. */
export interface ExplainedGrade {
  id: string;
  date: string;
  value: string;
  workTypeName: string;
  weight: number;
  numeric: number | null;
}

/** The default rule: a fraction of 0.5 and more rounds up (R4.1). */
export const PROPOSAL_THRESHOLD = 0.5;

/**
 * «Why this period mark?» (R4.1): every grade × weight, the sums, the averages (exact decimals,
 * half up to hundredths), the rounding rule and the proposed value, from one calculation
 * (averages.ts) that the journal's columns and the diary's averages also use.
 */
export function explainPeriodMark(
  grades: readonly ExplainedGrade[],
  scale: { name: string; values: ReadonlyArray<{ value: string; numeric: number | null }> },
  threshold = PROPOSAL_THRESHOLD,
): PeriodMarkExplanation {
  const sums = averageSums(grades);
  const counted = (g: ExplainedGrade) => g.numeric !== null && Number.isFinite(g.numeric) && g.weight > 0;
  const rounded = sums.weightedHundredths === null ? null : Number(roundByThreshold(sums.weightedHundredths, threshold));
  return {
    grades: [...grades]
      // Date, then id (UUIDv7: the order of entry), so every reader lists them alike.
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1))
      .map((g) => ({
        id: g.id,
        date: g.date,
        value: g.value,
        workTypeName: g.workTypeName,
        weight: g.weight,
        numeric: g.numeric,
        product: counted(g) ? productOf(g.numeric as number, g.weight) : null,
      })),
    count: sums.count,
    excluded: sums.excluded,
    valueSum: sums.count > 0 ? fromUnits(sums.valueSum, 3) : null,
    plain: sums.plainHundredths === null ? null : fromUnits(sums.plainHundredths, 2),
    weightSum: sums.count > 0 ? fromUnits(sums.weightSum, 3) : null,
    productSum: sums.count > 0 ? fromUnits(sums.productSum, 6) : null,
    weighted: sums.weightedHundredths === null ? null : fromUnits(sums.weightedHundredths, 2),
    threshold,
    rounded,
    scaleName: scale.name,
    proposed: rounded === null ? null : nearestScaleValue(rounded, scale.values),
  };
}

/**
 * Averages and the proposal per student, from grades and their work types' weights (R3.6, R4.1).
 * Only grades given on the item's scale count: those kept from before a change of scale do not mix in.
 */
export function studentAverages(
  grades: ReadonlyArray<{ student_id: string; numeric_value: number | null; work_type_id: string; scale: string }>,
  weights: ReadonlyMap<string, number>,
  scale: Pick<ScaleDefinition, 'code' | 'values'>,
): Average[] {
  const byStudent = new Map<string, Array<{ numeric: number | null; weight: number }>>();
  for (const g of grades) {
    const list = byStudent.get(g.student_id) ?? [];
    list.push({ numeric: g.scale === scale.code ? g.numeric_value : null, weight: weights.get(g.work_type_id) ?? 0 });
    byStudent.set(g.student_id, list);
  }
  const out: Average[] = [];
  for (const [studentId, list] of byStudent) {
    const s = averageSums(list);
    if (s.count === 0) continue;
    out.push({
      studentId,
      count: s.count,
      plain: s.plainHundredths === null ? null : fromUnits(s.plainHundredths, 2),
      weighted: s.weightedHundredths === null ? null : fromUnits(s.weightedHundredths, 2),
      proposed: proposeFromHundredths(s.weightedHundredths, scale.values, PROPOSAL_THRESHOLD),
    });
  }
  return out;
}
