import type { CurriculumCreate, CurriculumEntry } from '@contract/schemas/school';
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
