import type { MeSchema } from '@contract/schemas/auth';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api';

export type Me = Static<typeof MeSchema>;
export type MySchool = Me['schools'][number];

export const meQueryKey = ['auth', 'me'] as const;

const SIGNED_IN_HINT = 'otmetka.signedIn';

/**
 * A hint (not a credential: the session cookie is httpOnly) that this browser had a session, so
 * a first-time visitor is sent to the login page without a request that would only answer 401.
 */
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true;
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage disabled: maybeSignedIn() then always asks the server.
  }
}

/** GET /api/auth/me; `null` when nobody is signed in (401). */
export async function getMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setSignedInHint(true);
    return me;
  } catch (err) {
    if (isApiError(err, 401)) {
      setSignedInHint(false);
      return null;
    }
    throw err;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });

export const useMe = (enabled = true) => useQuery({ ...meQueryOptions(), enabled });
