/**
 * The period grade the system proposes from a weighted average (R4.1); the teacher decides.
 * Rule: the average is first rounded to hundredths (as shown in the journal), then a fraction of
 * at least `threshold` (default 0.5) rounds up: 4.50 → 5, 4.49 → 4, 3.5 → 4. The result is the
 * scale value whose numeric equivalent is nearest to the rounded number (so a custom scale with
 * gaps still gets a real value). Null when there is no average or the scale has no numbers.
 */
export function proposeGrade(
  weightedAverage: number | null,
  scale: ReadonlyArray<{ value: string; numeric: number | null }>,
  threshold = 0.5,
): string | null {
  if (weightedAverage === null || !Number.isFinite(weightedAverage)) return null;
  const numeric = scale.filter((v): v is { value: string; numeric: number } => v.numeric !== null);
  if (numeric.length === 0) return null;
  const shown = roundTo(weightedAverage, 2);
  const whole = Math.floor(shown);
  // Compare in hundredths to stay clear of binary fractions (0.5 - 1e-15).
  const fractionHundredths = Math.round((shown - whole) * 100);
  const rounded = fractionHundredths >= Math.round(threshold * 100) ? whole + 1 : whole;
  let best = numeric[0] as { value: string; numeric: number };
  for (const v of numeric) {
    const d = Math.abs(v.numeric - rounded);
    const bestD = Math.abs(best.numeric - rounded);
    if (d < bestD || (d === bestD && v.numeric > best.numeric)) best = v;
  }
  return best.value;
}

/** Half-up rounding to a number of decimals, robust to binary fractions (2.675 → 2.68). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.abs(value)) * f) / f;
}
