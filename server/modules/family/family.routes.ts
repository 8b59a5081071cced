import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SchoolParams } from '../../../contract/schemas/common.js';
import { FamilyAccessListSchema, FamilyExportBodySchema } from '../../../contract/schemas/family.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { exportFamilyData, whoViewedFamilyData } from './family.service.js';

const tags = ['family'];
const auth = { access: 'authenticated' as const };

/** The family's own view of its data (issue 12.13): who read it, and all of it as a file. */
export function familyRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/family/access-log',
      {
        config: auth,
        schema: {
          tags,
          summary: "Which staff member opened the parent's children's card, diary or journal, and when (from the audit log)",
          params: SchoolParams,
          response: { 200: FamilyAccessListSchema, 403: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (request) => ({ items: await whoViewedFamilyData(deps, actorOf(request), request.params.schoolId) }),
    );

    // POST, so that nothing about the family is in a URL, a proxy's log or the browser's history.
    app.post(
      '/api/schools/:schoolId/family/export',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Everything held about the family in this school (152-FZ art. 14), as a JSON file or a PDF',
          params: SchoolParams,
          body: FamilyExportBodySchema,
        },
      },
      async (request, reply) => {
        const file = await exportFamilyData(deps, actorOf(request), request.params.schoolId, request.body.format);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.data);
      },
    );
  };
}
