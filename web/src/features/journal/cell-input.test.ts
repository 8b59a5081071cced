// biome-ignore lint/style/noRestrictedImports: the test needs both languages loaded
import { translate } from '@contract/i18n/index';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../lib/i18n';
import { cellText, gradeLabel, parseCellInput, parsePeriodGrade, startsTyping } from './cell-input';

const FIVE = ['5', '4', '3', '2', '1'];
const PASS_FAIL = ['pass', 'fail'];
const ru: Translate = (key, params) => translate('ru', key, params);
const en: Translate = (key, params) => translate('en', key, params);

const intent = (text: string, scale: readonly string[] = FIVE) => {
  const result = parseCellInput(text, scale);
  if (!result.ok) throw new Error(`«${text}» was refused at «${result.bad}»`);
  return result.intent;
};

describe('parseCellInput: what a teacher types into a journal cell', () => {
  it('takes one grade, or several separated by spaces, commas or semicolons, in order', () => {
    expect(intent('5')).toEqual({ grades: ['5'], mark: undefined });
    expect(intent('5 4')).toEqual({ grades: ['5', '4'], mark: undefined });
    expect(intent('  3,2; 5  ')).toEqual({ grades: ['3', '2', '5'], mark: undefined });
    expect(intent('4 4')).toEqual({ grades: ['4', '4'], mark: undefined });
  });

  it('reads the Cyrillic attendance marks н б у оп (R3.3), in either case', () => {
    expect(intent('н')).toEqual({ grades: null, mark: 'absent' });
    expect(intent('Б')).toEqual({ grades: null, mark: 'ill' });
    expect(intent('у')).toEqual({ grades: null, mark: 'excused' });
    expect(intent('оп')).toEqual({ grades: null, mark: 'late' });
    expect(intent('о')).toEqual({ grades: null, mark: 'late' });
  });

  it('reads the Latin look-alikes n b u o / op and the English words, so a wrong keyboard layout still works', () => {
    expect(intent('n').mark).toBe('absent');
    expect(intent('b').mark).toBe('ill');
    expect(intent('u').mark).toBe('excused');
    expect(intent('o').mark).toBe('late');
    expect(intent('OP').mark).toBe('late');
    expect(intent('abs').mark).toBe('absent');
    expect(intent('ill').mark).toBe('ill');
    expect(intent('exc').mark).toBe('excused');
    expect(intent('late').mark).toBe('late');
  });

  it('takes a mark and grades together («оп 5»: late, with a 5), whatever the order', () => {
    expect(intent('оп 5')).toEqual({ grades: ['5'], mark: 'late' });
    expect(intent('5 оп')).toEqual({ grades: ['5'], mark: 'late' });
    expect(intent('o 4 3')).toEqual({ grades: ['4', '3'], mark: 'late' });
  });

  it('keeps the last mark when two are typed', () => {
    expect(intent('н у').mark).toBe('excused');
  });

  it('changes nothing for empty or blank text', () => {
    expect(intent('')).toEqual({ grades: null, mark: undefined });
    expect(intent('   ')).toEqual({ grades: null, mark: undefined });
  });

  it('refuses a value outside the scale and names the first bad word', () => {
    expect(parseCellInput('6', FIVE)).toEqual({ ok: false, bad: '6' });
    expect(parseCellInput('5 x 4', FIVE)).toEqual({ ok: false, bad: 'x' });
    expect(parseCellInput('5+', FIVE)).toEqual({ ok: false, bad: '5+' });
    expect(parseCellInput('нб', FIVE)).toEqual({ ok: false, bad: 'нб' });
  });

  it('accepts «зач»/«незач» only on a scale that has pass and fail', () => {
    expect(intent('зач', PASS_FAIL)).toEqual({ grades: ['pass'], mark: undefined });
    expect(intent('незачёт', PASS_FAIL).grades).toEqual(['fail']);
    expect(intent('Pass', PASS_FAIL).grades).toEqual(['pass']);
    expect(parseCellInput('зач', FIVE)).toEqual({ ok: false, bad: 'зач' });
    expect(parseCellInput('5', PASS_FAIL)).toEqual({ ok: false, bad: '5' });
  });

  it('matches a school scale’s own values case-insensitively and returns them as the scale spells them', () => {
    expect(intent('a b+', ['A', 'B+', 'C']).grades).toEqual(['A', 'B+']);
  });
});

describe('parsePeriodGrade: the period-grade column (R4.1)', () => {
  it('takes a scale value, and empty text clears the grade', () => {
    expect(parsePeriodGrade('4', FIVE)).toEqual({ ok: true, value: '4' });
    expect(parsePeriodGrade(' ', FIVE)).toEqual({ ok: true, value: null });
  });

  it('takes the special words «н/а», «осв.», «зач», «незач» and their English forms on any scale', () => {
    expect(parsePeriodGrade('н/а', FIVE)).toEqual({ ok: true, value: 'na' });
    expect(parsePeriodGrade('n/a', FIVE)).toEqual({ ok: true, value: 'na' });
    expect(parsePeriodGrade('Осв.', FIVE)).toEqual({ ok: true, value: 'exempt' });
    expect(parsePeriodGrade('зач', FIVE)).toEqual({ ok: true, value: 'pass' });
    expect(parsePeriodGrade('незач', FIVE)).toEqual({ ok: true, value: 'fail' });
  });

  it('refuses two grades or an unknown word, keeping what was typed for the message', () => {
    expect(parsePeriodGrade('5 4', FIVE)).toEqual({ ok: false, bad: '5 4' });
    expect(parsePeriodGrade(' 7 ', FIVE)).toEqual({ ok: false, bad: '7' });
  });
});

describe('how a cell is shown and re-edited', () => {
  it('labels special grades in the page’s language and leaves scale values alone', () => {
    expect(gradeLabel(ru, '5')).toBe('5');
    expect(gradeLabel(ru, 'na')).not.toBe('na');
    expect(gradeLabel(ru, 'na')).not.toBe(gradeLabel(en, 'na'));
  });

  it('puts the mark first, then the grades, and what F2 shows parses back to the same cell', () => {
    const text = cellText(ru, 'late', ['5', '4']);
    expect(text).toBe('оп 5 4');
    expect(intent(text)).toEqual({ grades: ['5', '4'], mark: 'late' });
    expect(cellText(ru, null, [])).toBe('');
    expect(intent(cellText(ru, 'absent', []))).toEqual({ grades: null, mark: 'absent' });
  });

  it('starts typing on a printable key only, not on a space or a shortcut', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
      startsTyping({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(key('5')).toBe(true);
    expect(key('н')).toBe(true);
    expect(key(' ')).toBe(false);
    expect(key('Enter')).toBe(false);
    expect(key('c', { ctrlKey: true })).toBe(false);
    expect(key('v', { metaKey: true })).toBe(false);
  });
});
