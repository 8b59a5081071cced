import type { AttendanceRow, PerformanceRow } from '../../../contract/schemas/reports.js';

/**
 * Performance and attendance figures (seed 002 §3.3; decision 015 §4). Pure over rows the service
 * read.
 */

/** One student's period (or year) grade in one item; `five`: the item is on the five-point scale. */
export interface PeriodMark {
  studentId: string;
  curriculumId: string;
  value: string;
  five: boolean;
}

/** A student (or a student-subject pair) on the roster, attested or not. */
export interface Pair {
  studentId: string;
  curriculumId: string;
  five: boolean;
}

const FAILS = new Set(['1', '2', 'fail', 'na']);

type Verdict = 'success' | 'quality' | 'fail' | 'exempt' | 'empty' | 'other';

/** One pair's verdict: quality (4, 5, зач), success (3), fail (1, 2, незач, н/а), exempt, empty, other scale. */
function verdictOf(value: string | undefined, five: boolean): Verdict {
  if (value === undefined) return 'empty';
  if (value === 'exempt') return 'exempt';
  if (value === 'na' || value === 'fail') return 'fail';
  if (value === 'pass') return 'quality';
  if (!five) return 'other';
  if (FAILS.has(value)) return 'fail';
  return value === '3' ? 'success' : 'quality';
}

const share = (n: number, d: number) => (d === 0 ? null : n / d);

/**
 * Figures over student-subject pairs grouped by `group` (a subject, a teacher: each pair counts), or
 * over students (a class, the school: `byStudent`, a student is successful when none of their
 * pairs fails and of quality when every attested one is 4, 5 or зач).
 */
export function performanceRow(
  id: string,
  name: string,
  pairs: readonly Pair[],
  marks: ReadonlyMap<string, PeriodMark>,
  byStudent: boolean,
  currentGrades: readonly number[],
): PerformanceRow {
  const distribution: Record<string, number> = {};
  const verdicts = new Map<string, Verdict[]>();
  let notGraded = 0;
  let exempt = 0;
  let otherScale = 0;
  for (const p of pairs) {
    const mark = marks.get(`${p.curriculumId}|${p.studentId}`);
    if (mark) distribution[mark.value] = (distribution[mark.value] ?? 0) + 1;
    const v = verdictOf(mark?.value, p.five);
    if (v === 'empty') notGraded++;
    if (v === 'exempt') exempt++;
    if (v === 'other') otherScale++;
    const key = byStudent ? p.studentId : `${p.curriculumId}|${p.studentId}`;
    const list = verdicts.get(key) ?? [];
    list.push(v);
    verdicts.set(key, list);
  }
  let attested = 0;
  let successful = 0;
  let quality = 0;
  for (const list of verdicts.values()) {
    const counted = list.filter((v) => v === 'success' || v === 'quality' || v === 'fail');
    if (counted.length === 0) continue;
    attested++;
    if (counted.includes('fail')) continue;
    successful++;
    if (counted.every((v) => v === 'quality')) quality++;
  }
  const average = currentGrades.length === 0 ? null : currentGrades.reduce((a, b) => a + b, 0) / currentGrades.length;
  return {
    id,
    name,
    attested,
    successful,
    quality,
    successShare: share(successful, attested),
    qualityShare: share(quality, attested),
    notGraded,
    exempt,
    otherScale,
    average: average === null ? null : Math.round(average * 100) / 100,
    distribution,
  };
}

export const isFailing = (value: string): boolean => FAILS.has(value);

export function attendanceRow(id: string, name: string, marks: readonly string[]): AttendanceRow {
  const n = (m: string) => marks.filter((x) => x === m).length;
  const absent = n('absent');
  const ill = n('ill');
  const excused = n('excused');
  return {
    id,
    name,
    absent,
    ill,
    excused,
    late: n('late'),
    missed: absent + ill + excused,
    excusedTotal: ill + excused,
    unexcused: absent,
  };
}
