import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  ComplaintAnswer,
  ComplaintCreate,
  ComplaintDecline,
  ComplaintExtend,
  ComplaintQuery,
  ComplaintSchema,
  InspectionCreate,
  InspectionResult,
  InspectionResultSent,
  InspectionSchema,
} from '../../../contract/schemas/oversight.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  answerComplaint,
  createInspection,
  declineRepeatedComplaint,
  extendComplaint,
  getComplaint,
  listComplaints,
  listInspections,
  printComplaintBook,
  recordInspectionResult,
  recordInspectionResultSent,
  registerComplaint,
} from './oversight.service.js';

const base = '/api/schools/:schoolId/oversight';
const auth = { access: 'authenticated' } as const;
const tags = ['oversight'];

export function oversightRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      `${base}/complaints`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Register a complaint in the book',
          params: SchoolParams,
          body: ComplaintCreate,
          response: { 201: ComplaintSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registerComplaint(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.get(
      `${base}/complaints`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'The complaint book (status=overdue: open past the deadline)',
          params: SchoolParams,
          querystring: ComplaintQuery,
          response: { 200: Type.Object({ items: Type.Array(ComplaintSchema) }) },
        },
      },
      async (request) => ({ items: await listComplaints(deps, actorOf(request), request.params.schoolId, request.query) }),
    );
    app.get(
      `${base}/complaints/:id`,
      { config: auth, schema: { tags, summary: 'One complaint', params: SchoolItemParams, response: { 200: ComplaintSchema } } },
      async (request) => getComplaint(deps, actorOf(request), request.params.schoolId, request.params.id),
    );
    app.post(
      `${base}/complaints/:id/extend`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Extend the deadline once by 30 days (written notice recorded)',
          params: SchoolItemParams,
          body: ComplaintExtend,
          response: { 200: ComplaintSchema },
        },
      },
      async (request) => extendComplaint(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.post(
      `${base}/complaints/:id/answer`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Record the answer sent to the complainant',
          params: SchoolItemParams,
          body: ComplaintAnswer,
          response: { 200: ComplaintSchema },
        },
      },
      async (request) => answerComplaint(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.post(
      `${base}/complaints/:id/decline`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Decline a repeated complaint already answered on the merits',
          params: SchoolItemParams,
          body: ComplaintDecline,
          response: { 200: ComplaintSchema },
        },
      },
      async (request) => declineRepeatedComplaint(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.get(
      `${base}/complaints/book.pdf`,
      { config: auth, schema: { tags, summary: 'The complaint book as PDF', params: SchoolParams } },
      async (request, reply) =>
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', 'inline; filename="complaint-book.pdf"')
          .header('cache-control', 'no-store')
          .send(await printComplaintBook(deps, actorOf(request), request.params.schoolId)),
    );
    app.post(
      `${base}/inspections`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Record a planned or unplanned inspection',
          params: SchoolParams,
          body: InspectionCreate,
          response: { 201: InspectionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createInspection(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.get(
      `${base}/inspections`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'The register of quality checks',
          params: SchoolParams,
          response: { 200: Type.Object({ items: Type.Array(InspectionSchema) }) },
        },
      },
      async (request) => ({ items: await listInspections(deps, actorOf(request), request.params.schoolId) }),
    );
    app.post(
      `${base}/inspections/:id/result`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'The written result («справка»)',
          params: SchoolItemParams,
          body: InspectionResult,
          response: { 200: InspectionSchema },
        },
      },
      async (request) => recordInspectionResult(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.post(
      `${base}/inspections/:id/result-sent`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Record that the result went to the complainant',
          params: SchoolItemParams,
          body: InspectionResultSent,
          response: { 200: InspectionSchema },
        },
      },
      async (request) => recordInspectionResultSent(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
  };
}
