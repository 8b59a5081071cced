import type { Locale } from '../../contract/i18n/index.js';
import type { Role } from '../../contract/roles.js';

export interface RoleGrant {
  role: Role;
  /** The school the role is held in; null for an operator-level grant. */
  schoolId: string | null;
  operatorId: string | null;
}

/** Who is acting: a signed-in user, or the system itself (CLI, jobs) with explicit full rights. */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  ip: string;
  locale: Locale;
  grants: readonly RoleGrant[];
  /** Schools reachable through operator grants. */
  operatorSchoolIds: readonly string[];
  /** When the session's second factor was last checked (a step-up is fresh for ten minutes); unset without one. */
  mfaAt?: string | null;
}

export function systemActor(locale: Locale = 'ru'): Actor {
  return { kind: 'system', userId: null, ip: 'system', locale, grants: [], operatorSchoolIds: [] };
}
