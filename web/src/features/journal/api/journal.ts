import type {
  Attendance,
  AttendanceMark,
  Average,
  Grade,
  HistoryEntrySchema,
  JournalListItemSchema,
  JournalPage,
  LessonRecord,
  PeriodGrade,
  PeriodGradeKind,
} from '@contract/schemas/journal';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, withQuery } from '../../../lib/api';

/**
 * The class journal's endpoints (server/modules/journal/journal.routes.ts). Every write carries
 * the version the client saw; a stale one answers 409 with `current` (see `conflictCurrent`).
 */
export type JournalListItem = Static<typeof JournalListItemSchema>;
export type HistoryEntry = Static<typeof HistoryEntrySchema>;
export type { Attendance, AttendanceMark, Average, Grade, JournalPage, LessonRecord, PeriodGrade };

const school = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`;
const journal = (schoolId: string, curriculumId: string) => `${school(schoolId)}/journals/${encodeURIComponent(curriculumId)}`;

export const journalKeys = {
  list: (schoolId: string) => ['journal', schoolId, 'list'] as const,
  page: (schoolId: string, curriculumId: string, periodId: string | undefined) =>
    ['journal', schoolId, 'page', curriculumId, periodId ?? ''] as const,
  history: (schoolId: string, curriculumId: string, filter: HistoryFilter, revision: string) =>
    ['journal', schoolId, 'history', curriculumId, filter, revision] as const,
};

/** GET /journals: the journal pages the user may open, with whether they may write. */
export const journalListQuery = (schoolId: string) =>
  queryOptions({
    queryKey: journalKeys.list(schoolId),
    queryFn: ({ signal }) => api.get<{ items: JournalListItem[] }>(`${school(schoolId)}/journals`, undefined, signal),
  });
export const useJournalList = (schoolId: string) => useQuery(journalListQuery(schoolId));

/** GET /journals/:curriculumId: everything the grid needs, in one request. */
export const journalPageQuery = (schoolId: string, curriculumId: string, periodId: string | undefined) =>
  queryOptions({
    queryKey: journalKeys.page(schoolId, curriculumId, periodId),
    queryFn: ({ signal }) => api.get<JournalPage>(journal(schoolId, curriculumId), { periodId }, signal),
    // The grid keeps its own optimistic copy; a background refetch would fight with typing.
    staleTime: Number.POSITIVE_INFINITY,
  });
export const useJournalPage = (schoolId: string, curriculumId: string, periodId: string | undefined) =>
  useQuery(journalPageQuery(schoolId, curriculumId, periodId));

export const fetchAverages = (schoolId: string, curriculumId: string, periodId: string) =>
  api.get<{ items: Average[] }>(`${journal(schoolId, curriculumId)}/averages`, { periodId });

export interface HistoryFilter {
  entity?: 'grade' | 'attendance' | 'lesson' | 'period_grade';
  entityId?: string;
  studentId?: string;
  lessonId?: string;
}

/** `revision` changes whenever the rows it concerns change, so an open history follows new writes. */
export const useJournalHistory = (schoolId: string, curriculumId: string, filter: HistoryFilter, revision: string) =>
  useQuery({
    queryKey: journalKeys.history(schoolId, curriculumId, filter, revision),
    queryFn: ({ signal }) =>
      api.get<{ items: HistoryEntry[] }>(`${journal(schoolId, curriculumId)}/history`, { ...filter, limit: 100 }, signal),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });

export interface GradeCreate {
  studentId: string;
  date: string;
  lessonNumber?: number;
  value: string;
  scale?: string;
  workTypeId: string;
  comment?: string;
  reason?: string;
}
export const createGrade = (schoolId: string, curriculumId: string, body: GradeCreate) =>
  api.post<Grade>(`${journal(schoolId, curriculumId)}/grades`, body);

export interface GradeUpdate {
  value?: string;
  workTypeId?: string;
  comment?: string;
  version: number;
  reason?: string;
}
export const updateGrade = (schoolId: string, gradeId: string, body: GradeUpdate) =>
  api.patch<Grade>(`${school(schoolId)}/grades/${encodeURIComponent(gradeId)}`, body);

export const deleteGrade = (schoolId: string, gradeId: string, version: number, reason?: string) =>
  api.delete(withQuery(`${school(schoolId)}/grades/${encodeURIComponent(gradeId)}`, { version, reason }));

export interface AttendanceWrite {
  studentId: string;
  date: string;
  lessonNumber: number;
  mark: AttendanceMark | null;
  version: number;
  reason?: string;
}
export const setAttendance = (schoolId: string, curriculumId: string, body: AttendanceWrite) =>
  api.put<{ item: Attendance | null }>(`${journal(schoolId, curriculumId)}/attendance`, body);

export interface LessonWrite {
  topic?: string | null;
  homework?: string | null;
  homeworkDueOn?: string | null;
  controlWorkTypeId?: string | null;
  version: number;
  reason?: string;
}
export const writeLesson = (schoolId: string, curriculumId: string, date: string, lessonNumber: number, body: LessonWrite) =>
  api.put<LessonRecord>(`${journal(schoolId, curriculumId)}/lessons/${date}/${lessonNumber}`, body);

export interface PeriodGradeWrite {
  studentId: string;
  kind: PeriodGradeKind;
  periodId?: string;
  value: string | null;
  version: number;
  reason?: string;
}
export const setPeriodGrade = (schoolId: string, curriculumId: string, body: PeriodGradeWrite) =>
  api.put<{ item: PeriodGrade | null }>(`${journal(schoolId, curriculumId)}/period-grades`, body);

/** The row as it now is, from a 409 on a stale write (`undefined` when the error is not that). */
export function conflictCurrent<T>(error: unknown): T | null | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || !('current' in error.details)) return undefined;
  return (error.details.current ?? null) as T | null;
}
