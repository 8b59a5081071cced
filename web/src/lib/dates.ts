import { type Locale, type MessageKey, translate } from '@contract/i18n/translate';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Today as YYYY-MM-DD in the device's time zone: a form's default date. Where «today» means the
 * school's day (the current year, the grid's cursor, this week), use todayInZone(school.timezone).
 */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

const zoneDays = new Map<string, Intl.DateTimeFormat>();

/**
 * Today as YYYY-MM-DD in the school's time zone (`school.timezone` from /api/auth/me): a lesson's
 * day is the school's, not UTC's (yesterday before 10:00 in Vladivostok) nor a travelling device's.
 */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  let format = zoneDays.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return todayIso();
    }
    zoneDays.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The BCP 47 tag a UI language formats numbers and instants with. */
export const localeTag = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** One formatter per language and options, kept: building an Intl formatter is slow on a phone. */
function keptFormatter<O, F>(make: (tag: string, options: O) => F): (locale: Locale, options: O) => F {
  const kept = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale} ${JSON.stringify(options)}`;
    let format = kept.get(key);
    if (!format) {
      format = make(localeTag(locale), options);
      kept.set(key, format);
    }
    return format;
  };
}

const dateFormat = keptFormatter((tag, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, options));
const keptNumberFormat = keptFormatter((tag, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(tag, options));

/** One Intl.NumberFormat per language and options (averages, weights). */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return keptNumberFormat(locale, options);
}

/** Year, month, day of 'YYYY-MM-DD…', or null when it is not a calendar date. */
function calendarParts(iso: string): { year: number; month: number; day: number } | null {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day || month > 12 || day > 31) return null;
  return { year, month, day };
}

/*
 * Calendar dates are formatted by hand from the catalogue, not with Intl: the first
 * Intl.DateTimeFormat a page builds loads the locale's data (~25 ms, ~0.1 s on a slow phone),
 * on the diary's first screen. The patterns are those of ru-RU and en-GB; dates.test.ts holds
 * them to Intl's output.
 */

/** 2026-09-01 → 01.09.2026 (ru) / 01/09/2026 (en); calendar dates never shift with the time zone. */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = calendarParts(iso);
  if (!parts) return iso;
  return translate(locale, 'web.date.full', { day: pad2(parts.day), month: pad2(parts.month), year: parts.year });
}

/** «23.11» / «23/11»: a date where the year goes without saying. */
export function formatShortDate(locale: Locale, iso: string): string {
  const parts = calendarParts(iso);
  if (!parts) return iso;
  return translate(locale, 'web.date.dayMonth', { day: pad2(parts.day), month: pad2(parts.month) });
}

/** «Понедельник, 23 ноября» / «Monday 23 November», with a capital first letter. */
export function formatDay(locale: Locale, iso: string): string {
  const parts = calendarParts(iso);
  if (!parts) return iso;
  const weekday = (new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay() + 6) % 7; // Monday 0
  const text = translate(locale, 'web.date.longDay', {
    weekday: translate(locale, `web.date.weekday.${weekday + 1}` as MessageKey),
    day: parts.day,
    month: translate(locale, `web.date.monthOf.${parts.month}` as MessageKey),
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const INSTANT: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };

/** An instant (ISO UTC) in local time: 01.09.2026, 09:15. */
export function formatInstant(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, INSTANT).format(date);
}

/** «Иванова Мария Петровна» from the parts, skipping empty ones. */
export function fullName(person: { surname: string; name: string; patronymic?: string | null }): string {
  return [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');
}
