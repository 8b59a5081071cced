import { describe, expect, it } from 'vitest';
import { todayInZone } from '../../lib/dates';
import { startColumn } from './start-column';

const lessons = [{ date: '2026-11-20' }, { date: '2026-11-23' }, { date: '2026-11-24' }, { date: '2026-11-26' }];

describe('the journal grid starts on the school day', () => {
  it('opens on today’s lesson, else the last one before today, else the first', () => {
    expect(startColumn(lessons, '2026-11-24')).toBe(2);
    expect(startColumn(lessons, '2026-11-25')).toBe(2);
    expect(startColumn(lessons, '2026-12-31')).toBe(3);
    expect(startColumn(lessons, '2026-11-01')).toBe(0);
    expect(startColumn([], '2026-11-24')).toBe(0);
  });

  it('at 23:30 UTC a Vladivostok teacher’s cursor is on the next day’s lesson, not UTC’s', () => {
    const now = new Date('2026-11-23T23:30:00Z'); // 09:30 on Tuesday 24 November in Vladivostok
    expect(todayInZone('Asia/Vladivostok', now)).toBe('2026-11-24');
    expect(todayInZone('Europe/Kaliningrad', now)).toBe('2026-11-24');
    expect(todayInZone('Europe/Lisbon', now)).toBe('2026-11-23');
    expect(startColumn(lessons, todayInZone('Asia/Vladivostok', now))).toBe(2);
    expect(startColumn(lessons, now.toISOString().slice(0, 10))).toBe(1);
  });
});
