import type {
  Attendance,
  AttendanceMark,
  Average,
  Grade,
  HistoryEntrySchema,
  JournalListItemSchema,
  JournalPage,
  LessonRecord,
  PeriodCloseBody,
  PeriodGrade,
  PeriodGradeKind,
} from '@contract/schemas/journal';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, NETWORK_ERROR, withQuery } from '../../../lib/api';

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
  api.save<Grade>('POST', `${journal(schoolId, curriculumId)}/grades`, body);

export interface GradeUpdate {
  value?: string;
  workTypeId?: string;
  comment?: string;
  version: number;
  reason?: string;
}
export const updateGrade = (schoolId: string, gradeId: string, body: GradeUpdate) =>
  api.save<Grade>('PATCH', `${school(schoolId)}/grades/${encodeURIComponent(gradeId)}`, body);

export const deleteGrade = (schoolId: string, gradeId: string, version: number, reason?: string) =>
  api.save<void>('DELETE', withQuery(`${school(schoolId)}/grades/${encodeURIComponent(gradeId)}`, { version, reason }));

export interface AttendanceWrite {
  studentId: string;
  date: string;
  lessonNumber: number;
  mark: AttendanceMark | null;
  version: number;
  reason?: string;
}
export const setAttendance = (schoolId: string, curriculumId: string, body: AttendanceWrite) =>
  api.save<{ item: Attendance | null }>('PUT', `${journal(schoolId, curriculumId)}/attendance`, body);

export interface LessonWrite {
  topic?: string | null;
  homework?: string | null;
  homeworkDueOn?: string | null;
  controlWorkTypeId?: string | null;
  version: number;
  reason?: string;
}
export const writeLesson = (schoolId: string, curriculumId: string, date: string, lessonNumber: number, body: LessonWrite) =>
  api.save<LessonRecord>('PUT', `${journal(schoolId, curriculumId)}/lessons/${date}/${lessonNumber}`, body);

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

/** GET /curriculum?teacherId=: the curriculum items the signed-in teacher teaches ("my journals"). */
export const useMyCurricula = (schoolId: string, staffId: string | null) =>
  useQuery({
    queryKey: ['journal', schoolId, 'my-curricula', staffId],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string }[] }>(`${school(schoolId)}/curriculum`, { teacherId: staffId ?? undefined }, signal),
    enabled: !!staffId,
    staleTime: 5 * 60_000,
  });

// --- Homework attachments (server/modules/journal/attachments.routes.ts)

export type Attachment = LessonRecord['attachments'][number];

/**
 * The server's limits (server/modules/journal/attachments.service.ts: ATTACHMENT_MAX_BYTES,
 * ATTACHMENTS_PER_LESSON and the type allow-list, checked there by content), shown before an
 * upload. The server stays the judge: its 413/415/422 message is shown as it comes.
 */
export const ATTACHMENT_LIMITS = {
  maxMegabytes: 10,
  perLesson: 10,
  extensions: ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'odt', 'txt'],
} as const;

export const lessonKeys = {
  record: (schoolId: string, lessonId: string) => ['journal', schoolId, 'lesson', lessonId] as const,
};

/** GET /lessons/:id: the lesson record with its attachments. */
export const useLessonRecord = (schoolId: string, lessonId: string | null) =>
  useQuery({
    queryKey: lessonKeys.record(schoolId, lessonId ?? ''),
    queryFn: ({ signal }) => api.get<LessonRecord>(`${school(schoolId)}/lessons/${encodeURIComponent(lessonId ?? '')}`, undefined, signal),
    enabled: !!lessonId,
  });

export const attachmentUrl = (schoolId: string, lessonId: string, attachmentId: string) =>
  `${school(schoolId)}/lessons/${encodeURIComponent(lessonId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** POST /lessons/:id/attachments (multipart, one file). */
export async function uploadAttachment(schoolId: string, lessonId: string, file: File, locale: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${school(schoolId)}/lessons/${encodeURIComponent(lessonId)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale },
      body: form,
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 'network', '');
  }
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | Attachment | null;
  if (!response.ok) {
    const error = data && 'error' in data ? data.error : undefined;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? '');
  }
  return data as Attachment;
}

/** DELETE /lessons/:id/attachments/:attachmentId */
export const deleteAttachment = (schoolId: string, lessonId: string, attachmentId: string) =>
  api.delete(attachmentUrl(schoolId, lessonId, attachmentId));

// --- Closing and reopening a study period (R4.2; admins)

export type Period = JournalPage['period'];

/** POST /periods/:id/close: grades and attendance of the period lock. */
/** POST /periods/:id/close; a period that has not ended closes only with early and a reason (decision 008). */
export const closePeriod = (schoolId: string, periodId: string, body: PeriodCloseBody = {}) =>
  api.post<Period>(`${school(schoolId)}/periods/${encodeURIComponent(periodId)}/close`, body);

/** POST /periods/:id/reopen with the reason, which goes to the audit log. */
export const reopenPeriod = (schoolId: string, periodId: string, reason: string) =>
  api.post<Period>(`${school(schoolId)}/periods/${encodeURIComponent(periodId)}/reopen`, { reason });

/** The values of the scale this journal is graded on: the item's own, else the school's default (R3.2). */
export const itemScaleValues = (page: JournalPage): string[] =>
  (page.scales.find((s) => s.code === page.curriculum.scale) ?? page.scales[0])?.values.map((v) => v.value) ?? [];
