import { describe, expect, it } from 'vitest';
import { averageSums, averagesOf, divideHalfUp, meanOf, roundByThreshold } from './averages.js';
import { explainPeriodMark } from './period-mark.js';
import { proposeGrade, roundTo } from './proposal.js';
import { BUILT_IN_SCALES } from './scales.js';

const g = (numeric: number | null, weight = 1) => ({ numeric, weight });
const five = { name: 'five', values: BUILT_IN_SCALES.five.values };

describe('averages with exact decimals', () => {
  it('rounds 2.675 to 2.68 (27 threes and 13 twos: 107 / 40)', () => {
    const grades = [...Array.from({ length: 27 }, () => g(3)), ...Array.from({ length: 13 }, () => g(2))];
    expect(averagesOf(grades)).toEqual({ count: 40, plain: 2.68, weighted: 2.68 });
  });

  it('rounds 4.475 to 4.48 where floats give 4.47 (19 fives and 21 fours: 179 / 40)', () => {
    const grades = [...Array.from({ length: 19 }, () => g(5)), ...Array.from({ length: 21 }, () => g(4))];
    // The float way the diary used to take: Math.round(4.475 * 100) / 100.
    expect(Math.round((179 / 40) * 100) / 100).toBe(4.47);
    expect(averagesOf(grades)).toEqual({ count: 40, plain: 4.48, weighted: 4.48 });
    // The same grades with weight 1.5 each: Σ = 268.5 over 60.
    expect(averagesOf(grades.map((x) => ({ ...x, weight: 1.5 }))).weighted).toBe(4.48);
  });

  it('weights 1, 1.5 and 2: (5·1 + 4·1.5 + 4·1.5 + 4·2 + 4·2) / 8 = 33 / 8 = 4.125 → 4.13', () => {
    const s = averageSums([g(5, 1), g(4, 1.5), g(4, 1.5), g(4, 2), g(4, 2)]);
    expect(s.productSum).toBe(33_000_000n); // millionths
    expect(s.weightSum).toBe(8_000n); // thousandths
    expect(s.weightedHundredths).toBe(413n);
    expect(s.plainHundredths).toBe(420n); // 21 / 5
  });

  it('5·1 + 4·1.5 + 2·2 = 15 over 4.5 → 3.33; plain 11 / 3 → 3.67', () => {
    expect(averagesOf([g(5, 1), g(4, 1.5), g(2, 2)])).toEqual({ count: 3, plain: 3.67, weighted: 3.33 });
  });

  it('leaves out grades without a numeric equivalent (pass/fail, н/а) and zero weights', () => {
    const s = averageSums([g(5), g(null), g(null, 2), g(3, 0), g(4, 1.5)]);
    expect(s.count).toBe(2);
    expect(s.excluded).toBe(3);
    // (5 + 6) / 2.5 = 4.4
    expect(s.weightedHundredths).toBe(440n);
    expect(averagesOf([g(null), g(null)])).toEqual({ count: 0, plain: null, weighted: null });
  });

  it('weights with three places stay exact: 5·0.125 + 4·0.375 = 2.125 over 0.5 → 4.25', () => {
    expect(averagesOf([g(5, 0.125), g(4, 0.375)]).weighted).toBe(4.25);
  });

  it('divides half away from zero and means already rounded averages exactly', () => {
    expect(divideHalfUp(2675n, 10n)).toBe(268n);
    expect(divideHalfUp(2674n, 10n)).toBe(267n);
    expect(divideHalfUp(-2675n, 10n)).toBe(-268n);
    expect(meanOf([2.67, 2.68])).toBe(2.68); // 2.675
    expect(meanOf([])).toBeNull();
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });

  it('the period rule compares the fraction in hundredths: 4.50 → 5, 4.49 → 4, 0.6 threshold', () => {
    expect(roundByThreshold(450n)).toBe(5n);
    expect(roundByThreshold(449n)).toBe(4n);
    expect(roundByThreshold(459n, 0.6)).toBe(4n);
    expect(roundByThreshold(460n, 0.6)).toBe(5n);
    expect(proposeGrade(4.495, five.values)).toBe('5'); // shown as 4.50
  });
});

describe('explainPeriodMark', () => {
  it('lists every grade × weight, the sums, the averages, the rule and the proposal', () => {
    const e = explainPeriodMark(
      [
        { id: 'c', date: '2026-09-10', value: '2', workTypeName: 'Контрольная', weight: 2, numeric: 2 },
        { id: 'a', date: '2026-09-02', value: '5', workTypeName: 'Ответ', weight: 1, numeric: 5 },
        { id: 'b', date: '2026-09-07', value: '4', workTypeName: 'Самостоятельная', weight: 1.5, numeric: 4 },
        { id: 'p', date: '2026-09-08', value: 'pass', workTypeName: 'Ответ', weight: 1, numeric: null },
      ],
      five,
    );
    expect(e.grades.map((x) => [x.id, x.product])).toEqual([
      ['a', 5],
      ['b', 6],
      ['p', null],
      ['c', 4],
    ]);
    expect(e).toMatchObject({
      count: 3,
      excluded: 1,
      valueSum: 11,
      plain: 3.67,
      weightSum: 4.5,
      productSum: 15,
      weighted: 3.33,
      threshold: 0.5,
      rounded: 3,
      proposed: '3',
    });
  });

  it('proposes nothing without numeric grades', () => {
    const e = explainPeriodMark([{ id: 'p', date: '2026-09-08', value: 'pass', workTypeName: 'Ответ', weight: 1, numeric: null }], five);
    expect(e).toMatchObject({ count: 0, excluded: 1, weighted: null, rounded: null, proposed: null, productSum: null });
  });
});
