import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse, Id, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  AttendanceWriteBody,
  AttendanceWriteResult,
  AverageSchema,
  ConflictResponse,
  CurriculumScaleBody,
  CurriculumScaleResult,
  CurriculumScalesSchema,
  DefaultScaleBody,
  GradeCreateBody,
  GradeDeleteQuery,
  GradeScaleCreateBody,
  GradeScaleSchema,
  GradeScalesSchema,
  GradeSchema,
  GradeUpdateBody,
  HistoryEntrySchema,
  HistoryQuery,
  JournalListItemSchema,
  type JournalPage,
  JournalPageSchema,
  JournalParams,
  JournalQuery,
  LessonParams,
  LessonRecordSchema,
  LessonWriteBody,
  PeriodCloseBody,
  PeriodGradeWriteBody,
  PeriodGradeWriteResult,
  PeriodSchema,
  ReasonBody,
  SaveHeaders,
  WorkTypeCreateBody,
  WorkTypeSchema,
  WorkTypeUpdateBody,
} from '../../../contract/schemas/journal.js';
import { PeriodMarkExplanationSchema, PeriodMarkParams } from '../../../contract/schemas/period-mark.js';
import { PlanLessonsSchema } from '../../../contract/schemas/timetable.js';
import { actorOf } from '../../http/auth-gate.js';
import { acceptsGzip, etagMatches, notModified } from '../../http/conditional.js';
import type { Deps } from '../../lib/deps.js';
import { cachedSessionActor } from '../auth/session-cache.service.js';
import { attachmentRoutes } from './attachments.routes.js';
import { setAttendance } from './attendance.service.js';
import { explainJournalPeriodMark } from './averages.service.js';
import { listCurriculumScales, setCurriculumScale } from './curriculum-scales.service.js';
import { createGrade, deleteGrade, updateGrade } from './grades.service.js';
import * as settings from './grading-settings.service.js';
import { journalAverages, journalHistory, listJournals } from './journal-page.service.js';
import { getLessonRecord, writeLessonRecord } from './lesson-record.service.js';
import { closePeriod, reopenPeriod, setPeriodGrade } from './period-grades.service.js';
import { planLessons } from './plan-lessons.service.js';
import { preparedJournalPage } from './prepared-page.service.js';

const tags = ['journal'];
const auth = { access: 'authenticated' as const };
const writeErrors = { 403: ErrorResponse, 404: ErrorResponse, 409: ConflictResponse, 422: ErrorResponse, 423: ErrorResponse };

export function journalRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  /**
   * The teacher's hottest calls (the page, a grade, a mark): the actor comes from the short per-node
   * session cache; their services re-check in one query that the session still exists.
   */
  const cachedActor = async (request: FastifyRequest) => {
    const cached = await cachedSessionActor(deps, request);
    if (cached) {
      request.actor = cached.actor;
      request.sessionId = cached.sessionId;
    }
  };
  return async (app) => {
    await app.register(attachmentRoutes(deps));

    app.get(
      '/api/schools/:schoolId/journals',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Journals (curriculum items) the caller may open, with whether they may write',
          params: SchoolParams,
          response: { 200: Type.Object({ items: Type.Array(JournalListItemSchema) }) },
        },
      },
      async (request) => ({ items: await listJournals(deps, actorOf(request), request.params.schoolId) }),
    );

    app.get(
      '/api/schools/:schoolId/journals/:curriculumId',
      {
        config: auth,
        preValidation: cachedActor,
        schema: {
          tags,
          summary: 'The journal grid of one curriculum item for one period (default: the current one)',
          params: JournalParams,
          querystring: JournalQuery,
          response: { 200: JournalPageSchema, 304: Type.Null() },
        },
      },
      async (request, reply) => {
        const { schoolId, curriculumId } = request.params;
        const page = await preparedJournalPage(deps, actorOf(request), schoolId, curriculumId, request.query.periodId, request.sessionId);
        // private: grades of named children never go to a shared cache; no-cache: revalidate with the ETag.
        reply.header('cache-control', 'private, no-cache').header('vary', 'cookie, accept-language, accept-encoding');
        const gzip = acceptsGzip(request.headers['accept-encoding']);
        reply.header('etag', gzip ? `W/${page.etag}` : page.etag);
        if (etagMatches(request.headers['if-none-match'], page.etag)) return notModified(reply);
        // Ready bytes, sent as they are (the schema above documents their shape).
        reply.type('application/json; charset=utf-8');
        if (gzip) reply.header('content-encoding', 'gzip');
        return reply.send((gzip ? page.body.gzip : page.body.raw) as unknown as JournalPage);
      },
    );

    app.get(
      '/api/schools/:schoolId/journals/:curriculumId/plan-lessons',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Which thematic plan topic lands on which lesson of the year, as the journal counts lessons',
          params: JournalParams,
          response: { 200: PlanLessonsSchema, 404: ErrorResponse },
        },
      },
      async (request) => planLessons(deps, actorOf(request), request.params.schoolId, request.params.curriculumId),
    );

    app.get(
      '/api/schools/:schoolId/journals/:curriculumId/students/:studentId/period-mark',
      {
        config: auth,
        schema: {
          tags,
          summary: '«Why this period mark?»: each grade × weight, the sums, the averages, the rounding rule and the proposal',
          params: PeriodMarkParams,
          querystring: JournalQuery,
          response: { 200: PeriodMarkExplanationSchema, 404: ErrorResponse },
        },
      },
      async (request) => {
        const { schoolId, curriculumId, studentId } = request.params;
        return explainJournalPeriodMark(deps, actorOf(request), schoolId, curriculumId, studentId, request.query.periodId);
      },
    );

    app.get(
      '/api/schools/:schoolId/journals/:curriculumId/averages',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Plain and weighted averages per student for a period, with the proposed period grade',
          params: JournalParams,
          querystring: JournalQuery,
          response: { 200: Type.Object({ items: Type.Array(AverageSchema) }) },
        },
      },
      async (request) => ({
        items: await journalAverages(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.query.periodId),
      }),
    );

    app.get(
      '/api/schools/:schoolId/journals/:curriculumId/history',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Change history of the journal: who changed what, when, old → new',
          params: JournalParams,
          querystring: HistoryQuery,
          response: { 200: Type.Object({ items: Type.Array(HistoryEntrySchema) }) },
        },
      },
      async (request) => ({
        items: await journalHistory(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.query),
      }),
    );

    app.put(
      '/api/schools/:schoolId/journals/:curriculumId/lessons/:date/:lessonNumber',
      {
        config: auth,
        schema: {
          tags,
          summary: "Write a lesson's topic, homework, due date and control-work type (version 0 for a new record)",
          params: LessonParams,
          headers: SaveHeaders,
          body: LessonWriteBody,
          response: { 200: LessonRecordSchema, ...writeErrors },
        },
      },
      async (request) => {
        const { schoolId, curriculumId, date, lessonNumber } = request.params;
        return writeLessonRecord(deps, actorOf(request), schoolId, curriculumId, date, lessonNumber, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
        });
      },
    );

    app.get(
      '/api/schools/:schoolId/lessons/:id',
      {
        config: auth,
        schema: {
          tags,
          summary: 'One lesson record with its attachments',
          params: SchoolItemParams,
          response: { 200: LessonRecordSchema },
        },
      },
      async (request) => getLessonRecord(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.post(
      '/api/schools/:schoolId/journals/:curriculumId/grades',
      {
        config: auth,
        preValidation: cachedActor,
        schema: {
          tags,
          summary: 'Give a grade in a lesson (date + lessonNumber) or for a dated piece of work',
          params: JournalParams,
          headers: SaveHeaders,
          body: GradeCreateBody,
          response: { 201: GradeSchema, ...writeErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await createGrade(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.body, {
            idempotencyKey: request.headers['idempotency-key'],
            sessionId: request.sessionId,
          }),
        ),
    );

    app.patch(
      '/api/schools/:schoolId/grades/:id',
      {
        config: auth,
        schema: {
          tags,
          summary: "Change a grade's value, work type or comment; a stale version gets 409 with the current grade",
          params: SchoolItemParams,
          headers: SaveHeaders,
          body: GradeUpdateBody,
          response: { 200: GradeSchema, ...writeErrors },
        },
      },
      async (request) =>
        updateGrade(deps, actorOf(request), request.params.schoolId, request.params.id, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
        }),
    );

    app.delete(
      '/api/schools/:schoolId/grades/:id',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Remove a grade (kept in the history); a stale version gets 409',
          params: SchoolItemParams,
          headers: SaveHeaders,
          querystring: GradeDeleteQuery,
          response: { 204: Type.Null(), ...writeErrors },
        },
      },
      async (request, reply) => {
        await deleteGrade(deps, actorOf(request), request.params.schoolId, request.params.id, request.query, {
          idempotencyKey: request.headers['idempotency-key'],
        });
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/schools/:schoolId/journals/:curriculumId/attendance',
      {
        config: auth,
        preValidation: cachedActor,
        schema: {
          tags,
          summary: "Set, change or clear (mark null) a student's attendance mark for a lesson",
          params: JournalParams,
          headers: SaveHeaders,
          body: AttendanceWriteBody,
          response: { 200: AttendanceWriteResult, ...writeErrors },
        },
      },
      async (request) => ({
        item: await setAttendance(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
          sessionId: request.sessionId,
        }),
      }),
    );

    app.put(
      '/api/schools/:schoolId/journals/:curriculumId/period-grades',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Set, change or clear a period, year, exam or final grade',
          params: JournalParams,
          body: PeriodGradeWriteBody,
          response: { 200: PeriodGradeWriteResult, ...writeErrors },
        },
      },
      async (request) => ({
        item: await setPeriodGrade(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.body),
      }),
    );

    app.post(
      '/api/schools/:schoolId/periods/:id/close',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Close a study period: its grades and attendance lock (admins); before its last day only with early and a reason',
          params: SchoolItemParams,
          body: PeriodCloseBody,
          response: { 200: PeriodSchema, 409: ErrorResponse, 422: ErrorResponse },
        },
        // A close without a body (an ended period) is a close with an empty one.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => closePeriod(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );

    app.post(
      '/api/schools/:schoolId/periods/:id/reopen',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Reopen a closed study period, with a reason (admins)',
          params: SchoolItemParams,
          body: ReasonBody,
          response: { 200: PeriodSchema, 409: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request) => reopenPeriod(deps, actorOf(request), request.params.schoolId, request.params.id, request.body.reason),
    );

    app.get(
      '/api/schools/:schoolId/grade-scales',
      {
        config: auth,
        schema: { tags, summary: "The school's grade scales and its default", params: SchoolParams, response: { 200: GradeScalesSchema } },
      },
      async (request) => settings.listScales(deps, actorOf(request), request.params.schoolId),
    );

    app.post(
      '/api/schools/:schoolId/grade-scales',
      {
        config: auth,
        schema: {
          tags,
          summary: "Define a school's own grade scale (admins)",
          params: SchoolParams,
          body: GradeScaleCreateBody,
          response: { 201: GradeScaleSchema, 409: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await settings.createScale(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.put(
      '/api/schools/:schoolId/grade-scales/default',
      {
        config: auth,
        schema: {
          tags,
          summary: "Choose the school's default grade scale (admins)",
          params: SchoolParams,
          body: DefaultScaleBody,
          response: { 200: Type.Object({ defaultScale: Type.String() }) },
        },
      },
      async (request) => settings.setDefaultScale(deps, actorOf(request), request.params.schoolId, request.body.scale),
    );

    app.get(
      '/api/schools/:schoolId/grade-scales/curricula',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Curriculum items graded on a scale of their own (the rest use the default)',
          params: SchoolParams,
          response: { 200: CurriculumScalesSchema },
        },
      },
      async (request) => listCurriculumScales(deps, actorOf(request), request.params.schoolId),
    );

    app.put(
      '/api/schools/:schoolId/grade-scales/curricula/:curriculumId',
      {
        config: auth,
        schema: {
          tags,
          summary: "Choose a curriculum item's grade scale; null returns it to the school's default (admins)",
          params: JournalParams,
          body: CurriculumScaleBody,
          response: { 200: CurriculumScaleResult, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request) =>
        setCurriculumScale(deps, actorOf(request), request.params.schoolId, request.params.curriculumId, request.body.scale),
    );

    app.get(
      '/api/schools/:schoolId/work-types',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Work types and their weights',
          params: SchoolParams,
          response: { 200: Type.Object({ items: Type.Array(WorkTypeSchema) }) },
        },
      },
      async (request) => ({ items: await settings.listWorkTypes(deps, actorOf(request), request.params.schoolId) }),
    );

    app.post(
      '/api/schools/:schoolId/work-types',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Add a work type with its weight (admins)',
          params: SchoolParams,
          body: WorkTypeCreateBody,
          response: { 201: WorkTypeSchema, 409: ErrorResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await settings.createWorkType(deps, actorOf(request), request.params.schoolId, request.body)),
    );

    app.patch(
      '/api/schools/:schoolId/work-types/:id',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Rename a work type or change its weight (admins)',
          params: Type.Object({ schoolId: Id, id: Id }),
          body: WorkTypeUpdateBody,
          response: { 200: WorkTypeSchema },
        },
      },
      async (request) => settings.updateWorkType(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
  };
}
