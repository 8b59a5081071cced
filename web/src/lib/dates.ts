import type { Locale } from '@contract/i18n/index';

/** Today as YYYY-MM-DD in the browser's time zone (the school's zone in practice). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const tag = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** 2026-09-01 → 01.09.2026 (ru) / 01/09/2026 (en); calendar dates never shift with the time zone. */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant (ISO UTC) in local time: 01.09.2026, 09:15. */
export function formatInstant(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** «Иванова Мария Петровна» from the parts, skipping empty ones. */
export function fullName(person: { surname: string; name: string; patronymic?: string | null }): string {
  return [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');
}
