import type { BackupList, BackupRun } from '@contract/schemas/operations';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

const key = ['operations', 'backups'] as const;

/** GET /api/operations/backups: the installation's backups with size, result and drill (operators). */
export const getBackups = () => api.get<BackupList>('/api/operations/backups');

/** A backup still running, or one whose drill has not reported yet: look again every second. */
const unsettled = (list: BackupList | undefined) =>
  !!list?.items.some((b) => b.status === 'running' || (b.status === 'ok' && b.drill === null && b.trigger === 'manual' && !b.pruned));

export const backupsQueryOptions = () =>
  queryOptions({ queryKey: key, queryFn: getBackups, refetchInterval: (q) => (unsettled(q.state.data) ? 1000 : false) });

export const useBackups = () => useQuery(backupsQueryOptions());

/** POST: start a backup and its drill now; the list follows it. */
export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<BackupRun>('/api/operations/backups', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
