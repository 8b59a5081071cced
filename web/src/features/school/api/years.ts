import type { Year, YearCreate } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { resourcePath, useResourceMutation } from '../../../lib/resource';

/** POST /api/schools/:schoolId/years */
export const createYear = (schoolId: string, body: YearCreate) => api.post<Year>(resourcePath(schoolId, 'years'), body);

export const useCreateYear = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createYear(schoolId, body as YearCreate));

/** POST /api/schools/:schoolId/years/:id/periods/preset: the standard quarters and half-years. */
export const useApplyPeriodPreset = (schoolId: string) =>
  useResourceMutation(schoolId, (yearId: string) => api.post<unknown>(`${resourcePath(schoolId, 'years', yearId)}/periods/preset`));
