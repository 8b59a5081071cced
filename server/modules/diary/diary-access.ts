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

/** «Today» is the school's calendar day: the school module's one answer (kept per node there, see school-today.ts). */
export { schoolToday } from '../school/school.service.js';
