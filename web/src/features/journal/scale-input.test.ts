import { describe, expect, it } from 'vitest';
import { parseScaleValues } from './scale-input';

describe('parseScaleValues: a school scale as the admin types it', () => {
  it('reads grades with their numbers, and grades without one as not averaged', () => {
    expect(parseScaleValues('отл=5, хор=4; удовл = 3\nзачтено')).toEqual({
      ok: true,
      values: [
        { value: 'отл', numeric: 5 },
        { value: 'хор', numeric: 4 },
        { value: 'удовл', numeric: 3 },
        { value: 'зачтено', numeric: null },
      ],
    });
  });

  it('takes a decimal point and skips empty parts', () => {
    expect(parseScaleValues('A=4.5; ; B=4')).toEqual({
      ok: true,
      values: [
        { value: 'A', numeric: 4.5 },
        { value: 'B', numeric: 4 },
      ],
    });
    expect(parseScaleValues(' , ')).toEqual({ ok: true, values: [] });
  });

  it('names the first part it cannot read', () => {
    expect(parseScaleValues('A=5, B=four')).toEqual({ ok: false, bad: 'B=four' });
    expect(parseScaleValues('=5')).toEqual({ ok: false, bad: '=5' });
  });
});
