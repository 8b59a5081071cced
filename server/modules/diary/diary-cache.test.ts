import { describe, expect, it } from 'vitest';
import { type CachedWeek, WeekBody, WeekCache } from './diary-cache.js';

const body = (bytes: number) => new WeekBody(Buffer.alloc(bytes, 0x20));
const week = (bytes: number): CachedWeek => ({ base: body(bytes), changeTimes: [], scopes: ['*'], stamp: 1, bodies: new Map() });

describe('the cache of prepared weeks', () => {
  it('drops the least recently used week past its number of entries', () => {
    const cache = new WeekCache(2, 1_000_000);
    cache.set('a', week(10));
    cache.set('b', week(10));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', week(10));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
    expect(cache.textBytes).toBe(20);
  });

  it('drops the oldest weeks when the text exceeds the byte budget, and counts replaced and deleted weeks once', () => {
    const cache = new WeekCache(100, 250);
    cache.set('a', week(100));
    cache.set('b', week(100));
    cache.set('b', week(120)); // replaced, not added
    expect(cache.textBytes).toBe(220);
    cache.set('c', week(100));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.textBytes).toBe(220);
    cache.delete('b');
    cache.delete('b');
    expect(cache.textBytes).toBe(100);
    expect(cache.size).toBe(1);
  });

  it('counts the bodies made for seen markers, keeps at most four per week, and evicts for them', () => {
    const cache = new WeekCache(100, 1_000);
    const a = week(100);
    cache.set('a', a);
    cache.set('b', week(100));
    for (const marker of ['m1', 'm2', 'm3', 'm4']) cache.addBody('a', a, marker, body(100));
    expect(cache.textBytes).toBe(600);
    cache.addBody('a', a, 'm5', body(100)); // the four older bodies are let go
    expect([...a.bodies.keys()]).toEqual(['m5']);
    expect(cache.textBytes).toBe(300);
    for (const marker of ['m6', 'm7', 'm8']) cache.addBody('a', a, marker, body(250));
    // a holds 100 + 100 + 3 × 250 = 950 bytes; with b (100) that is over 1,000, so b goes.
    expect(cache.get('b')).toBeUndefined();
    expect(cache.textBytes).toBe(950);
  });

  it('does not keep a week larger than the whole budget (the caller still serves it), nor count a week it does not hold', () => {
    const cache = new WeekCache(100, 50);
    cache.set('a', week(10));
    cache.set('big', week(80));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    const served = week(10);
    cache.addBody('other', served, 'm', body(10));
    expect(served.bodies.size).toBe(1);
    expect(cache.textBytes).toBe(10);
  });

  it('moves a week being answered to the recent end before evicting for its new body', () => {
    const cache = new WeekCache(100, 300);
    const a = week(100);
    cache.set('a', a);
    cache.set('b', week(100));
    cache.addBody('a', a, 'm1', body(100)); // a: 200, b: 100 = 300, nothing goes yet
    expect(cache.size).toBe(2);
    cache.addBody('a', a, 'm2', body(50)); // a: 250 + b: 100 > 300: b, now the least recent, goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.textBytes).toBe(250);
  });
});
