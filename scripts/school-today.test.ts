import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * «Today at the school» has one home: schoolToday() in server/modules/school/school-today.ts on the
 * server, todayInZone(school.timezone) in the web (issue 11 item 6). The wrong copy is easy to
 * write — the UTC date of the clock, yesterday before 10:00 in Vladivostok — so it is refused here.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SCANNED = ['server', 'web/src', 'contract'];
const UTC_TODAY = /(?:now\(\)|new Date\(\))\s*\.toISOString\(\)\s*\.slice\(0,\s*10\)/;
/** The one place a school's calendar day is made from its zone, and the generic helper it wraps. */
const ZONE_DAY_HOMES = new Set(['server/modules/school/school-today.ts', 'server/lib/dates.ts']);
const ZONE_DAY = /Intl\.DateTimeFormat\('en-CA'/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sources(rel));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

describe('«today» has one home', () => {
  it('no source takes the UTC date of the clock as today', () => {
    const offenders = SCANNED.flatMap(sources).filter((file) => UTC_TODAY.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders, 'use schoolToday(deps, schoolId) on the server, todayInZone(school.timezone) in the web').toEqual([]);
  });

  it('no module makes its own school-day formatter', () => {
    const offenders = SCANNED.flatMap(sources).filter(
      (file) => !ZONE_DAY_HOMES.has(file) && ZONE_DAY.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders, 'ask schoolToday / schoolTimeZone of the school module').toEqual([]);
  });

  it('catches a planted copy', () => {
    expect(UTC_TODAY.test('const today = deps.clock.now().toISOString().slice(0, 10);')).toBe(true);
    expect(UTC_TODAY.test('const d = new Date().toISOString().slice(0, 10);')).toBe(true);
    expect(UTC_TODAY.test('return date.toISOString().slice(0, 10);')).toBe(false);
  });
});
