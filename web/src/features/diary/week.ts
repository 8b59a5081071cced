/**
 * Calendar arithmetic for the diary on 'YYYY-MM-DD' strings, done in UTC so a date never shifts
 * with the browser's time zone. Weeks start on Monday (the Russian school week).
 */

const MS_PER_DAY = 86_400_000;

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromUtc(toUtc(value)) === value;
}

export function addDays(iso: string, days: number): string {
  return fromUtc(new Date(toUtc(iso).getTime() + days * MS_PER_DAY));
}

/** The Monday of the week that holds the date. */
export function mondayOf(iso: string): string {
  const weekday = (toUtc(iso).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(iso, -weekday);
}
