import type { MyStudentList } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api';

export type MyStudent = Static<typeof MyStudentList>['items'][number];

/** GET /api/my/students: the parent's children or the student themself, across schools. */
export const listMyStudents = () => api.get<Static<typeof MyStudentList>>('/api/my/students');

export const myStudentsQueryOptions = () =>
  queryOptions({ queryKey: ['my', 'students'] as const, queryFn: listMyStudents, select: (data) => data.items });

export const useMyStudents = () => useQuery(myStudentsQueryOptions());
