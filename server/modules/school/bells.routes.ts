import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import { BellCreateBody, BellListSchema, BellPatchBody, BellReplaceBody, BellSchema } from '../../../contract/schemas/school.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { createBell, deleteBell, listBells, replaceBells, updateBell } from './bells.service.js';
import { authenticated as config, NO_CONTENT, STRUCTURE_ERRORS, tags } from './school.http.js';

/** The bell schedule of a school. */
export function bellRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/bells',
      { config, schema: { tags, summary: 'Bell schedule, by lesson number', params: SchoolParams, response: { 200: BellListSchema } } },
      async (request) => ({ items: await listBells(deps, actorOf(request), request.params.schoolId) }),
    );
    app.post(
      '/api/schools/:schoolId/bells',
      {
        config,
        schema: {
          tags,
          summary: 'Add a lesson to the bell schedule',
          params: SchoolParams,
          body: BellCreateBody,
          response: { 201: BellSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createBell(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.put(
      '/api/schools/:schoolId/bells',
      {
        config,
        schema: {
          tags,
          summary: 'Replace the whole bell schedule atomically',
          params: SchoolParams,
          body: BellReplaceBody,
          response: { 200: BellListSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => ({ items: await replaceBells(deps, actorOf(request), request.params.schoolId, request.body.items) }),
    );
    app.patch(
      '/api/schools/:schoolId/bells/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change one lesson of the schedule',
          params: SchoolItemParams,
          body: BellPatchBody,
          response: { 200: BellSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateBell(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/bells/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Remove a lesson from the schedule',
          params: SchoolItemParams,
          response: { ...NO_CONTENT, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => {
        await deleteBell(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
