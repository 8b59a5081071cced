import type { GroupCreate, GroupPatch, StudyGroup } from '@contract/schemas/school';
import { api } from '../api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../resource';

export type { StudyGroup };

/** GET /api/schools/:schoolId/groups */
export const useGroups = (schoolId: string, query?: Query) => useResource<{ items: StudyGroup[] }>(schoolId, 'groups', query);

/** POST /api/schools/:schoolId/groups */
export const createGroups = (schoolId: string, body: GroupCreate) => api.post<StudyGroup>(resourcePath(schoolId, 'groups'), body);

export const useCreateGroups = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createGroups(schoolId, body as GroupCreate));

/** PATCH /api/schools/:schoolId/groups/:id (only the changed fields) */
export const useUpdateGroup = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<StudyGroup>(resourcePath(schoolId, 'groups', id), body as GroupPatch),
  );

/** DELETE /api/schools/:schoolId/groups/:id (409 «используется» when other records point at it) */
export const useDeleteGroup = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'groups', id)));
