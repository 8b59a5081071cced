import type { PasswordResetResponse, StaffCreate, StaffList, StaffMember, StaffUpdate } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { api } from '../api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../resource';

export type StaffListItem = Static<typeof StaffList>['items'][number];
export type { StaffMember };
export type PasswordReset = Static<typeof PasswordResetResponse>;

/** GET /api/schools/:schoolId/staff */
export const useStaff = (schoolId: string, query?: Query) => useResource<Static<typeof StaffList>>(schoolId, 'staff', query);

/** GET /api/schools/:schoolId/staff/:id */
export const useStaffMember = (schoolId: string, id: string) => useResource<StaffMember>(schoolId, 'staff', undefined, id);

/** POST /api/schools/:schoolId/staff (with an optional account and roles) */
export const useCreateStaff = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<StaffMember>(resourcePath(schoolId, 'staff'), body as StaffCreate),
  );

/** PUT /api/schools/:schoolId/staff/:id/roles */
export const useSetStaffRoles = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (roles: string[]) =>
    api.put<{ roles: string[] }>(`${resourcePath(schoolId, 'staff', id)}/roles`, { roles }),
  );

/** PATCH /api/schools/:schoolId/staff/:id (leftOn marks leaving; null undoes it) */
export const useUpdateStaff = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.patch<StaffMember>(resourcePath(schoolId, 'staff', id), body as StaffUpdate),
  );

/** POST /api/schools/:schoolId/staff/:id/disable or /enable (a disabled account is signed out and cannot sign in) */
export const useSetStaffAccountDisabled = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (disabled: boolean) =>
    api.post<StaffMember>(`${resourcePath(schoolId, 'staff', id)}/${disabled ? 'disable' : 'enable'}`),
  );

/**
 * POST /api/schools/:schoolId/staff/:id/password-reset: a one-time temporary password. The answer
 * lives only in the mutation's state (never in the query cache) and is shown once.
 */
export const useResetStaffPassword = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, () => api.post<PasswordReset>(`${resourcePath(schoolId, 'staff', id)}/password-reset`));
