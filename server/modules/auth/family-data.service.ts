import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { schoolToday } from '../school/school.service.js';
import { findUserById } from './auth.repository.js';

/** The account's part of a family's export (issue 12.13): its login, name, language and dates — never the password's hash. */
export async function familyAccountData(deps: Deps, actor: Actor, schoolId: string) {
  await requireParentFamily(deps.db, actor, schoolId, await schoolToday(deps, schoolId));
  const user = await findUserById(deps.db, actor.userId as string);
  if (!user) throw notFound();
  return {
    login: user.login,
    displayName: user.display_name,
    locale: user.locale,
    createdAt: user.created_at,
    passwordChangedAt: user.password_changed_at,
  };
}
