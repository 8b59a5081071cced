import type { Subject, SubjectCreate, SubjectPatch } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Subject };

/** GET /api/schools/:schoolId/subjects */
export const useSubjects = (schoolId: string, query?: Query) => useResource<{ items: Subject[] }>(schoolId, 'subjects', query);

/** POST /api/schools/:schoolId/subjects */
export const createSubjects = (schoolId: string, body: SubjectCreate) => api.post<Subject>(resourcePath(schoolId, 'subjects'), body);

export const useCreateSubjects = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createSubjects(schoolId, body as SubjectCreate));

/** PATCH /api/schools/:schoolId/subjects/:id (only the changed fields) */
export const useUpdateSubject = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<Subject>(resourcePath(schoolId, 'subjects', id), body as SubjectPatch),
  );

/** DELETE /api/schools/:schoolId/subjects/:id (409 «используется» when other records point at it) */
export const useDeleteSubject = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'subjects', id)));
