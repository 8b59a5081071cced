/**
 * Averages of grades with exact decimals (R3.6, R4.1): the one calculation the journal page, the
 * journal's averages, the diary and the «why this period mark?» explanation all use, so a 2.675
 * is 2.68 everywhere. Values and weights are decimals with at most three places (4, 1.5, 0.25),
 * stored as REAL; each is turned into whole thousandths once, and from there on everything is
 * integer arithmetic on bigints: no binary fraction ever decides a rounding.
 */

/** A grade as the averages see it: its numeric equivalent (null: not averaged) and its weight. */
export interface AveragedGrade {
  numeric: number | null;
  weight: number;
}

/** A decimal with at most three places as whole thousandths (1.5 → 1500n; 2.675 → 2675n). */
export function toThousandths(x: number): bigint {
  return BigInt(Math.round(x * 1000));
}

/** n / d rounded half away from zero ("half up" as schools count: 2.675 → 2.68, -2.675 → -2.68); d > 0. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divideHalfUp: the divisor must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return negative ? -q : q;
}

/** Whole units of 10^-places as a JS number (2675n, 3 → 2.675); exact to print, as every such double is the nearest one. */
export const fromUnits = (units: bigint, places: number): number => Number(units) / 10 ** places;

/** The exact sums behind a student's averages, and the averages rounded half up to hundredths. */
export interface AverageSums {
  /** Grades that entered the average (numeric ones with a positive weight). */
  count: number;
  /** Grades left out: no numeric equivalent (pass/fail, н/а and the like) or a zero weight. */
  excluded: number;
  /** Σ values, in thousandths. */
  valueSum: bigint;
  /** Σ weights, in thousandths. */
  weightSum: bigint;
  /** Σ value × weight, in millionths. */
  productSum: bigint;
  /** Plain average in hundredths (half up); null without a counted grade. */
  plainHundredths: bigint | null;
  /** Weighted average in hundredths (half up); null without a counted grade. */
  weightedHundredths: bigint | null;
}

/** The sums and both averages of a set of grades, exactly (R3.6). */
export function averageSums(grades: Iterable<AveragedGrade>): AverageSums {
  let count = 0;
  let excluded = 0;
  let valueSum = 0n;
  let weightSum = 0n;
  let productSum = 0n;
  for (const g of grades) {
    const weight = toThousandths(g.weight);
    if (g.numeric === null || !Number.isFinite(g.numeric) || weight <= 0n) {
      excluded++;
      continue;
    }
    const value = toThousandths(g.numeric);
    count++;
    valueSum += value;
    weightSum += weight;
    productSum += value * weight;
  }
  return {
    count,
    excluded,
    valueSum,
    weightSum,
    productSum,
    // Σv (thousandths) / count → hundredths: divide by 10 more.
    plainHundredths: count > 0 ? divideHalfUp(valueSum, BigInt(count) * 10n) : null,
    // Σvw (millionths) / Σw (thousandths) = average in thousandths → hundredths: divide by 10 more.
    weightedHundredths: weightSum > 0n ? divideHalfUp(productSum, weightSum * 10n) : null,
  };
}

/** Plain and weighted averages rounded half up to two places, as numbers for the API (R3.6). */
export function averagesOf(grades: Iterable<AveragedGrade>): { count: number; plain: number | null; weighted: number | null } {
  const s = averageSums(grades);
  return {
    count: s.count,
    plain: s.plainHundredths === null ? null : fromUnits(s.plainHundredths, 2),
    weighted: s.weightedHundredths === null ? null : fromUnits(s.weightedHundredths, 2),
  };
}

/** The plain mean of numbers that are already decimals (e.g. averages of subjects), half up to two places. */
export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + toThousandths(v), 0n);
  return fromUnits(divideHalfUp(sum, BigInt(values.length) * 10n), 2);
}

/**
 * The period grade's rounding rule (R4.1) on a weighted average in hundredths: a fraction of at
 * least `threshold` (default 0.5) rounds up, otherwise down. 4.50 → 5, 4.49 → 4; the threshold
 * is compared in hundredths too, so 0.5 never meets a binary 0.49999….
 */
export function roundByThreshold(hundredths: bigint, threshold = 0.5): bigint {
  const whole = hundredths >= 0n ? hundredths / 100n : -((-hundredths + 99n) / 100n);
  const fraction = hundredths - whole * 100n;
  return fraction >= BigInt(Math.round(threshold * 100)) ? whole + 1n : whole;
}

/** A value times its weight, exactly, as a number (4 × 1.5 → 6; 4.5 × 1.25 → 5.625). */
export const productOf = (numeric: number, weight: number): number => fromUnits(toThousandths(numeric) * toThousandths(weight), 6);
