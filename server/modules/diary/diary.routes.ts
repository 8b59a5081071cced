import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../../../contract/schemas/common.js';
import {
  CalendarFeedParams,
  CalendarFeedSchema,
  DiaryAttachmentParams,
  DiaryGradesQuery,
  DiaryGradesSchema,
  DiarySeenResponse,
  DiaryStudentParams,
  type DiaryWeek,
  DiaryWeekQuery,
  DiaryWeekSchema,
} from '../../../contract/schemas/diary.js';
import { actorOf } from '../../http/auth-gate.js';
import { acceptsGzip, etagMatches, notModified } from '../../http/conditional.js';
import type { Deps } from '../../lib/deps.js';
import { cachedSessionActor } from '../auth/session-cache.service.js';
import { diaryGrades, diaryWeek, markDiarySeen } from './diary.service.js';
import { calendarFeedText, createCalendarFeed, openDiaryAttachment, revokeCalendarFeed } from './diary-feed.service.js';

const base = '/api/schools/:schoolId/students/:studentId/diary';

export function diaryRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      `${base}/week`,
      {
        config: { access: 'authenticated' },
        // The hottest read of the system: the actor comes from a short per-node cache (the gate then
        // skips its own lookup); the service re-checks that the session still exists.
        preValidation: async (request) => {
          const cached = await cachedSessionActor(deps, request);
          if (cached) {
            request.actor = cached.actor;
            request.sessionId = cached.sessionId;
          }
        },
        schema: {
          tags: ['diary'],
          summary: "A student's diary week: lessons, topics, homework, grades, attendance, changes (ETag; 304 when unchanged)",
          params: DiaryStudentParams,
          querystring: DiaryWeekQuery,
          response: { 200: DiaryWeekSchema, 304: Type.Null(), 404: ErrorResponse },
        },
      },
      async (request, reply) => {
        const { schoolId, studentId } = request.params;
        const week = await diaryWeek(deps, actorOf(request), schoolId, studentId, request.query.weekOf, request.sessionId);
        // private: a shared cache must never keep one family's diary; no-cache: revalidate with the ETag.
        reply.header('cache-control', 'private, no-cache').header('vary', 'cookie, accept-language, accept-encoding');
        const gzip = acceptsGzip(request.headers['accept-encoding']);
        // The gzip bytes are another representation of the same week: a weak ETag (as nginx does).
        reply.header('etag', gzip ? `W/${week.etag}` : week.etag);
        if (etagMatches(request.headers['if-none-match'], week.etag)) return notModified(reply);
        // Ready bytes: Fastify sends a Buffer as is, without serialising again; the schema above still
        // documents the shape (the bytes were produced from a DiaryWeek).
        reply.type('application/json; charset=utf-8');
        if (gzip) reply.header('content-encoding', 'gzip');
        return reply.send((gzip ? week.body.gzip : week.body.raw) as unknown as DiaryWeek);
      },
    );

    app.get(
      `${base}/grades`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['diary'],
          summary: "A student's grades by subject for a study period, averages, period and final grades, attendance summary",
          params: DiaryStudentParams,
          querystring: DiaryGradesQuery,
          response: { 200: DiaryGradesSchema, 404: ErrorResponse },
        },
      },
      async (request) => diaryGrades(deps, actorOf(request), request.params.schoolId, request.params.studentId, request.query.periodId),
    );

    app.post(
      `${base}/seen`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['diary'],
          summary: 'Mark the diary as seen: grades and marks entered until now stop being new for this viewer',
          params: DiaryStudentParams,
          response: { 200: DiarySeenResponse, 404: ErrorResponse },
        },
      },
      async (request) => markDiarySeen(deps, actorOf(request), request.params.schoolId, request.params.studentId),
    );

    app.post(
      `${base}/calendar-feed`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['diary'],
          summary: 'Create or rotate the private iCalendar URL of this student for the signed-in user (shown once)',
          params: DiaryStudentParams,
          response: { 201: CalendarFeedSchema, 404: ErrorResponse },
        },
      },
      async (request, reply) => {
        const feed = await createCalendarFeed(deps, actorOf(request), request.params.schoolId, request.params.studentId);
        return reply.status(201).send(feed);
      },
    );

    app.delete(
      `${base}/calendar-feed`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['diary'],
          summary: 'Revoke the private iCalendar URL',
          params: DiaryStudentParams,
          response: { 204: Type.Null(), 404: ErrorResponse },
        },
      },
      async (request, reply) => {
        await revokeCalendarFeed(deps, actorOf(request), request.params.schoolId, request.params.studentId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      `${base}/attachments/:id`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['diary'],
          summary: 'Download a homework attachment of a lesson the student follows',
          params: DiaryAttachmentParams,
        },
      },
      async (request, reply) => {
        const { schoolId, studentId, id } = request.params;
        const file = await openDiaryAttachment(deps, actorOf(request), schoolId, studentId, id);
        reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.size))
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff');
        return reply.send(file.stream);
      },
    );

    app.get(
      '/api/calendar/:file',
      {
        // Public: the random token in the URL is the credential (a phone calendar sends no cookie).
        config: { access: 'public' },
        schema: {
          tags: ['diary'],
          summary: 'The private iCalendar feed of a student (text/calendar)',
          params: CalendarFeedParams,
        },
      },
      async (request, reply) => {
        const text = await calendarFeedText(deps, request.params.file);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .header('referrer-policy', 'no-referrer')
          .send(text);
      },
    );
  };
}
