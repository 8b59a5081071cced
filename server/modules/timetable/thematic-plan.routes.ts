import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, Id, SchoolParams } from '../../../contract/schemas/common.js';
import { PlanImportQuery, PlanImportResult, PlanSchema, PlanTemplateQuery } from '../../../contract/schemas/timetable.js';
import { actorOf } from '../../http/auth-gate.js';
import { readSingleFile } from '../../http/upload.js';
import type { Deps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { getPlan, importPlan, requirePlanImport } from './thematic-plan.service.js';
import { planTemplate } from './thematic-plan-template.service.js';

const tags = ['timetable'];
const PLAN_FILE_MAX_BYTES = 2 * 1024 * 1024;
const PlanParams = Type.Object({ schoolId: Id, curriculumId: Id });

/** Thematic plans (КТП): read, and import from CSV/XLSX with a dry run. */
export function thematicPlanRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: PLAN_FILE_MAX_BYTES, files: 1, fields: 5 } });

    app.get(
      '/api/schools/:schoolId/thematic-plans/template',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'A blank thematic plan to fill in (CSV in UTF-8, or XLSX), headed in the caller’s language',
          params: SchoolParams,
          querystring: PlanTemplateQuery,
        },
      },
      async (request, reply) => {
        const file = await planTemplate(actorOf(request), request.params.schoolId, request.query.format ?? 'csv');
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(file.data);
      },
    );

    app.get(
      '/api/schools/:schoolId/thematic-plans/:curriculumId',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'The thematic plan of a curriculum item', params: PlanParams, response: { 200: PlanSchema } },
      },
      async (request) => getPlan(deps, actorOf(request), request.params.schoolId, request.params.curriculumId),
    );

    app.post(
      '/api/schools/:schoolId/thematic-plans/:curriculumId/import',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Import the plan from a CSV or XLSX file (multipart); ?dryRun=true lists every bad row and writes nothing',
          params: PlanParams,
          querystring: PlanImportQuery,
          response: { 200: PlanImportResult, 413: ErrorResponse, 422: ErrorResponse },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        // Access is decided before a byte of the file is read (issue 12.7).
        await requirePlanImport(deps, actor, request.params.schoolId, request.params.curriculumId);
        const file = await readSingleFile(request, PLAN_FILE_MAX_BYTES, () => new AppError(413, 'body_too_large', 'error.plan.tooBig'));
        return importPlan(deps, actor, request.params.schoolId, request.params.curriculumId, file, request.query.dryRun ?? false);
      },
    );
  };
}
