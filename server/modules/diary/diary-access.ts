import { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { familyOrStaff, requireStudentsVisible } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import * as repo from './diary.repository.js';

/** How the actor reads a diary: a family member (their own child, themself) or staff (audited). */
export type DiaryReader = 'family' | 'staff';

/**
 * R5.3: a parent reads only their own children (with a valid consent), a student only themself,
 * staff with the journal-read right the students the policy lets them see (the class teacher
 * their class, a teacher the students they teach, admins, director and deputy all). Everyone else,
 * and every student that does not exist, gets the same 404. Decided by the one access policy.
 */
export async function requireDiaryRead(deps: Deps, actor: Actor, schoolId: string, studentId: string, today: string): Promise<DiaryReader> {
  const reader = diaryReaderOf(actor, schoolId);
  await requireStudentsVisible(deps.db, actor, schoolId, [studentId], today);
  // Whole-school staff pass the policy for any id: the student must also exist in this school.
  if (reader === 'staff' && !(await repo.studentCard(deps.db, schoolId, studentId))) throw notFound();
  return reader;
}

/** Family or staff by the actor's roles (no data read yet); 404 for anyone else. */
export function diaryReaderOf(actor: Actor, schoolId: string): DiaryReader {
  const reader = familyOrStaff(actor, schoolId, Permission.journalRead);
  if (!reader) throw notFound();
  return reader;
}

interface ZoneEntry {
  format: Intl.DateTimeFormat;
  until: number;
  /** The last answer and the minute it was for: a day always changes on a minute boundary. */
  minute: number;
  today: string;
}
const zones = new Map<string, ZoneEntry>();
const ZONE_TTL_MS = 60_000;

/**
 * Today in the school's time zone. The zone is reference data, cached for a minute per node with
 * its formatter (building an Intl.DateTimeFormat costs more than the rest of a cached diary read),
 * and the date itself is reused within the same minute of the clock.
 */
export async function schoolToday(deps: Deps, schoolId: string): Promise<string> {
  const now = deps.clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  const cached = zones.get(schoolId);
  if (cached && cached.until > performance.now()) {
    if (cached.minute !== minute) {
      cached.today = cached.format.format(now);
      cached.minute = minute;
    }
    return cached.today;
  }
  const row = await repo.schoolTimeZone(deps.db, schoolId);
  if (!row) throw notFound();
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: row.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const today = format.format(now);
  zones.set(schoolId, { format, until: performance.now() + ZONE_TTL_MS, minute, today });
  return today;
}
