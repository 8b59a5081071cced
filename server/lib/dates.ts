const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return parts;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The later / earlier of two YYYY-MM-DD dates (text order is date order). */
export const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);
export const earlierDate = (a: string, b: string): string => (a.localeCompare(b) <= 0 ? a : b);

const mondays = new Map<string, string>();

/** The Monday of a date's ISO week; remembered, since every diary read asks it (dates are few). */
export function weekStart(date: string): string {
  let monday = mondays.get(date);
  if (monday === undefined) {
    monday = addDays(date, 1 - isoWeekday(date));
    if (mondays.size >= 10_000) mondays.clear();
    mondays.set(date, monday);
  }
  return monday;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * dateInZone for many instants of one zone (the reports' posting dates): one formatter, results
 * kept by instant. Building an Intl.DateTimeFormat per call cost seconds over a school's year.
 */
export function dateInZoneOf(timeZone: string): (instant: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const seen = new Map<string, string>();
  return (instant) => {
    let date = seen.get(instant);
    if (date === undefined) {
      date = format.format(new Date(instant));
      if (seen.size > 200_000) seen.clear();
      seen.set(instant, date);
    }
    return date;
  };
}
