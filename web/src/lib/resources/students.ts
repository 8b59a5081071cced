import type {
  MovementCreate,
  MovementList,
  ParentLinkCreate,
  Student,
  StudentCreate,
  StudentList,
  StudentUpdate,
} from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { api } from '../api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../resource';

export type StudentListItem = Static<typeof StudentList>['items'][number];
export type Movement = Static<typeof MovementList>['items'][number];
export type { Student };

/** GET /api/schools/:schoolId/students?q=&classId=&limit=&offset= */
export const useStudents = (schoolId: string, query?: Query) => useResource<Static<typeof StudentList>>(schoolId, 'students', query);

/** GET /api/schools/:schoolId/students/:id (the server records the read in the audit log) */
export const useStudent = (schoolId: string, id: string) => useResource<Student>(schoolId, 'students', undefined, id);

/** POST /api/schools/:schoolId/students (optionally with the enrolment) */
export const useCreateStudent = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<Student>(resourcePath(schoolId, 'students'), body as StudentCreate),
  );

/** GET /api/schools/:schoolId/students/:id/movements */
export const useStudentMovements = (schoolId: string, id: string) =>
  useResource<Static<typeof MovementList>>(schoolId, `students/${encodeURIComponent(id)}/movements`);

/** POST /api/schools/:schoolId/students/:id/movements */
export const useCreateMovement = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<Movement>(`${resourcePath(schoolId, 'students', id)}/movements`, body as MovementCreate),
  );

/** PATCH /api/schools/:schoolId/students/:id (only the changed consent-form fields) */
export const useUpdateStudent = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.patch<Student>(resourcePath(schoolId, 'students', id), body as StudentUpdate),
  );

/** POST /api/schools/:schoolId/students/:id/parents: link an existing parent with a kinship. */
export const linkParent = (schoolId: string, studentId: string, body: ParentLinkCreate) =>
  api.post<void>(`${resourcePath(schoolId, 'students', studentId)}/parents`, body);

export const useLinkParent = (schoolId: string, studentId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => linkParent(schoolId, studentId, body as ParentLinkCreate));

/** DELETE /api/schools/:schoolId/students/:id/parents/:parentId (the parent's card stays) */
export const useUnlinkParent = (schoolId: string, studentId: string) =>
  useResourceMutation(schoolId, (parentId: string) =>
    api.delete(`${resourcePath(schoolId, 'students', studentId)}/parents/${encodeURIComponent(parentId)}`),
  );
