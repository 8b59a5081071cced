import type { Year, YearCreate, YearPatch } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { resourcePath, useResourceMutation } from '../../../lib/resource';

/** POST /api/schools/:schoolId/years */
export const createYear = (schoolId: string, body: YearCreate) => api.post<Year>(resourcePath(schoolId, 'years'), body);

export const useCreateYear = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createYear(schoolId, body as YearCreate));

/** POST /api/schools/:schoolId/years/:id/periods/preset: the standard quarters and half-years. */
export const useApplyPeriodPreset = (schoolId: string) =>
  useResourceMutation(schoolId, (yearId: string) => api.post<unknown>(`${resourcePath(schoolId, 'years', yearId)}/periods/preset`));

/** PATCH /api/schools/:schoolId/years/:id (only the changed fields) */
export const useUpdateYear = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<Year>(resourcePath(schoolId, 'years', id), body as YearPatch),
  );

/** DELETE /api/schools/:schoolId/years/:id (409 «используется» when other records point at it) */
export const useDeleteYear = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'years', id)));
