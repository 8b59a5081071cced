// biome-ignore lint/style/noRestrictedImports: the test loads English as the app does on demand
import { en } from '@contract/i18n/catalogue.en';
import { addCatalogue } from '@contract/i18n/translate';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, formatShortDate, localeTag } from './dates';

addCatalogue('en', en);

const LOCALES = ['ru', 'en'] as const;
// Every month, every weekday, single- and double-digit days, a leap day, both ends of the year.
const DATES = ['2026-01-01', '2026-02-09', '2026-03-15', '2026-04-30', '2026-05-04', '2026-06-21', '2026-07-07', '2026-08-31'];
DATES.push('2026-09-01', '2026-10-10', '2026-11-23', '2026-12-31', '2028-02-29', '2027-11-28');

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const intl = (locale: 'ru' | 'en', options: Intl.DateTimeFormatOptions, iso: string) =>
  new Intl.DateTimeFormat(localeTag(locale), { ...options, timeZone: 'UTC' }).format(utc(iso));

describe('hand-made calendar dates match Intl for ru-RU and en-GB', () => {
  for (const locale of LOCALES) {
    it(`${locale}: full date, day and month, long day`, () => {
      for (const iso of DATES) {
        expect(formatDate(locale, iso)).toBe(intl(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }, iso));
        expect(formatShortDate(locale, iso)).toBe(intl(locale, { day: '2-digit', month: '2-digit' }, iso));
        const long = intl(locale, { weekday: 'long', day: 'numeric', month: 'long' }, iso);
        expect(formatDay(locale, iso)).toBe(long.charAt(0).toUpperCase() + long.slice(1));
      }
    });
  }

  it('keeps what is not a calendar date as it is, and an empty date empty', () => {
    expect(formatDate('ru', 'soon')).toBe('soon');
    expect(formatShortDate('en', '2026-13-01')).toBe('2026-13-01');
    expect(formatDate('ru', null)).toBe('');
    expect(formatDate('en', '2026-09-01T10:00:00Z')).toBe('01/09/2026');
  });
});
