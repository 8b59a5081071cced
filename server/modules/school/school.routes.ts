import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolParams } from '../../../contract/schemas/common.js';
import { SchoolCreateBody, SchoolListSchema, SchoolPatchBody, SchoolSchema } from '../../../contract/schemas/school.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { bellRoutes } from './bells.routes.js';
import { calendarRoutes } from './calendar.routes.js';
import { classRoutes } from './classes.routes.js';
import { curriculumRoutes } from './curriculum.routes.js';
import { STRUCTURE_ERRORS } from './school.http.js';
import { createSchool, getSchool, listSchools, updateSchool } from './school.service.js';

/** Schools, and the plugins for the rest of the school structure. */
export function schoolRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['school'],
          summary: 'Schools the signed-in user holds a role in (an operator: all the operator’s schools)',
          response: { 200: SchoolListSchema },
        },
      },
      async (request) => ({ items: await listSchools(deps, actorOf(request)) }),
    );

    app.post(
      '/api/schools',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['school'],
          summary: 'Create a school (operators only)',
          body: SchoolCreateBody,
          response: { 201: SchoolSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createSchool(deps, actorOf(request), request.body)),
    );

    app.get(
      '/api/schools/:schoolId',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['school'], summary: 'One school', params: SchoolParams, response: { 200: SchoolSchema, 404: ErrorResponse } },
      },
      async (request) => getSchool(deps, actorOf(request), request.params.schoolId),
    );

    app.patch(
      '/api/schools/:schoolId',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['school'],
          summary: 'Change a school’s details (school admin, operator)',
          params: SchoolParams,
          body: SchoolPatchBody,
          response: { 200: SchoolSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateSchool(deps, actorOf(request), request.params.schoolId, request.body),
    );

    await app.register(calendarRoutes(deps));
    await app.register(bellRoutes(deps));
    await app.register(classRoutes(deps));
    await app.register(curriculumRoutes(deps));
  };
}
