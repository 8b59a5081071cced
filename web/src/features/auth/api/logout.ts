import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { meQueryKey, setSignedInHint } from '../../../lib/resources/me';

/** POST /api/auth/logout: ends the session. */
export const logout = () => api.post<void>('/api/auth/logout');

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setSignedInHint(false);
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
