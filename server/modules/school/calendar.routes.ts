import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
// The kind enums are Type.Unsafe (a plain JSON-schema enum, for readable errors); the type provider's
// TypeBox cannot see through it, so those bodies are cast to their contract types after validation.
import {
  type HolidayCreate,
  HolidayCreateBody,
  HolidayListQuery,
  HolidayListSchema,
  type HolidayPatch,
  HolidayPatchBody,
  HolidaySchema,
  type PeriodCreate,
  PeriodCreateBody,
  PeriodListQuery,
  PeriodListSchema,
  type PeriodPatch,
  PeriodPatchBody,
  PeriodPresetDescription,
  PeriodSchema,
  YearCreateBody,
  YearListSchema,
  YearPatchBody,
  YearSchema,
} from '../../../contract/schemas/school.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  createHoliday,
  createPeriod,
  createPresetPeriods,
  createYear,
  deleteHoliday,
  deletePeriod,
  deleteYear,
  listHolidays,
  listPeriods,
  listYears,
  updateHoliday,
  updatePeriod,
  updateYear,
} from './calendar.service.js';
import { authenticated as config, NO_CONTENT, STRUCTURE_ERRORS, tags } from './school.http.js';

/** Academic years, study periods and holidays of a school. */
export function calendarRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // ------------------------------------------------------------ years
    app.get(
      '/api/schools/:schoolId/years',
      { config, schema: { tags, summary: 'Academic years', params: SchoolParams, response: { 200: YearListSchema } } },
      async (request) => ({ items: await listYears(deps, actorOf(request), request.params.schoolId) }),
    );
    app.post(
      '/api/schools/:schoolId/years',
      {
        config,
        schema: {
          tags,
          summary: 'Add an academic year',
          params: SchoolParams,
          body: YearCreateBody,
          response: { 201: YearSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createYear(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.patch(
      '/api/schools/:schoolId/years/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change an academic year',
          params: SchoolItemParams,
          body: YearPatchBody,
          response: { 200: YearSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateYear(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/years/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Delete an unused academic year',
          params: SchoolItemParams,
          response: { ...NO_CONTENT, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => {
        await deleteYear(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/schools/:schoolId/years/:id/periods/preset',
      {
        config,
        schema: {
          tags,
          summary: 'Create the standard quarters (grades 1–9) and half-years (10–11) of a year',
          description: PeriodPresetDescription,
          params: SchoolItemParams,
          response: { 201: PeriodListSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ items: await createPresetPeriods(deps, actorOf(request), request.params.schoolId, request.params.id) }),
    );

    // ------------------------------------------------------------ periods
    app.get(
      '/api/schools/:schoolId/periods',
      {
        config,
        schema: { tags, summary: 'Study periods', params: SchoolParams, querystring: PeriodListQuery, response: { 200: PeriodListSchema } },
      },
      async (request) => ({ items: await listPeriods(deps, actorOf(request), request.params.schoolId, request.query.yearId) }),
    );
    app.post(
      '/api/schools/:schoolId/periods',
      {
        config,
        schema: {
          tags,
          summary: 'Add a study period',
          params: SchoolParams,
          body: PeriodCreateBody,
          response: { 201: PeriodSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPeriod(deps, actorOf(request), request.params.schoolId, request.body as PeriodCreate)),
    );
    app.patch(
      '/api/schools/:schoolId/periods/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change an open study period',
          params: SchoolItemParams,
          body: PeriodPatchBody,
          response: { 200: PeriodSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updatePeriod(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as PeriodPatch),
    );
    app.delete(
      '/api/schools/:schoolId/periods/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Delete an open study period',
          params: SchoolItemParams,
          response: { ...NO_CONTENT, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => {
        await deletePeriod(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    // ------------------------------------------------------------ holidays
    app.get(
      '/api/schools/:schoolId/holidays',
      {
        config,
        schema: {
          tags,
          summary: 'Holidays and vacations',
          params: SchoolParams,
          querystring: HolidayListQuery,
          response: { 200: HolidayListSchema },
        },
      },
      async (request) => ({ items: await listHolidays(deps, actorOf(request), request.params.schoolId, request.query.yearId) }),
    );
    app.post(
      '/api/schools/:schoolId/holidays',
      {
        config,
        schema: {
          tags,
          summary: 'Add a holiday',
          params: SchoolParams,
          body: HolidayCreateBody,
          response: { 201: HolidaySchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createHoliday(deps, actorOf(request), request.params.schoolId, request.body as HolidayCreate)),
    );
    app.patch(
      '/api/schools/:schoolId/holidays/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a holiday',
          params: SchoolItemParams,
          body: HolidayPatchBody,
          response: { 200: HolidaySchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateHoliday(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as HolidayPatch),
    );
    app.delete(
      '/api/schools/:schoolId/holidays/:id',
      { config, schema: { tags, summary: 'Delete a holiday', params: SchoolItemParams, response: { ...NO_CONTENT, ...STRUCTURE_ERRORS } } },
      async (request, reply) => {
        await deleteHoliday(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
