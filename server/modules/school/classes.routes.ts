import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  ClassCreateBody,
  ClassListQuery,
  ClassListSchema,
  ClassPatchBody,
  ClassSchema,
  GroupCreateBody,
  GroupListQuery,
  GroupListSchema,
  GroupPatchBody,
  GroupSchema,
} from '../../../contract/schemas/school.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  createClass,
  createGroup,
  deleteClass,
  deleteGroup,
  getClass,
  listClasses,
  listGroups,
  updateClass,
  updateGroup,
} from './classes.service.js';
import { authenticated as config, NO_CONTENT, STRUCTURE_ERRORS, tags } from './school.http.js';

/** Classes and study groups of a school. */
export function classRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // ------------------------------------------------------------ classes
    app.get(
      '/api/schools/:schoolId/classes',
      {
        config,
        schema: {
          tags,
          summary: 'Classes with their class teachers',
          params: SchoolParams,
          querystring: ClassListQuery,
          response: { 200: ClassListSchema },
        },
      },
      async (request) => ({ items: await listClasses(deps, actorOf(request), request.params.schoolId, request.query.yearId) }),
    );
    app.post(
      '/api/schools/:schoolId/classes',
      {
        config,
        schema: {
          tags,
          summary: 'Open a class',
          params: SchoolParams,
          body: ClassCreateBody,
          response: { 201: ClassSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createClass(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.get(
      '/api/schools/:schoolId/classes/:id',
      { config, schema: { tags, summary: 'One class', params: SchoolItemParams, response: { 200: ClassSchema, 404: ErrorResponse } } },
      async (request) => getClass(deps, actorOf(request), request.params.schoolId, request.params.id),
    );
    app.patch(
      '/api/schools/:schoolId/classes/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a class (grade, letter, class teacher)',
          params: SchoolItemParams,
          body: ClassPatchBody,
          response: { 200: ClassSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateClass(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/classes/:id',
      {
        config,
        schema: { tags, summary: 'Delete an unused class', params: SchoolItemParams, response: { ...NO_CONTENT, ...STRUCTURE_ERRORS } },
      },
      async (request, reply) => {
        await deleteClass(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    // ------------------------------------------------------------ groups
    app.get(
      '/api/schools/:schoolId/groups',
      {
        config,
        schema: { tags, summary: 'Study groups', params: SchoolParams, querystring: GroupListQuery, response: { 200: GroupListSchema } },
      },
      async (request) => ({ items: await listGroups(deps, actorOf(request), request.params.schoolId, request.query) }),
    );
    app.post(
      '/api/schools/:schoolId/groups',
      {
        config,
        schema: {
          tags,
          summary: 'Create a study group',
          params: SchoolParams,
          body: GroupCreateBody,
          response: { 201: GroupSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createGroup(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.patch(
      '/api/schools/:schoolId/groups/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Rename a study group',
          params: SchoolItemParams,
          body: GroupPatchBody,
          response: { 200: GroupSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateGroup(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/groups/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Delete an unused study group',
          params: SchoolItemParams,
          response: { ...NO_CONTENT, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => {
        await deleteGroup(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
