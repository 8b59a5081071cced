import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, Id, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  TimetableChangeCreateBody,
  TimetableChangeSchema,
  TimetableChangesQuery,
  TimetableEntriesQuery,
  TimetableEntryCreateBody,
  TimetableEntrySchema,
  TimetableEntryUpdateBody,
  WeekQuery,
  WeekSchema,
} from '../../../contract/schemas/timetable.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { thematicPlanRoutes } from './thematic-plan.routes.js';
import * as timetable from './timetable.service.js';

const tags = ['timetable'];

export function timetableRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(thematicPlanRoutes(deps));

    app.get(
      '/api/schools/:schoolId/timetable/entries',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Weekly timetable entries, by class, group, curriculum item, teacher or date',
          params: SchoolParams,
          querystring: TimetableEntriesQuery,
          response: { 200: Type.Object({ items: Type.Array(TimetableEntrySchema) }) },
        },
      },
      async (request) => ({ items: await timetable.listEntries(deps, actorOf(request), request.params.schoolId, request.query) }),
    );

    app.post(
      '/api/schools/:schoolId/timetable/entries',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Add a weekly lesson (admins)',
          params: SchoolParams,
          body: TimetableEntryCreateBody,
          response: { 201: TimetableEntrySchema, 409: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await timetable.createEntry(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.patch(
      '/api/schools/:schoolId/timetable/entries/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Change a weekly lesson (admins); a stale version gets 409 with the current entry',
          params: SchoolItemParams,
          body: TimetableEntryUpdateBody,
          response: { 200: TimetableEntrySchema },
        },
      },
      async (request) => timetable.updateEntry(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.delete(
      '/api/schools/:schoolId/timetable/entries/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Remove a weekly lesson (lessons with journal content stay)',
          params: SchoolItemParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await timetable.deleteEntry(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/schools/:schoolId/timetable/changes',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'One-off changes touching a date range',
          params: SchoolParams,
          querystring: TimetableChangesQuery,
          response: { 200: Type.Object({ items: Type.Array(TimetableChangeSchema) }) },
        },
      },
      async (request) => ({ items: await timetable.listChanges(deps, actorOf(request), request.params.schoolId, request.query) }),
    );

    app.post(
      '/api/schools/:schoolId/timetable/changes',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Change one lesson: substitute, room, cancellation or move (admins)',
          params: SchoolParams,
          body: TimetableChangeCreateBody,
          response: { 201: TimetableChangeSchema, 409: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await timetable.createChange(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.delete(
      '/api/schools/:schoolId/timetable/changes/:id',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Undo a one-off change', params: SchoolItemParams, response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        await timetable.deleteChange(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/schools/:schoolId/timetable/classes/:classId/week',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: "A class's lessons for the week holding weekOf (default: this week)",
          params: Type.Object({ schoolId: Id, classId: Id }),
          querystring: WeekQuery,
          response: { 200: WeekSchema },
        },
      },
      async (request) => timetable.classWeek(deps, actorOf(request), request.params.schoolId, request.params.classId, request.query.weekOf),
    );

    app.get(
      '/api/schools/:schoolId/timetable/teachers/:staffId/week',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: "A teacher's lessons (own and substituted) for the week holding weekOf",
          params: Type.Object({ schoolId: Id, staffId: Id }),
          querystring: WeekQuery,
          response: { 200: WeekSchema },
        },
      },
      async (request) =>
        timetable.teacherWeek(deps, actorOf(request), request.params.schoolId, request.params.staffId, request.query.weekOf),
    );
  };
}
