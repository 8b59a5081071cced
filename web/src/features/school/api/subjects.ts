import type { Subject, SubjectCreate } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { Subject };

/** GET /api/schools/:schoolId/subjects */
export const useSubjects = (schoolId: string, query?: Query) => useResource<{ items: Subject[] }>(schoolId, 'subjects', query);

/** POST /api/schools/:schoolId/subjects */
export const createSubjects = (schoolId: string, body: SubjectCreate) => api.post<Subject>(resourcePath(schoolId, 'subjects'), body);

export const useCreateSubjects = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createSubjects(schoolId, body as SubjectCreate));
