// What the demo school teaches and when: subjects with weekly hours per grade (after the federal
// basic curricula, ФОП НОО/ООО/СОО, five-day week), who teaches them, the 2026/2027 calendar and
// the bells. Plain data; demo-school.ts turns it into rows.

/** Teacher pools: a subject is taught either by the primary class's own teacher or by a specialist of one pool. */
export type Pool =
  | 'primary'
  | 'russian'
  | 'math'
  | 'english'
  | 'history'
  | 'geography'
  | 'biology'
  | 'chemistry'
  | 'physics'
  | 'informatics'
  | 'pe'
  | 'music'
  | 'art'
  | 'obzr';

export interface SubjectPlan {
  name: string;
  shortName: string;
  /** Weekly hours by grade level (1–11); a missing grade does not study the subject. */
  hours: Readonly<Partial<Record<number, number>>>;
  /** Who teaches it in grades 1–4 and in grades 5–11. */
  pool: { primary: Pool; senior: Pool };
  /** Split into two groups from grade 5 (foreign languages). */
  splitFromGrade?: number;
}

const grades = (from: number, to: number, hours: number): Partial<Record<number, number>> => {
  const out: Partial<Record<number, number>> = {};
  for (let g = from; g <= to; g++) out[g] = hours;
  return out;
};

export const SUBJECTS: readonly SubjectPlan[] = [
  {
    name: 'Русский язык',
    shortName: 'Рус. яз.',
    hours: { ...grades(1, 4, 5), 5: 5, 6: 6, 7: 4, 8: 3, 9: 3, 10: 2, 11: 2 },
    pool: { primary: 'primary', senior: 'russian' },
  },
  {
    name: 'Литературное чтение',
    shortName: 'Лит. чт.',
    hours: { ...grades(1, 3, 4), 4: 3 },
    pool: { primary: 'primary', senior: 'primary' },
  },
  {
    name: 'Литература',
    shortName: 'Лит.',
    hours: { 5: 3, 6: 3, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3 },
    pool: { primary: 'russian', senior: 'russian' },
  },
  {
    name: 'Английский язык',
    shortName: 'Англ. яз.',
    hours: { ...grades(2, 4, 2), ...grades(5, 11, 3) },
    pool: { primary: 'english', senior: 'english' },
    splitFromGrade: 5,
  },
  { name: 'Математика', shortName: 'Мат.', hours: { ...grades(1, 4, 4), 5: 5, 6: 5 }, pool: { primary: 'primary', senior: 'math' } },
  { name: 'Алгебра', shortName: 'Алг.', hours: grades(7, 11, 3), pool: { primary: 'math', senior: 'math' } },
  { name: 'Геометрия', shortName: 'Геом.', hours: grades(7, 11, 2), pool: { primary: 'math', senior: 'math' } },
  { name: 'Вероятность и статистика', shortName: 'Вер. и стат.', hours: grades(7, 11, 1), pool: { primary: 'math', senior: 'math' } },
  { name: 'Информатика', shortName: 'Информ.', hours: grades(7, 11, 1), pool: { primary: 'informatics', senior: 'informatics' } },
  { name: 'Окружающий мир', shortName: 'Окр. мир', hours: grades(1, 4, 2), pool: { primary: 'primary', senior: 'primary' } },
  {
    name: 'Основы религиозных культур и светской этики',
    shortName: 'ОРКСЭ',
    hours: { 4: 1 },
    pool: { primary: 'primary', senior: 'primary' },
  },
  {
    name: 'Основы духовно-нравственной культуры народов России',
    shortName: 'ОДНКНР',
    hours: { 5: 1, 6: 1 },
    pool: { primary: 'history', senior: 'history' },
  },
  { name: 'История', shortName: 'Ист.', hours: grades(5, 11, 2), pool: { primary: 'history', senior: 'history' } },
  {
    name: 'Обществознание',
    shortName: 'Общ.',
    hours: { ...grades(6, 9, 1), 10: 2, 11: 2 },
    pool: { primary: 'history', senior: 'history' },
  },
  {
    name: 'География',
    shortName: 'Геогр.',
    hours: { 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 1, 11: 1 },
    pool: { primary: 'geography', senior: 'geography' },
  },
  {
    name: 'Биология',
    shortName: 'Биол.',
    hours: { 5: 1, 6: 1, 7: 1, 8: 2, 9: 2, 10: 1, 11: 1 },
    pool: { primary: 'biology', senior: 'biology' },
  },
  { name: 'Физика', shortName: 'Физ.', hours: { 7: 2, 8: 2, 9: 3, 10: 2, 11: 2 }, pool: { primary: 'physics', senior: 'physics' } },
  { name: 'Химия', shortName: 'Хим.', hours: { 8: 2, 9: 2, 10: 1, 11: 1 }, pool: { primary: 'chemistry', senior: 'chemistry' } },
  { name: 'Изобразительное искусство', shortName: 'ИЗО', hours: grades(1, 7, 1), pool: { primary: 'primary', senior: 'art' } },
  { name: 'Музыка', shortName: 'Муз.', hours: grades(1, 8, 1), pool: { primary: 'music', senior: 'music' } },
  {
    name: 'Труд (технология)',
    shortName: 'Труд',
    hours: { ...grades(1, 4, 1), 5: 2, 6: 2, 7: 2, 8: 1, 9: 1 },
    pool: { primary: 'primary', senior: 'art' },
  },
  {
    name: 'Основы безопасности и защиты Родины',
    shortName: 'ОБЗР',
    hours: grades(8, 11, 1),
    pool: { primary: 'obzr', senior: 'obzr' },
  },
  { name: 'Физическая культура', shortName: 'Физ-ра', hours: grades(1, 11, 2), pool: { primary: 'pe', senior: 'pe' } },
  { name: 'Индивидуальный проект', shortName: 'Инд. пр.', hours: { 10: 1 }, pool: { primary: 'history', senior: 'history' } },
];

/** Specialist teachers per pool, with the position written in their staff record. */
export const SPECIALISTS: ReadonlyArray<{ pool: Pool; count: number; position: string }> = [
  { pool: 'russian', count: 5, position: 'учитель русского языка и литературы' },
  { pool: 'math', count: 5, position: 'учитель математики' },
  { pool: 'english', count: 4, position: 'учитель английского языка' },
  { pool: 'history', count: 2, position: 'учитель истории и обществознания' },
  { pool: 'geography', count: 1, position: 'учитель географии' },
  { pool: 'biology', count: 1, position: 'учитель биологии' },
  { pool: 'chemistry', count: 1, position: 'учитель химии' },
  { pool: 'physics', count: 2, position: 'учитель физики' },
  { pool: 'informatics', count: 1, position: 'учитель информатики' },
  { pool: 'pe', count: 3, position: 'учитель физической культуры' },
  { pool: 'music', count: 1, position: 'учитель музыки' },
  { pool: 'art', count: 1, position: 'учитель изобразительного искусства и труда' },
  { pool: 'obzr', count: 1, position: 'преподаватель-организатор ОБЗР' },
];

export const PRIMARY_TEACHER_POSITION = 'учитель начальных классов';

/** Letters of the parallel classes per grade: 12 primary, 10 middle, 3 senior classes (25). */
export const CLASS_LETTERS: Readonly<Record<number, readonly string[]>> = {
  1: ['А', 'Б', 'В'],
  2: ['А', 'Б', 'В'],
  3: ['А', 'Б', 'В'],
  4: ['А', 'Б', 'В'],
  5: ['А', 'Б'],
  6: ['А', 'Б'],
  7: ['А', 'Б'],
  8: ['А', 'Б'],
  9: ['А', 'Б'],
  10: ['А', 'Б'],
  11: ['А'],
};

/** Students per class, drawn between these bounds. */
export function classSizeRange(grade: number): [number, number] {
  if (grade <= 4) return [19, 25];
  if (grade <= 9) return [17, 23];
  return [14, 20];
}

export const ACADEMIC_YEAR = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' } as const;

/** Quarters for grades 1–9 and half-years for grades 10–11. */
export const STUDY_PERIODS: ReadonlyArray<{
  kind: 'quarter' | 'half_year';
  ordinal: number;
  name: string;
  gradeFrom: number;
  gradeTo: number;
  startsOn: string;
  endsOn: string;
}> = [
  { kind: 'quarter', ordinal: 1, name: '1 четверть', gradeFrom: 1, gradeTo: 9, startsOn: '2026-09-01', endsOn: '2026-10-24' },
  { kind: 'quarter', ordinal: 2, name: '2 четверть', gradeFrom: 1, gradeTo: 9, startsOn: '2026-11-05', endsOn: '2026-12-28' },
  { kind: 'quarter', ordinal: 3, name: '3 четверть', gradeFrom: 1, gradeTo: 9, startsOn: '2027-01-12', endsOn: '2027-03-21' },
  { kind: 'quarter', ordinal: 4, name: '4 четверть', gradeFrom: 1, gradeTo: 9, startsOn: '2027-03-31', endsOn: '2027-05-31' },
  { kind: 'half_year', ordinal: 1, name: '1 полугодие', gradeFrom: 10, gradeTo: 11, startsOn: '2026-09-01', endsOn: '2026-12-28' },
  { kind: 'half_year', ordinal: 2, name: '2 полугодие', gradeFrom: 10, gradeTo: 11, startsOn: '2027-01-12', endsOn: '2027-05-31' },
];

/**
 * School vacations of 2026/2027 and the public holidays of the Labour Code (art. 112) that fall on
 * school days; a holiday on a weekend moves to the next working day (day_off).
 */
export const HOLIDAYS: ReadonlyArray<{ kind: 'vacation' | 'public_holiday' | 'day_off'; name: string; startsOn: string; endsOn: string }> =
  [
    { kind: 'vacation', name: 'Осенние каникулы', startsOn: '2026-10-25', endsOn: '2026-11-04' },
    { kind: 'public_holiday', name: 'День народного единства', startsOn: '2026-11-04', endsOn: '2026-11-04' },
    { kind: 'vacation', name: 'Зимние каникулы', startsOn: '2026-12-29', endsOn: '2027-01-11' },
    { kind: 'public_holiday', name: 'Новогодние каникулы и Рождество Христово', startsOn: '2027-01-01', endsOn: '2027-01-08' },
    { kind: 'public_holiday', name: 'День защитника Отечества', startsOn: '2027-02-23', endsOn: '2027-02-23' },
    { kind: 'public_holiday', name: 'Международный женский день', startsOn: '2027-03-08', endsOn: '2027-03-08' },
    { kind: 'vacation', name: 'Весенние каникулы', startsOn: '2027-03-22', endsOn: '2027-03-30' },
    { kind: 'public_holiday', name: 'Праздник Весны и Труда', startsOn: '2027-05-01', endsOn: '2027-05-01' },
    { kind: 'day_off', name: 'Перенос выходного дня с 1 мая', startsOn: '2027-05-03', endsOn: '2027-05-03' },
    { kind: 'public_holiday', name: 'День Победы', startsOn: '2027-05-09', endsOn: '2027-05-09' },
    { kind: 'day_off', name: 'Перенос выходного дня с 9 мая', startsOn: '2027-05-10', endsOn: '2027-05-10' },
  ];

/** Lessons of 40 minutes, a long break after the third lesson. */
export const BELLS: ReadonlyArray<readonly [number, string, string]> = [
  [1, '08:30', '09:10'],
  [2, '09:20', '10:00'],
  [3, '10:10', '10:50'],
  [4, '11:10', '11:50'],
  [5, '12:05', '12:45'],
  [6, '12:55', '13:35'],
  [7, '13:45', '14:25'],
  [8, '14:35', '15:15'],
];
