import type { StaffListItem } from '@contract/schemas/people';
import type { Bell, CurriculumEntry as Curriculum, SchoolClass, StudyGroup } from '@contract/schemas/school';
import type { TimetableChange, TimetableEntry, WeekSchema } from '@contract/schemas/timetable';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api';

/** The timetable's endpoints (server/modules/timetable/timetable.routes.ts) and the lookups its pages need. */
export type Week = Static<typeof WeekSchema>;
export type DerivedLesson = Week['lessons'][number];
export type Staff = Static<typeof StaffListItem>;
export type { Bell, Curriculum, SchoolClass, TimetableChange, TimetableEntry };

const school = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`;

export const timetableKey = (schoolId: string, ...rest: unknown[]) => ['timetable', schoolId, ...rest] as const;

export const useClassWeek = (schoolId: string, classId: string | null, weekOf: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'class-week', classId, weekOf),
    queryFn: ({ signal }) => api.get<Week>(`${school(schoolId)}/timetable/classes/${classId}/week`, { weekOf }, signal),
    enabled: !!classId,
  });

export const useTeacherWeek = (schoolId: string, staffId: string | null, weekOf: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'teacher-week', staffId, weekOf),
    queryFn: ({ signal }) => api.get<Week>(`${school(schoolId)}/timetable/teachers/${staffId}/week`, { weekOf }, signal),
    enabled: !!staffId,
  });

export const useEntries = (schoolId: string, classId: string | null, onDate: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'entries', classId, onDate),
    queryFn: ({ signal }) => api.get<{ items: TimetableEntry[] }>(`${school(schoolId)}/timetable/entries`, { classId, onDate }, signal),
    enabled: !!classId,
  });

export const useChanges = (schoolId: string, classId: string | null, from: string, to: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'changes', classId, from, to),
    queryFn: ({ signal }) => api.get<{ items: TimetableChange[] }>(`${school(schoolId)}/timetable/changes`, { classId, from, to }, signal),
    enabled: !!classId,
  });

export const createEntry = (
  schoolId: string,
  body: { curriculumId: string; weekday: number; lessonNumber: number; room?: string; confirmClash?: boolean },
) => api.post<TimetableEntry>(`${school(schoolId)}/timetable/entries`, body);
export const updateEntry = (schoolId: string, id: string, body: { room?: string; version: number; confirmClash?: boolean }) =>
  api.patch<TimetableEntry>(`${school(schoolId)}/timetable/entries/${encodeURIComponent(id)}`, body);
export const deleteEntry = (schoolId: string, id: string) => api.delete(`${school(schoolId)}/timetable/entries/${encodeURIComponent(id)}`);

export interface ChangeCreate {
  curriculumId: string;
  date: string;
  lessonNumber: number;
  cancelled?: boolean;
  substituteTeacherId?: string | null;
  room?: string | null;
  movedToDate?: string | null;
  movedToLessonNumber?: number | null;
  note?: string;
}
export const createChange = (schoolId: string, body: ChangeCreate) =>
  api.post<TimetableChange>(`${school(schoolId)}/timetable/changes`, body);
export const deleteChange = (schoolId: string, id: string) => api.delete(`${school(schoolId)}/timetable/changes/${encodeURIComponent(id)}`);

// Lookups from the school and people modules (read only).
export const useClasses = (schoolId: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'classes'),
    queryFn: ({ signal }) => api.get<{ items: SchoolClass[] }>(`${school(schoolId)}/classes`, undefined, signal),
    staleTime: 5 * 60_000,
  });
export const useGroups = (schoolId: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'groups'),
    queryFn: ({ signal }) => api.get<{ items: StudyGroup[] }>(`${school(schoolId)}/groups`, undefined, signal),
    staleTime: 5 * 60_000,
  });
export const useBells = (schoolId: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'bells'),
    queryFn: ({ signal }) => api.get<{ items: Bell[] }>(`${school(schoolId)}/bells`, undefined, signal),
    staleTime: 5 * 60_000,
  });
export const useCurriculum = (schoolId: string, query: { classId?: string | null; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'curriculum', query.classId ?? null),
    queryFn: ({ signal }) =>
      api.get<{ items: Curriculum[] }>(withQuery(`${school(schoolId)}/curriculum`, { classId: query.classId }), undefined, signal),
    enabled: query.enabled ?? true,
    staleTime: 5 * 60_000,
  });
export const useStaff = (schoolId: string) =>
  useQuery({
    queryKey: timetableKey(schoolId, 'staff'),
    queryFn: ({ signal }) => api.get<{ items: Staff[] }>(`${school(schoolId)}/staff`, { limit: 500 }, signal),
    staleTime: 5 * 60_000,
  });
