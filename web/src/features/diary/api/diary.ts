import type { CalendarFeedSchema, DiaryGrades, DiarySeenResponse, DiaryWeek } from '@contract/schemas/diary';
import type { Static } from '@sinclair/typebox';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { diaryPath, diaryWeekUrl } from './paths';

export type { DiaryDay, DiaryGrade, DiaryGrades, DiaryLesson, DiarySubjectGrades, DiaryWeek } from '@contract/schemas/diary';
export type CalendarFeed = Static<typeof CalendarFeedSchema>;

export { diaryPath };

const diaryKey = (schoolId: string, studentId: string) => ['diary', schoolId, studentId] as const;

/** GET …/diary/week?weekOf=: one week of one student; today's week without a date. */
export const weekQueryOptions = (schoolId: string, studentId: string, weekOf: string | null) =>
  queryOptions({
    queryKey: [...diaryKey(schoolId, studentId), 'week', weekOf ?? 'current'] as const,
    queryFn: ({ signal }) => api.get<DiaryWeek>(diaryWeekUrl(schoolId, studentId, weekOf), undefined, signal),
  });

/** Keeps the shown week on screen while the next one loads, so the page does not jump. */
export const useDiaryWeek = (schoolId: string, studentId: string, weekOf: string | null) =>
  useQuery({ ...weekQueryOptions(schoolId, studentId, weekOf), placeholderData: keepPreviousData });

/** GET …/diary/grades?periodId=: grades and attendance by subject for a period (the current one by default). */
export const useDiaryGrades = (schoolId: string, studentId: string, periodId: string | null) =>
  useQuery({
    queryKey: [...diaryKey(schoolId, studentId), 'grades', periodId ?? 'current'] as const,
    queryFn: ({ signal }) => api.get<DiaryGrades>(diaryPath(schoolId, studentId, 'grades'), { periodId }, signal),
    placeholderData: keepPreviousData,
  });

/** POST …/diary/seen, asked for by the user: the «new» marks go away at once (the pages are reloaded). */
export function useMarkSeen(schoolId: string, studentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Static<typeof DiarySeenResponse>>(diaryPath(schoolId, studentId, 'seen')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: diaryKey(schoolId, studentId) }),
  });
}

/**
 * The same mark sent while the page is being left (tab closed, another site opened): a keepalive
 * request outlives the page, and a lost one only means the marks are shown once more.
 */
export function markSeenOnLeave(schoolId: string, studentId: string): void {
  try {
    void fetch(diaryPath(schoolId, studentId, 'seen'), {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    }).catch(() => undefined);
  } catch {
    // Nothing to do: the next visit shows the same marks as new again.
  }
}

/** POST …/diary/calendar-feed: a new private calendar link (the previous one stops working). */
export const useCreateCalendarFeed = (schoolId: string, studentId: string) =>
  useMutation({ mutationFn: () => api.post<CalendarFeed>(diaryPath(schoolId, studentId, 'calendar-feed')) });

/** DELETE …/diary/calendar-feed: the private calendar link stops working. */
export const useRevokeCalendarFeed = (schoolId: string, studentId: string) =>
  useMutation({ mutationFn: () => api.delete(diaryPath(schoolId, studentId, 'calendar-feed')) });
