import { describe, expect, it } from 'vitest';
import { proposeGrade, roundTo } from './proposal.js';
import { BUILT_IN_SCALES } from './scales.js';

const five = BUILT_IN_SCALES.five.values;

describe('proposeGrade', () => {
  it('rounds x.5 and above up, below down, on the five-point scale', () => {
    expect(proposeGrade(4.5, five)).toBe('5');
    expect(proposeGrade(4.49, five)).toBe('4');
    expect(proposeGrade(4.499, five)).toBe('5'); // shown as 4.50, so it rounds up
    expect(proposeGrade(3.5, five)).toBe('4');
    expect(proposeGrade(2.2, five)).toBe('2');
    expect(proposeGrade(5, five)).toBe('5');
  });

  it('takes a configurable threshold (some schools need 4.6 for a five)', () => {
    expect(proposeGrade(4.5, five, 0.6)).toBe('4');
    expect(proposeGrade(4.6, five, 0.6)).toBe('5');
  });

  it('proposes nothing without an average or on a scale without numbers', () => {
    expect(proposeGrade(null, five)).toBeNull();
    expect(proposeGrade(4, BUILT_IN_SCALES.pass_fail.values)).toBeNull();
  });

  it('picks the nearest value of a scale with gaps', () => {
    const letters = [
      { value: 'A', numeric: 5 },
      { value: 'B', numeric: 4 },
      { value: 'D', numeric: 2 },
    ];
    expect(proposeGrade(3.2, letters)).toBe('B');
    expect(proposeGrade(1.2, letters)).toBe('D');
  });

  it('stays inside the twelve-point scale', () => {
    expect(proposeGrade(11.5, BUILT_IN_SCALES.twelve.values)).toBe('12');
    expect(proposeGrade(12, BUILT_IN_SCALES.twelve.values)).toBe('12');
  });
});

describe('roundTo', () => {
  it('rounds half up without binary surprises', () => {
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(4.445, 2)).toBe(4.45);
    expect(roundTo(4.444, 2)).toBe(4.44);
  });
});
