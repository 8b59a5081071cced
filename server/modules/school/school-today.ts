import { LRUCache } from 'lru-cache';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { findSchoolTimeZone } from './school.repository.js';

/**
 * «Today at the school»: the one home of the school's calendar day (issue 11 item 6). Every
 * module asks this through school.service.ts; none takes the UTC date of the clock, which is
 * yesterday before 10:00 in Vladivostok.
 */

interface Zone {
  timeZone: string;
  format: Intl.DateTimeFormat;
  /** The last answer and the clock minute it was for: a zone's day always turns on a minute. */
  minute: number;
  today: string;
}

/*
 * The zone is reference data read on most requests (the diary asks it on every read): kept per
 * node for a minute with its formatter, since building an Intl.DateTimeFormat costs more than the
 * rest of a cached diary read. A zone changed on another node is seen within that minute.
 */
const zones = new LRUCache<string, Zone>({ max: 100_000, ttl: 60_000 });

async function loadZone(deps: Deps, schoolId: string): Promise<Zone> {
  const timeZone = await findSchoolTimeZone(deps.db, schoolId);
  if (timeZone === undefined) throw notFound();
  const zone: Zone = {
    timeZone,
    format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    minute: Number.NaN,
    today: '',
  };
  zones.set(schoolId, zone);
  return zone;
}

/** Today's date (YYYY-MM-DD) in the school's time zone, by the injected clock; 404 for no such school. */
export async function schoolToday(deps: Deps, schoolId: string): Promise<string> {
  const now = deps.clock.now();
  // A kept zone is used without a further await: this runs on every diary read.
  const zone = zones.get(schoolId) ?? (await loadZone(deps, schoolId));
  const minute = Math.floor(now.getTime() / 60_000);
  if (zone.minute !== minute) {
    zone.today = zone.format.format(now);
    zone.minute = minute;
  }
  return zone.today;
}

/** The school's IANA time zone (iCal feeds, printed instants); 404 for no such school. */
export async function schoolTimeZone(deps: Deps, schoolId: string): Promise<string> {
  return (zones.get(schoolId) ?? (await loadZone(deps, schoolId))).timeZone;
}

/** Drops this node's copy of a school's zone after its change. */
export function forgetSchoolZone(schoolId: string): void {
  zones.delete(schoolId);
}
