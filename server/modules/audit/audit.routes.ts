import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AUDIT_QUERY_LIMITS } from '../../../contract/limits.js';
import { AuditListSchema } from '../../../contract/schemas/audit.js';
import { Id, SchoolParams } from '../../../contract/schemas/common.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { auditIdle, listAudit } from './audit.service.js';

export function auditRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Audit rows in a batch being committed reach the log before the database closes.
    app.addHook('onClose', async () => auditIdle(deps.db));
    app.get(
      '/api/schools/:schoolId/audit',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log of a school, newest first (director, deputy, admin, operator)',
          params: SchoolParams,
          querystring: Type.Object(
            {
              actorUserId: Type.Optional(Id),
              entity: Type.Optional(Type.String({ maxLength: AUDIT_QUERY_LIMITS.entity })),
              entityId: Type.Optional(Id),
              action: Type.Optional(Type.String({ maxLength: 30 })),
              from: Type.Optional(Type.String({ maxLength: 30 })),
              to: Type.Optional(Type.String({ maxLength: 30 })),
              before: Type.Optional(Id),
              byOperator: Type.Optional(Type.Boolean({ description: "Only the school's operators' actions" })),
              limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: AuditListSchema },
        },
      },
      async (request) => ({ items: await listAudit(deps, actorOf(request), request.params.schoolId, request.query) }),
    );
  };
}
