import type { Holiday, HolidayCreate, HolidayPatch } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Holiday };

/** GET /api/schools/:schoolId/holidays */
export const useHolidays = (schoolId: string, query?: Query) => useResource<{ items: Holiday[] }>(schoolId, 'holidays', query);

/** POST /api/schools/:schoolId/holidays */
export const createHolidays = (schoolId: string, body: HolidayCreate) => api.post<Holiday>(resourcePath(schoolId, 'holidays'), body);

export const useCreateHolidays = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createHolidays(schoolId, body as HolidayCreate));

/** PATCH /api/schools/:schoolId/holidays/:id (only the changed fields) */
export const useUpdateHoliday = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<Holiday>(resourcePath(schoolId, 'holidays', id), body as HolidayPatch),
  );

/** DELETE /api/schools/:schoolId/holidays/:id (409 «используется» when other records point at it) */
export const useDeleteHoliday = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'holidays', id)));
