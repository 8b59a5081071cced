import type { IndicatorReport, MonitoringReport } from '@contract/schemas/reports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}/reports`;

/** GET …/reports/monitoring: what is late now by teacher, and the weeks' figures. */
export const monitoringQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ['school', schoolId, 'reports', 'monitoring'] as const,
    queryFn: () => api.get<MonitoringReport>(`${base(schoolId)}/monitoring`),
  });
export const useMonitoring = (schoolId: string) => useQuery(monitoringQueryOptions(schoolId));

/** GET …/reports/indicators: table 2.13 for the academic year up to today. */
export const indicatorsQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ['school', schoolId, 'reports', 'indicators'] as const,
    queryFn: () => api.get<IndicatorReport>(`${base(schoolId)}/indicators`),
  });
export const useIndicators = (schoolId: string) => useQuery(indicatorsQueryOptions(schoolId));

/** A download link: the file's URL holds the format only, never personal data. */
export const exportUrl = (schoolId: string, table: 'indicators' | 'monitoring', format: 'csv' | 'xlsx' | 'pdf') =>
  `${base(schoolId)}/${table}/export?format=${format}`;
