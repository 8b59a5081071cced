import type { YearListSchema } from '@contract/schemas/school';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api';

export type Year = Static<typeof YearListSchema>['items'][number];

export const yearsQueryKey = (schoolId: string) => ['school', schoolId, 'years'] as const;

/** GET /api/schools/:schoolId/years */
export const listYears = (schoolId: string) => api.get<Static<typeof YearListSchema>>(`/api/schools/${schoolId}/years`);

export const yearsQueryOptions = (schoolId: string) =>
  queryOptions({ queryKey: yearsQueryKey(schoolId), queryFn: () => listYears(schoolId), select: (data) => data.items });

export const useYears = (schoolId: string) => useQuery(yearsQueryOptions(schoolId));

/** The year containing `today`, else the latest one that has started, else the first. */
export function currentYear(years: readonly Year[], today: string): Year | null {
  const sorted = [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return (
    sorted.find((y) => y.startsOn <= today && today <= y.endsOn) ??
    [...sorted].reverse().find((y) => y.startsOn <= today) ??
    sorted[0] ??
    null
  );
}
