import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  PasswordResetResponse,
  StaffCreate,
  StaffList,
  StaffListQuery,
  StaffMember,
  StaffRolesBody,
  StaffRolesResponse,
  type StaffRoleValue,
  StaffUpdate,
} from '../../../contract/schemas/people.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  createStaff,
  getStaff,
  listStaff,
  resetStaffPassword,
  setStaffAccountDisabled,
  setStaffRoles,
  updateStaff,
} from './staff.service.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function staffRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/staff',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Staff of the school (current unless includeLeft)',
          params: SchoolParams,
          querystring: StaffListQuery,
          response: { 200: StaffList, ...errors },
        },
      },
      async (request) => listStaff(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/staff/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "A staff member's record with login and school roles (audited)",
          params: SchoolItemParams,
          response: { 200: StaffMember, ...errors },
        },
      },
      async (request) => getStaff(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.post(
      '/api/schools/:schoolId/staff',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Create a staff member, optionally with an account and school roles',
          params: SchoolParams,
          body: StaffCreate,
          response: { 201: StaffMember, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createStaff(deps, actorOf(request), request.params.schoolId, request.body as StaffCreate)),
    );

    app.patch(
      '/api/schools/:schoolId/staff/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Change some fields of a staff member; leftOn marks leaving',
          params: SchoolItemParams,
          body: StaffUpdate,
          response: { 200: StaffMember, ...errors },
        },
      },
      async (request) => updateStaff(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.put(
      '/api/schools/:schoolId/staff/:id/roles',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "Set the staff member's school roles",
          params: SchoolItemParams,
          body: StaffRolesBody,
          response: { 200: StaffRolesResponse, ...errors },
        },
      },
      async (request) => ({
        roles: await setStaffRoles(
          deps,
          actorOf(request),
          request.params.schoolId,
          request.params.id,
          request.body.roles as StaffRoleValue[],
        ),
      }),
    );

    app.post(
      '/api/schools/:schoolId/staff/:id/password-reset',
      {
        config: { access: 'authenticated', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['people'],
          summary: 'Issue a one-time temporary password (shown once); the account is signed out everywhere',
          params: SchoolItemParams,
          response: { 200: PasswordResetResponse, ...errors },
        },
      },
      async (request, reply) => {
        const result = await resetStaffPassword(deps, actorOf(request), request.params.schoolId, request.params.id);
        // The password is shown once: no cache may keep it.
        reply.header('cache-control', 'no-store');
        return result;
      },
    );

    for (const [action, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `/api/schools/:schoolId/staff/:id/${action}`,
        {
          config: { access: 'authenticated' },
          schema: {
            tags: ['people'],
            summary: disabled
              ? "Disable the staff member's account: it cannot sign in and is signed out everywhere"
              : "Enable the staff member's account again",
            params: SchoolItemParams,
            response: { 200: StaffMember, ...errors },
          },
        },
        async (request) => setStaffAccountDisabled(deps, actorOf(request), request.params.schoolId, request.params.id, disabled),
      );
    }
  };
}
