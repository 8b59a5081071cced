import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, Id, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  ApplicationCreate,
  ApplicationDetail,
  ApplicationLinks,
  ApplicationQuery,
  ApplicationSummary,
  CalendarInput,
  CalendarSchema,
  CalendarYearParams,
  CodeIssueInput,
  CodeRecord,
  ConsentCreate,
  ConsentSchema,
  ConsentWithdraw,
  DeadlineItem,
  DecisionInput,
  IssuedCode,
  OperatorCopyInput,
  OrderInput,
  RedeemInput,
  RedeemResult,
  StudentCodeParams,
} from '../../../contract/schemas/service.js';
import { actorOf, setSessionCookie } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { issueCode, listStudentCodes, redeemCode } from './access-codes.service.js';
import { getApplication, linkApplication, listApplicationRegister, registerApplication } from './applications.service.js';
import { getCalendarYear, setCalendarYear } from './calendar.service.js';
import { getConsent, listConsents, recordConsent, recordOperatorCopy, withdrawConsent } from './consents.service.js';
import { listDeadlines } from './deadlines.service.js';
import { decideApplication, signOrder } from './decisions.service.js';
import { servicePrintRoutes } from './service-print.routes.js';

const base = '/api/schools/:schoolId/service';
const auth = { access: 'authenticated' } as const;

export function serviceRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      `${base}/applications`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Register a parent’s application (Приложение 1) in the register, the same day',
          params: SchoolParams,
          body: ApplicationCreate,
          response: { 201: ApplicationDetail, 400: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registerApplication(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.get(
      `${base}/applications`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The register of applications: search by number, date range, name, status',
          params: SchoolParams,
          querystring: ApplicationQuery,
          response: { 200: Type.Object({ items: Type.Array(ApplicationSummary) }) },
        },
      },
      async (request) => ({ items: await listApplicationRegister(deps, actorOf(request), request.params.schoolId, request.query) }),
    );

    app.get(
      `${base}/applications/:id`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'One application with its next deadline',
          params: SchoolItemParams,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => getApplication(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.patch(
      `${base}/applications/:id`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Link the application to the school’s student and parent records',
          params: SchoolItemParams,
          body: ApplicationLinks,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => linkApplication(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.post(
      `${base}/applications/:id/decision`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The decision: granted, or refused on a ground of §2.8 (director)',
          params: SchoolItemParams,
          body: DecisionInput,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => decideApplication(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.post(
      `${base}/applications/:id/order`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The director’s order granting the service (number, date)',
          params: SchoolItemParams,
          body: OrderInput,
          response: { 200: ApplicationDetail },
        },
      },
      async (request) => signOrder(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.get(
      `${base}/deadlines`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'What is due and overdue: decisions, orders, access, consent copies',
          params: SchoolParams,
          querystring: Type.Object({ overdue: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(DeadlineItem) }) },
        },
      },
      async (request) => ({
        items: await listDeadlines(deps, actorOf(request), request.params.schoolId, { overdueOnly: request.query.overdue }),
      }),
    );

    app.get(
      `${base}/calendar/:year`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The working-day calendar of a year',
          params: CalendarYearParams,
          response: { 200: CalendarSchema },
        },
      },
      async (request) => getCalendarYear(deps, actorOf(request), request.params.schoolId, request.params.year),
    );

    app.put(
      `${base}/calendar/:year`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Replace a year of the working-day calendar (school admin)',
          params: CalendarYearParams,
          body: CalendarInput,
          response: { 200: CalendarSchema },
        },
      },
      async (request) => setCalendarYear(deps, actorOf(request), request.params.schoolId, request.params.year, request.body),
    );

    app.post(
      `${base}/consents`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Record a signed consent (Приложение 2)',
          params: SchoolParams,
          body: ConsentCreate,
          response: { 201: ConsentSchema, 422: ErrorResponse },
        },
      },
      async (request, reply) => reply.status(201).send(await recordConsent(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.get(
      `${base}/consents`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Consents of the school (staff, operator) or one’s own (parent)',
          params: SchoolParams,
          querystring: Type.Object({ studentId: Type.Optional(Id), applicationId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(ConsentSchema) }) },
        },
      },
      async (request) => ({ items: await listConsents(deps, actorOf(request), request.params.schoolId, request.query) }),
    );

    app.get(
      `${base}/consents/:id`,
      {
        config: auth,
        schema: { tags: ['service'], summary: 'One consent', params: SchoolItemParams, response: { 200: ConsentSchema } },
      },
      async (request) => getConsent(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.post(
      `${base}/consents/:id/withdraw`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Withdraw a consent (the school on a written withdrawal, or the parent)',
          params: SchoolItemParams,
          body: ConsentWithdraw,
          response: { 200: ConsentSchema },
        },
      },
      async (request) => withdrawConsent(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.post(
      `${base}/consents/:id/operator-copy`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Record that the consent copy went to the operator (date, how)',
          params: SchoolItemParams,
          body: OperatorCopyInput,
          response: { 200: ConsentSchema },
        },
      },
      async (request) => recordOperatorCopy(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.post(
      `${base}/students/:studentId/codes`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Issue a one-time registration code (class teacher of the class, school admin); reissue revokes the old one',
          params: StudentCodeParams,
          body: CodeIssueInput,
          response: { 201: IssuedCode, 422: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await issueCode(deps, actorOf(request), request.params.schoolId, request.params.studentId, request.body.kind)),
    );

    app.get(
      `${base}/students/:studentId/codes`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'Codes issued for a student: who, when, used or not (never the codes)',
          params: StudentCodeParams,
          response: { 200: Type.Object({ items: Type.Array(CodeRecord) }) },
        },
      },
      async (request) => ({ items: await listStudentCodes(deps, actorOf(request), request.params.schoolId, request.params.studentId) }),
    );

    app.post(
      '/api/access-codes/redeem',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['service'],
          summary: 'Enter a registration code: set own login and password, or add the child to the signed-in account',
          body: RedeemInput,
          response: { 200: RedeemResult, 400: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const { session, ...result } = await redeemCode(deps, request.actor, request.ip, request.body);
        if (session) setSessionCookie(reply, deps, session.token);
        return result;
      },
    );

    await app.register(servicePrintRoutes(deps));
  };
}
