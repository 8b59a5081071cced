import type { ClassCreate, SchoolClass } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { SchoolClass };

/** GET /api/schools/:schoolId/classes */
export const useClasses = (schoolId: string, query?: Query) => useResource<{ items: SchoolClass[] }>(schoolId, 'classes', query);

/** POST /api/schools/:schoolId/classes */
export const createClasses = (schoolId: string, body: ClassCreate) => api.post<SchoolClass>(resourcePath(schoolId, 'classes'), body);

export const useCreateClasses = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createClasses(schoolId, body as ClassCreate));
