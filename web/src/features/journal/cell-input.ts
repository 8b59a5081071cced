import type { MessageKey } from '@contract/i18n/translate';
import { type AttendanceMark, SpecialGrade } from '@contract/schemas/journal';
import type { Translate } from '../../lib/i18n';

/**
 * What a teacher types into a journal cell, and how a cell is shown. Pure functions: the grid
 * calls them on every keystroke commit, so they never touch the network or the DOM.
 */

/** Attendance marks as typed (R3.3): н б у оп, their Latin look-alikes and the English labels. */
const MARK_INPUTS: Record<string, AttendanceMark> = {
  н: 'absent',
  n: 'absent',
  abs: 'absent',
  б: 'ill',
  b: 'ill',
  ill: 'ill',
  у: 'excused',
  u: 'excused',
  exc: 'excused',
  оп: 'late',
  о: 'late',
  op: 'late',
  o: 'late',
  late: 'late',
};

/** Period-grade words besides the scale's values (R4.1): «н/а», «осв.», «зач», «незач». */
const SPECIAL_INPUTS: Record<string, string> = {
  'н/а': SpecialGrade.notAttested,
  на: SpecialGrade.notAttested,
  na: SpecialGrade.notAttested,
  'n/a': SpecialGrade.notAttested,
  осв: SpecialGrade.exempt,
  'осв.': SpecialGrade.exempt,
  exempt: SpecialGrade.exempt,
  зач: SpecialGrade.pass,
  зачёт: SpecialGrade.pass,
  зачет: SpecialGrade.pass,
  pass: SpecialGrade.pass,
  незач: SpecialGrade.fail,
  незачёт: SpecialGrade.fail,
  незачет: SpecialGrade.fail,
  fail: SpecialGrade.fail,
};

export interface CellIntent {
  /** The grades the cell should hold, in order; null: leave the grades as they are. */
  grades: string[] | null;
  /** The mark the cell should hold; undefined: leave it as it is. */
  mark: AttendanceMark | null | undefined;
}

export type ParseResult = { ok: true; intent: CellIntent } | { ok: false; bad: string };

const tokens = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);

/** A typed word as a value of the scale (case-insensitive; «зач» for the pass/fail scale's "pass"). */
function scaleValue(word: string, scaleValues: readonly string[]): string | undefined {
  const direct = scaleValues.find((v) => v.toLowerCase() === word);
  if (direct) return direct;
  const special = SPECIAL_INPUTS[word];
  return special && scaleValues.includes(special) ? special : undefined;
}

/**
 * «5 4» → two grades; «н» → absent; «оп 5» → late with a 5. Grades typed replace the cell's
 * grades; a mark typed replaces its mark; what is not typed stays. Empty text changes nothing.
 */
export function parseCellInput(text: string, scaleValues: readonly string[]): ParseResult {
  const grades: string[] = [];
  let mark: AttendanceMark | undefined;
  for (const word of tokens(text)) {
    const asMark = MARK_INPUTS[word];
    if (asMark) {
      mark = asMark;
      continue;
    }
    const value = scaleValue(word, scaleValues);
    if (value === undefined) return { ok: false, bad: word };
    grades.push(value);
  }
  return { ok: true, intent: { grades: grades.length > 0 ? grades : null, mark } };
}

/** A period grade as typed: a scale value or «н/а», «осв.», «зач», «незач»; empty clears. */
export function parsePeriodGrade(
  text: string,
  scaleValues: readonly string[],
): { ok: true; value: string | null } | { ok: false; bad: string } {
  const word = text.trim().toLowerCase();
  if (word === '') return { ok: true, value: null };
  const value = scaleValues.find((v) => v.toLowerCase() === word) ?? SPECIAL_INPUTS[word];
  return value ? { ok: true, value } : { ok: false, bad: text.trim() };
}

const SPECIAL_VALUES: readonly string[] = Object.values(SpecialGrade);

/** How a grade value is shown: the scale's own value, or the localised special word. */
export function gradeLabel(t: Translate, value: string): string {
  return SPECIAL_VALUES.includes(value) ? t(`journal.special.${value}` as MessageKey) : value;
}

export const markLabel = (t: Translate, mark: AttendanceMark) => t(`journal.attendance.${mark}` as MessageKey);

/** The text F2 puts into the editor: the mark first, then the grades («оп 5 4»). */
export function cellText(t: Translate, mark: AttendanceMark | null, grades: readonly string[]): string {
  return [mark ? markLabel(t, mark) : null, ...grades.map((g) => gradeLabel(t, g))].filter(Boolean).join(' ');
}

/** Whether a key press should start typing into a cell (a printable character, no shortcut). */
export const startsTyping = (event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }) =>
  event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
