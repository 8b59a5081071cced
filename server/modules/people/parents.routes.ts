import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import { Parent, ParentCreate, ParentList, ParentListQuery, ParentUpdate } from '../../../contract/schemas/people.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { createParent, getParent, listParents, updateParent } from './parents.service.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function parentRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/parents',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Parents the caller may see (names only)',
          params: SchoolParams,
          querystring: ParentListQuery,
          response: { 200: ParentList, ...errors },
        },
      },
      async (request) => listParents(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/parents/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "A parent's full record with the children the caller may see (audited)",
          params: SchoolItemParams,
          response: { 200: Parent, ...errors },
        },
      },
      async (request) => getParent(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.post(
      '/api/schools/:schoolId/parents',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Create a parent',
          params: SchoolParams,
          body: ParentCreate,
          response: { 201: Parent, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createParent(deps, actorOf(request), request.params.schoolId, request.body as ParentCreate)),
    );

    app.patch(
      '/api/schools/:schoolId/parents/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Change some fields of a parent',
          params: SchoolItemParams,
          body: ParentUpdate,
          response: { 200: Parent, ...errors },
        },
      },
      async (request) => updateParent(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as ParentUpdate),
    );
  };
}
