import type { MeSchema } from '@contract/schemas/auth';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../api';
import { setSignedInHint } from '../signed-in-hint';

export { maybeSignedIn, setSignedInHint } from '../signed-in-hint';

export type Me = Static<typeof MeSchema>;
export type MySchool = Me['schools'][number];

export const meQueryKey = ['auth', 'me'] as const;

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
