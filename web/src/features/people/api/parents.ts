import type { Parent, ParentCreate, ParentList, ParentUpdate } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { type Query, resourcePath, resourceQuery, useResource, useResourceMutation } from '../../../lib/resource';

export type ParentListItem = Static<typeof ParentList>['items'][number];
export type { Parent };

/** GET /api/schools/:schoolId/parents?q=&studentId= */
export const useParents = (schoolId: string, query?: Query) => useResource<Static<typeof ParentList>>(schoolId, 'parents', query);

/** The same list, asked only once there is something to look for (the link-a-parent search). */
export const useParentSearch = (schoolId: string, q: string) =>
  useQuery({ ...resourceQuery<Static<typeof ParentList>>(schoolId, 'parents', { q, limit: 20 }), enabled: q !== '' });

/** GET /api/schools/:schoolId/parents/:id (audited as a read of personal data) */
export const useParent = (schoolId: string, id: string) => useResource<Parent>(schoolId, 'parents', undefined, id);

/** POST /api/schools/:schoolId/parents */
export const createParent = (schoolId: string, body: ParentCreate) => api.post<Parent>(resourcePath(schoolId, 'parents'), body);

/** PATCH /api/schools/:schoolId/parents/:id (only the changed fields) */
export const useUpdateParent = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.patch<Parent>(resourcePath(schoolId, 'parents', id), body as ParentUpdate),
  );
