import type { GroupCreate, StudyGroup } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { StudyGroup };

/** GET /api/schools/:schoolId/groups */
export const useGroups = (schoolId: string, query?: Query) => useResource<{ items: StudyGroup[] }>(schoolId, 'groups', query);

/** POST /api/schools/:schoolId/groups */
export const createGroups = (schoolId: string, body: GroupCreate) => api.post<StudyGroup>(resourcePath(schoolId, 'groups'), body);

export const useCreateGroups = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createGroups(schoolId, body as GroupCreate));
