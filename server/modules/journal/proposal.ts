import { divideHalfUp, roundByThreshold, toThousandths } from './averages.js';

/**
 * The period grade the system proposes from a weighted average (R4.1); the teacher decides.
 * Rule: the average is first rounded half up to hundredths (as shown in the journal), then a
 * fraction of at least `threshold` (default 0.5) rounds up: 4.50 → 5, 4.49 → 4, 3.5 → 4. The
 * result is the scale value whose numeric equivalent is nearest to the rounded number (so a custom
 * scale with gaps still gets a real value). Null when there is no average or the scale has no numbers.
 */
export function proposeGrade(
  weightedAverage: number | null,
  scale: ReadonlyArray<{ value: string; numeric: number | null }>,
  threshold = 0.5,
): string | null {
  if (weightedAverage === null || !Number.isFinite(weightedAverage)) return null;
  return proposeFromHundredths(divideHalfUp(toThousandths(weightedAverage), 10n), scale, threshold);
}

/** The same rule on a weighted average already in exact hundredths (see averages.ts). */
export function proposeFromHundredths(
  hundredths: bigint | null,
  scale: ReadonlyArray<{ value: string; numeric: number | null }>,
  threshold = 0.5,
): string | null {
  if (hundredths === null) return null;
  return nearestScaleValue(Number(roundByThreshold(hundredths, threshold)), scale);
}

/** The scale value whose numeric equivalent is nearest (ties: the higher); null without numbers. */
export function nearestScaleValue(rounded: number, scale: ReadonlyArray<{ value: string; numeric: number | null }>): string | null {
  const numeric = scale.filter((v): v is { value: string; numeric: number } => v.numeric !== null);
  let best = numeric[0];
  if (!best) return null;
  for (const v of numeric) {
    const d = Math.abs(v.numeric - rounded);
    const bestD = Math.abs(best.numeric - rounded);
    if (d < bestD || (d === bestD && v.numeric > best.numeric)) best = v;
  }
  return best.value;
}

/** Half-up rounding to a number of decimals on exact decimals (2.675 → 2.68). */
export function roundTo(value: number, decimals: number): number {
  if (decimals > 3) throw new RangeError('roundTo: at most three decimals');
  return Number(divideHalfUp(toThousandths(value), 10n ** BigInt(3 - decimals))) / 10 ** decimals;
}
