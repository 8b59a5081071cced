import type { SchoolMfaPolicy } from '@contract/schemas/security';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

const key = (schoolId: string) => ['school', schoolId, 'security', 'mfa'] as const;

/** GET /api/schools/:schoolId/security/mfa: whether every staff role must use a second factor. */
export const getMfaPolicy = (schoolId: string) => api.get<SchoolMfaPolicy>(`/api/schools/${schoolId}/security/mfa`);

export const mfaPolicyQueryOptions = (schoolId: string) => queryOptions({ queryKey: key(schoolId), queryFn: () => getMfaPolicy(schoolId) });

export const useMfaPolicy = (schoolId: string) => useQuery(mfaPolicyQueryOptions(schoolId));

/** PUT the rule (the school admin or the director; the server asks a fresh code when they have one). */
export function useSetMfaPolicy(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staffMfaRequired: boolean) => api.put<SchoolMfaPolicy>(`/api/schools/${schoolId}/security/mfa`, { staffMfaRequired }),
    onSuccess: (data) => queryClient.setQueryData(key(schoolId), data),
  });
}
