import type { ReadAlertList } from '@contract/schemas/security';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api';

/** GET /api/schools/:schoolId/security/read-alerts: staff over their personal-data read budget (issue 12.12). */
export const listReadAlerts = (schoolId: string) => api.get<ReadAlertList>(`/api/schools/${schoolId}/security/read-alerts`);

export const readAlertsQueryOptions = (schoolId: string) =>
  queryOptions({ queryKey: ['school', schoolId, 'security', 'read-alerts'] as const, queryFn: () => listReadAlerts(schoolId) });

export const useReadAlerts = (schoolId: string, enabled = true) => useQuery({ ...readAlertsQueryOptions(schoolId), enabled });
