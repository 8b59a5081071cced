/**
 * The Russian production calendar (производственный календарь), shipped as data: non-working
 * weekdays (public holidays, Labour Code art. 112, and days off moved by government decree) and
 * Saturdays/Sundays made working days by a transfer. A school may replace a year with its own
 * list (working_calendars); for a year not listed here only the fixed holidays of art. 112 apply.
 */
export interface CalendarYear {
  year: number;
  /** Weekdays that are not working days. */
  holidays: readonly string[];
  /** Weekend days that are working days (transfers). */
  workdays: readonly string[];
  source: string;
}

export const PRODUCTION_CALENDAR: Readonly<Record<number, CalendarYear>> = {
  2026: {
    year: 2026,
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09', // moved from Saturday 3 January
      '2026-02-23',
      '2026-03-09', // 8 March falls on a Sunday
      '2026-05-01',
      '2026-05-11', // 9 May falls on a Saturday
      '2026-06-12',
      '2026-11-04',
      '2026-12-31', // moved from Sunday 4 January
    ],
    workdays: [],
    source: 'Трудовой кодекс РФ ст. 112; постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
  },
  2027: {
    year: 2027,
    holidays: [
      '2027-01-01',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
      '2027-02-23',
      '2027-03-08',
      '2027-05-03', // 1 May falls on a Saturday
      '2027-05-10', // 9 May falls on a Sunday
      '2027-06-14', // 12 June falls on a Saturday
      '2027-11-04',
    ],
    workdays: [],
    source:
      'Трудовой кодекс РФ ст. 112 (праздники, выпавшие на выходные, переносятся на следующий рабочий день). Перенос выходных 2 и 3 января 2027 г. устанавливается постановлением Правительства РФ, которое на момент выпуска не опубликовано: при его выходе школа правит календарь 2027 года',
  },
};

/** Fixed non-working holidays of Labour Code art. 112, for years without shipped data. */
const FIXED_HOLIDAYS = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

/** The shipped calendar of a year, or the fixed holidays alone when the year is not shipped. */
export function defaultCalendarYear(year: number): CalendarYear {
  const shipped = PRODUCTION_CALENDAR[year];
  if (shipped) return shipped;
  return {
    year,
    holidays: FIXED_HOLIDAYS.map((md) => `${year}-${md}`),
    workdays: [],
    source: 'Трудовой кодекс РФ ст. 112 (без переносов: календарь года не загружен)',
  };
}
