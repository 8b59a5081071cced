import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../lib/dates.js';
import { defaultCalendarYear, PRODUCTION_CALENDAR } from './production-calendar.js';
import { addWorkingDays, isWorkingDay, makeCalendar, termEnd } from './working-days.js';

const calendar = makeCalendar(
  [defaultCalendarYear(2025), PRODUCTION_CALENDAR[2026], PRODUCTION_CALENDAR[2027]].filter((y) => y !== undefined),
);
const weekendsOnly = makeCalendar([]);

describe('addWorkingDays', () => {
  it('counts from the day after, Monday to Friday', () => {
    expect(addWorkingDays('2026-11-16', 5, calendar)).toBe('2026-11-23'); // Monday → next Monday
    expect(addWorkingDays('2026-11-18', 1, calendar)).toBe('2026-11-19');
    expect(addWorkingDays('2026-11-18', 0, calendar)).toBe('2026-11-18');
  });

  it('skips a weekend', () => {
    expect(addWorkingDays('2026-11-20', 1, calendar)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-20', 5, calendar)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-21', 1, calendar)).toBe('2026-11-23'); // registered on a Saturday
  });

  it('skips a holiday that joins a weekend (4 November 2026 is a Wednesday; 9 March after 8 March on a Sunday)', () => {
    expect(addWorkingDays('2026-11-02', 5, calendar)).toBe('2026-11-10');
    expect(addWorkingDays('2026-03-06', 1, calendar)).toBe('2026-03-10');
    expect(addWorkingDays('2026-05-08', 1, calendar)).toBe('2026-05-12'); // 9 May on a Saturday moves to 11 May
  });

  it('crosses the year end and the New Year holidays', () => {
    // 30 Dec 2026 (Wed): 31 Dec is a moved day off, 1–8 Jan 2027 holidays, 9–10 Jan weekend.
    expect(addWorkingDays('2026-12-30', 1, calendar)).toBe('2027-01-11');
    expect(addWorkingDays('2026-12-30', 5, calendar)).toBe('2027-01-15');
    expect(addWorkingDays('2026-12-28', 5, calendar)).toBe('2027-01-13');
    // 2025 → 2026 with the fixed holidays only for 2025.
    expect(addWorkingDays('2025-12-30', 1, calendar)).toBe('2025-12-31');
    expect(addWorkingDays('2025-12-31', 1, calendar)).toBe('2026-01-12');
  });

  it('counts a transferred working Saturday', () => {
    const withSaturday = makeCalendar([{ holidays: [], workdays: ['2026-11-28'] }]);
    expect(addWorkingDays('2026-11-27', 1, withSaturday)).toBe('2026-11-28');
    expect(addWorkingDays('2026-11-27', 1, weekendsOnly)).toBe('2026-11-30');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-11-02', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-02', 1.5, calendar)).toThrow(RangeError);
  });
});

describe('termEnd (decision 015: Civil Code art. 191, 193)', () => {
  const calendar = makeCalendar([PRODUCTION_CALENDAR[2026], PRODUCTION_CALENDAR[2027]].filter((y) => y !== undefined));
  it('counts calendar days from the next day and keeps a working last day', () => {
    expect(termEnd('2026-11-16', 7, calendar)).toBe('2026-11-23'); // Monday → Monday
    expect(termEnd('2026-10-31', 3, calendar)).toBe('2026-11-03'); // Saturday → Tuesday
  });
  it('moves a last day on a weekend or a public holiday to the next working day', () => {
    expect(termEnd('2026-10-29', 3, calendar)).toBe('2026-11-02'); // Sunday 1 November → Monday
    expect(termEnd('2026-11-01', 3, calendar)).toBe('2026-11-05'); // 4 November (Unity Day) → Thursday
    expect(termEnd('2026-05-08', 3, calendar)).toBe('2026-05-12'); // 11 May (for 9 May) → Tuesday
    // The second quarter ends on 28 December: 31 December 2026 is a day off, then the New Year holidays.
    expect(termEnd('2026-12-28', 3, calendar)).toBe('2027-01-11');
  });
  it('with no days is the day itself, or the next working day', () => {
    expect(termEnd('2026-11-23', 0, calendar)).toBe('2026-11-23');
    expect(termEnd('2026-11-22', 0, calendar)).toBe('2026-11-23');
  });
});

describe('the shipped production calendar', () => {
  it('lists only weekdays as holidays and only weekend days as transferred working days', () => {
    for (const year of Object.values(PRODUCTION_CALENDAR)) {
      for (const d of year.holidays) expect(isoWeekday(d), d).toBeLessThanOrEqual(5);
      for (const d of year.workdays) expect(isoWeekday(d), d).toBeGreaterThan(5);
      expect(year.source.length).toBeGreaterThan(10);
    }
  });
});

const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2025-06-01', offset));

describe('addWorkingDays properties', () => {
  it('lands on a working day after the start, with exactly n working days in between', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const due = addWorkingDays(date, n, calendar);
        expect(due > date).toBe(true);
        expect(isWorkingDay(due, calendar)).toBe(true);
        let count = 0;
        for (let d = addDays(date, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
        expect(count).toBe(n);
      }),
    );
  });

  it('is additive and monotonic', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (date, a, b) => {
        expect(addWorkingDays(addWorkingDays(date, a, calendar), b, calendar)).toBe(addWorkingDays(date, a + b, calendar));
        expect(addWorkingDays(date, a, calendar) <= addWorkingDays(date, a + 1, calendar)).toBe(true);
      }),
    );
  });

  it('never comes earlier than with weekends alone', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), (date, n) => {
        expect(addWorkingDays(date, n, calendar) >= addWorkingDays(date, n, weekendsOnly)).toBe(true);
      }),
    );
  });
});
