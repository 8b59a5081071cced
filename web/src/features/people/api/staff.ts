import type { StaffCreate, StaffList, StaffMember } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { api } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

export type StaffListItem = Static<typeof StaffList>['items'][number];
export type { StaffMember };

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
