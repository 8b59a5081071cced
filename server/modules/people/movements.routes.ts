import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  ClassRosterParams,
  GroupRosterParams,
  Movement,
  MovementCreate,
  MovementList,
  MovementRegisterQuery,
  OnDateQuery,
  Roster,
} from '../../../contract/schemas/people.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { movementRegister, recordMovement, rosterForActor, studentMovements } from './movements.service.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function movementRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/schools/:schoolId/students/:id/movements',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Record a movement (enrol, transfer, leave, group join/leave) by an order; append-only',
          params: SchoolItemParams,
          body: MovementCreate,
          response: { 201: Movement, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await recordMovement(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as MovementCreate)),
    );

    app.get(
      '/api/schools/:schoolId/students/:id/movements',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "A student's movement history, oldest first",
          params: SchoolItemParams,
          response: { 200: MovementList, ...errors },
        },
      },
      async (request) => ({ items: await studentMovements(deps, actorOf(request), request.params.schoolId, request.params.id) }),
    );

    app.get(
      '/api/schools/:schoolId/movements',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "The school's movement register («движение обучающихся»)",
          params: SchoolParams,
          querystring: MovementRegisterQuery,
          response: { 200: MovementList, ...errors },
        },
      },
      async (request) => ({
        items: await movementRegister(deps, actorOf(request), request.params.schoolId, request.query as MovementRegisterQuery),
      }),
    );

    app.get(
      '/api/schools/:schoolId/classes/:classId/students',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Who is in the class on a date (default: today), by surname, name',
          params: ClassRosterParams,
          querystring: OnDateQuery,
          response: { 200: Roster, ...errors },
        },
      },
      async (request) =>
        rosterForActor(deps, actorOf(request), request.params.schoolId, { classId: request.params.classId }, request.query.onDate),
    );

    app.get(
      '/api/schools/:schoolId/groups/:groupId/students',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Who is in the group on a date (default: today), by surname, name',
          params: GroupRosterParams,
          querystring: OnDateQuery,
          response: { 200: Roster, ...errors },
        },
      },
      async (request) =>
        rosterForActor(deps, actorOf(request), request.params.schoolId, { groupId: request.params.groupId }, request.query.onDate),
    );
  };
}
