import type { Bell, BellCreate } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Bell };

/** GET /api/schools/:schoolId/bells */
export const useBells = (schoolId: string, query?: Query) => useResource<{ items: Bell[] }>(schoolId, 'bells', query);

/** POST /api/schools/:schoolId/bells */
export const createBells = (schoolId: string, body: BellCreate) => api.post<Bell>(resourcePath(schoolId, 'bells'), body);

export const useCreateBells = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createBells(schoolId, body as BellCreate));
