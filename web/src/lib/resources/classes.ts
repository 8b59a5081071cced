import type { ClassCreate, ClassPatch, SchoolClass } from '@contract/schemas/school';
import { api } from '../api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../resource';

export type { SchoolClass };

/** GET /api/schools/:schoolId/classes */
export const useClasses = (schoolId: string, query?: Query) => useResource<{ items: SchoolClass[] }>(schoolId, 'classes', query);

/** POST /api/schools/:schoolId/classes */
export const createClasses = (schoolId: string, body: ClassCreate) => api.post<SchoolClass>(resourcePath(schoolId, 'classes'), body);

export const useCreateClasses = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createClasses(schoolId, body as ClassCreate));

/** PATCH /api/schools/:schoolId/classes/:id (only the changed fields) */
export const useUpdateClass = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<SchoolClass>(resourcePath(schoolId, 'classes', id), body as ClassPatch),
  );

/** DELETE /api/schools/:schoolId/classes/:id (409 «используется» when other records point at it) */
export const useDeleteClass = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'classes', id)));
