import type { Period, PeriodCreate, PeriodPatch } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Period };

/** GET /api/schools/:schoolId/periods */
export const usePeriods = (schoolId: string, query?: Query) => useResource<{ items: Period[] }>(schoolId, 'periods', query);

/** POST /api/schools/:schoolId/periods */
export const createPeriods = (schoolId: string, body: PeriodCreate) => api.post<Period>(resourcePath(schoolId, 'periods'), body);

export const useCreatePeriods = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createPeriods(schoolId, body as PeriodCreate));

/** PATCH /api/schools/:schoolId/periods/:id (only the changed fields) */
export const useUpdatePeriod = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<Period>(resourcePath(schoolId, 'periods', id), body as PeriodPatch),
  );

/** DELETE /api/schools/:schoolId/periods/:id (409 «используется» when other records point at it) */
export const useDeletePeriod = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'periods', id)));
