import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ErrorResponse } from '../../../contract/schemas/auth.js';
import { SchoolParams } from '../../../contract/schemas/common.js';
import {
  AttendanceReport,
  IndicatorReport,
  MonitoringExportQuery,
  MonitoringReport,
  MovementReport,
  PerformanceQuery,
  PerformanceReport,
  ReportExportQuery,
  ReportRangeQuery,
} from '../../../contract/schemas/reports.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import type { ExportFile } from '../../lib/export.js';
import { attendance, monitoring, movement, performance, schoolIndicators } from './reports.service.js';
import { exportIndicators, exportMonitoring } from './reports-export.service.js';

const tags = ['reports'];
const auth = { access: 'authenticated' } as const;
/** A download: attachment named by date only (no personal data in names), never cached. */
const download = (reply: FastifyReply, { file, fileName }: { file: ExportFile; fileName: string }) =>
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };

/** Statistics, the quality indicators of table 2.13 and the director's monitoring (R9; decision 015). */
export function reportsRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/reports/indicators',
      {
        config: auth,
        schema: {
          tags,
          summary: 'The quality indicators of seed 002 table 2.13 (and seed 000 §2.11) per school, teacher, class, subject and item',
          params: SchoolParams,
          querystring: ReportRangeQuery,
          response: { 200: IndicatorReport, ...errors },
        },
      },
      async (request) => schoolIndicators(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/reports/monitoring',
      {
        config: auth,
        schema: {
          tags,
          summary: "What is late or missing now, by teacher, and the last weeks' figures (the director's monitoring)",
          params: SchoolParams,
          response: { 200: MonitoringReport, ...errors },
        },
      },
      async (request) => monitoring(deps, actorOf(request), request.params.schoolId),
    );

    app.get(
      '/api/schools/:schoolId/reports/performance',
      {
        config: auth,
        schema: {
          tags,
          summary: '% успеваемости, % качества, averages and period-grade distribution; students with «2» or «н/а»',
          params: SchoolParams,
          querystring: PerformanceQuery,
          response: { 200: PerformanceReport, ...errors },
        },
      },
      async (request) => performance(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/reports/attendance',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Missed lessons by kind, excused and unexcused, per class and per week',
          params: SchoolParams,
          querystring: ReportRangeQuery,
          response: { 200: AttendanceReport, ...errors },
        },
      },
      async (request) => attendance(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/reports/movement',
      {
        config: auth,
        schema: {
          tags,
          summary: 'The movement report: enrolled, transferred and left in the range, with the orders',
          params: SchoolParams,
          querystring: ReportRangeQuery,
          response: { 200: MovementReport, ...errors },
        },
      },
      async (request) => movement(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/reports/indicators/export',
      {
        config: auth,
        schema: {
          tags,
          summary: 'The indicators of the school and each teacher as CSV (UTF-8 with BOM, «;»), XLSX or PDF',
          params: SchoolParams,
          querystring: ReportExportQuery,
        },
      },
      async (request, reply) => {
        const { format, ...range } = request.query;
        return download(reply, await exportIndicators(deps, actorOf(request), request.params.schoolId, range, format));
      },
    );

    app.get(
      '/api/schools/:schoolId/reports/monitoring/export',
      {
        config: auth,
        schema: {
          tags,
          summary: 'What is late now, by teacher and journal, as CSV, XLSX or PDF',
          params: SchoolParams,
          querystring: MonitoringExportQuery,
        },
      },
      async (request, reply) =>
        download(reply, await exportMonitoring(deps, actorOf(request), request.params.schoolId, request.query.format)),
    );
  };
}
