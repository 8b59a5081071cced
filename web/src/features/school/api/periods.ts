import type { Period, PeriodCreate } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Period };

/** GET /api/schools/:schoolId/periods */
export const usePeriods = (schoolId: string, query?: Query) => useResource<{ items: Period[] }>(schoolId, 'periods', query);

/** POST /api/schools/:schoolId/periods */
export const createPeriods = (schoolId: string, body: PeriodCreate) => api.post<Period>(resourcePath(schoolId, 'periods'), body);

export const useCreatePeriods = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createPeriods(schoolId, body as PeriodCreate));
