import type { PeriodMarkExplanation } from '@contract/schemas/period-mark';
import type { PlanImportResult, PlanLessons } from '@contract/schemas/timetable';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, NETWORK_ERROR } from '../../../lib/api';

/**
 * The thematic plan (КТП) page's endpoints (server/modules/timetable/thematic-plan.routes.ts and
 * the journal's plan-lessons) and the journal's «why this period mark?».
 */
export type PlanImport = Static<typeof PlanImportResult>;
export type { PeriodMarkExplanation, PlanLessons };

const school = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`;

export const planKeys = {
  lessons: (schoolId: string, curriculumId: string) => ['journal', schoolId, 'plan-lessons', curriculumId] as const,
  periodMark: (schoolId: string, curriculumId: string, studentId: string, periodId: string, revision: string) =>
    ['journal', schoolId, 'period-mark', curriculumId, studentId, periodId, revision] as const,
};

/** GET /journals/:id/plan-lessons: which plan topic lands on which lesson of the year. */
export const usePlanLessons = (schoolId: string, curriculumId: string) =>
  useQuery({
    queryKey: planKeys.lessons(schoolId, curriculumId),
    queryFn: ({ signal }) =>
      api.get<PlanLessons>(`${school(schoolId)}/journals/${encodeURIComponent(curriculumId)}/plan-lessons`, undefined, signal),
  });

/** The blank template's address (a plain link: the browser downloads it). */
export const planTemplateUrl = (schoolId: string, format: 'csv' | 'xlsx') => `${school(schoolId)}/thematic-plans/template?format=${format}`;

/** POST /thematic-plans/:id/import (multipart, one file); a dry run writes nothing. */
export async function importPlan(schoolId: string, curriculumId: string, file: File, dryRun: boolean, locale: string): Promise<PlanImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${school(schoolId)}/thematic-plans/${encodeURIComponent(curriculumId)}/import${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale },
      body: form,
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 'network', '');
  }
  const data = (await response.json().catch(() => null)) as
    | { error?: { code?: string; message?: string; problems?: PlanImport['problems'] } }
    | PlanImport
    | null;
  if (!response.ok) {
    const error = data && 'error' in data ? data.error : undefined;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? '');
  }
  return data as PlanImport;
}

/** GET /journals/:id/students/:studentId/period-mark: the explanation of the proposed period mark. */
export const usePeriodMark = (schoolId: string, curriculumId: string, studentId: string, periodId: string, revision: string) =>
  useQuery({
    queryKey: planKeys.periodMark(schoolId, curriculumId, studentId, periodId, revision),
    queryFn: ({ signal }) =>
      api.get<PeriodMarkExplanation>(
        `${school(schoolId)}/journals/${encodeURIComponent(curriculumId)}/students/${encodeURIComponent(studentId)}/period-mark`,
        { periodId },
        signal,
      ),
    staleTime: 0,
  });
