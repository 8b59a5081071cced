import type { CurriculumScales, GradeScale, WorkType } from '@contract/schemas/journal';
import type { CurriculumEntry } from '@contract/schemas/school';
import { api } from '../../../lib/api';
import { resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type { CurriculumEntry, CurriculumScales, GradeScale, WorkType };

/** GET /api/schools/:schoolId/grade-scales: built-in and own scales, and the school's default. */
export const useGradeScales = (schoolId: string) => useResource<{ defaultScale: string; items: GradeScale[] }>(schoolId, 'grade-scales');

/** GET /api/schools/:schoolId/grade-scales/curricula: the items with a scale of their own. */
export const useCurriculumScales = (schoolId: string) => useResource<CurriculumScales>(schoolId, 'grade-scales/curricula');

/** GET /api/schools/:schoolId/work-types */
export const useWorkTypes = (schoolId: string) => useResource<{ items: WorkType[] }>(schoolId, 'work-types');

/** GET /api/schools/:schoolId/curriculum: every class's and group's subjects of the current year. */
export const useCurriculumItems = (schoolId: string) => useResource<{ items: CurriculumEntry[] }>(schoolId, 'curriculum');

/** PUT /api/schools/:schoolId/grade-scales/default */
export const useSetDefaultScale = (schoolId: string) =>
  useResourceMutation(schoolId, (scale: string) =>
    api.put<{ defaultScale: string }>(resourcePath(schoolId, 'grade-scales/default'), { scale }),
  );

/** PUT /api/schools/:schoolId/grade-scales/curricula/:curriculumId (null: the school's default) */
export const useSetCurriculumScale = (schoolId: string) =>
  useResourceMutation(schoolId, ({ curriculumId, scale }: { curriculumId: string; scale: string | null }) =>
    api.put<{ curriculumId: string; scale: string | null; effectiveScale: string }>(
      resourcePath(schoolId, 'grade-scales/curricula', curriculumId),
      { scale },
    ),
  );

/** POST /api/schools/:schoolId/grade-scales */
export const useCreateScale = (schoolId: string) =>
  useResourceMutation(schoolId, (body: { name: string; values: Array<{ value: string; numeric: number | null }> }) =>
    api.post<GradeScale>(resourcePath(schoolId, 'grade-scales'), body),
  );

/** POST /api/schools/:schoolId/work-types */
export const useCreateWorkType = (schoolId: string) =>
  useResourceMutation(schoolId, (body: { name: string; weight: number; isControl: boolean }) =>
    api.post<WorkType>(resourcePath(schoolId, 'work-types'), body),
  );

/** PATCH /api/schools/:schoolId/work-types/:id (only the changed fields) */
export const useUpdateWorkType = (schoolId: string) =>
  useResourceMutation(schoolId, ({ id, body }: { id: string; body: { name?: string; weight?: number; isControl?: boolean } }) =>
    api.patch<WorkType>(resourcePath(schoolId, 'work-types', id), body),
  );
