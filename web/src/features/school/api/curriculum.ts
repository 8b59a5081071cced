import type { CurriculumCreate, CurriculumEntry, CurriculumPatch } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { CurriculumEntry };

/** GET /api/schools/:schoolId/curriculum */
export const useCurriculum = (schoolId: string, query?: Query) => useResource<{ items: CurriculumEntry[] }>(schoolId, 'curriculum', query);

/** POST /api/schools/:schoolId/curriculum */
export const createCurriculum = (schoolId: string, body: CurriculumCreate) =>
  api.post<CurriculumEntry>(resourcePath(schoolId, 'curriculum'), body);

export const useCreateCurriculum = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => createCurriculum(schoolId, body as CurriculumCreate));

/** PATCH /api/schools/:schoolId/curriculum/:id (only the changed fields) */
export const useUpdateCurriculum = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: Record<string, unknown> }) =>
    api.patch<CurriculumEntry>(resourcePath(schoolId, 'curriculum', id), body as CurriculumPatch),
  );

/** DELETE /api/schools/:schoolId/curriculum/:id (409 «используется» when other records point at it) */
export const useDeleteCurriculum = (schoolId: string) =>
  useResourceMutation(schoolId, (id: string) => api.delete(resourcePath(schoolId, 'curriculum', id)));
