/**
 * A scale's grades as typed: "отл=5, хор=4, зачтено" → values with numbers (none: not averaged).
 * Returns the first part it could not read.
 */
export function parseScaleValues(
  text: string,
): { ok: true; values: Array<{ value: string; numeric: number | null }> } | { ok: false; bad: string } {
  const values: Array<{ value: string; numeric: number | null }> = [];
  for (const raw of text.split(/[,;\n]/)) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq < 0) {
      values.push({ value: part, numeric: null });
      continue;
    }
    const value = part.slice(0, eq).trim();
    const number = Number(
      part
        .slice(eq + 1)
        .trim()
        .replace(',', '.'),
    );
    if (value === '' || part.slice(eq + 1).trim() === '' || !Number.isFinite(number)) return { ok: false, bad: part };
    values.push({ value, numeric: number });
  }
  return { ok: true, values };
}
