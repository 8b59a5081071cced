import { addDays, isoWeekday } from '../../lib/dates.js';

/** Which days are working days: Monday–Friday unless a holiday, plus transferred working weekends. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function makeCalendar(years: ReadonlyArray<{ holidays: readonly string[]; workdays: readonly string[] }>): WorkingCalendar {
  return {
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
  };
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  return isoWeekday(date) <= 5 && !calendar.holidays.has(date);
}

/**
 * The date n working days after `date` (the day itself not counted), as seed 002 §3.2.3 counts
 * "в течение 5 рабочих дней с момента регистрации": registered on Friday, the fifth working day is
 * the next Friday. n = 0 gives the date itself.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/**
 * The last day of a term of `days` calendar days from `date` (decision 015; Civil Code art. 191:
 * the term runs from the next day; art. 193: a last day that is not a working day moves to the
 * next working day). The whole last day counts (art. 194).
 */
export function termEnd(date: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  let last = addDays(date, days);
  while (!isWorkingDay(last, calendar)) last = addDays(last, 1);
  return last;
}

/** Years touched by counting up to `days` calendar days from `date` (for loading calendars). */
export function yearsSpanned(date: string, days: number): number[] {
  const first = Number(date.slice(0, 4));
  const last = Number(addDays(date, days).slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}
