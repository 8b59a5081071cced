import type { Bell, BellCreate, BellPatch, BellReplace } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Bell };

/** GET /api/schools/:schoolId/bells */
export const useBells = (schoolId: string, query?: Query) => useResource<{ items: Bell[] }>(schoolId, 'bells', query);

/** POST /api/schools/:schoolId/bells */
export const createBells = (schoolId: string, body: BellCreate) => api.post<Bell>(resourcePath(schoolId, 'bells'), body);

export const useCreateBells = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createBells(schoolId, body as BellCreate));

/** PATCH /api/schools/:schoolId/bells/:id (only the changed fields) */
export const useUpdateBell = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<Bell>(resourcePath(schoolId, 'bells', id), body as BellPatch),
  );

/** DELETE /api/schools/:schoolId/bells/:id (409 «используется» when other records point at it) */
export const useDeleteBell = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'bells', id)));

/** PUT /api/schools/:schoolId/bells: replaces the whole schedule in one transaction. */
export const useReplaceBells = (schoolId: string) =>
  useResourceMutation(schoolId, (items: BellCreate[]) =>
    api.put<{ items: Bell[] }>(resourcePath(schoolId, 'bells'), { items } satisfies BellReplace),
  );
