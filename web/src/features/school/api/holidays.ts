import type { Holiday, HolidayCreate } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Holiday };

/** GET /api/schools/:schoolId/holidays */
export const useHolidays = (schoolId: string, query?: Query) => useResource<{ items: Holiday[] }>(schoolId, 'holidays', query);

/** POST /api/schools/:schoolId/holidays */
export const createHolidays = (schoolId: string, body: HolidayCreate) => api.post<Holiday>(resourcePath(schoolId, 'holidays'), body);

export const useCreateHolidays = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createHolidays(schoolId, body as HolidayCreate));
