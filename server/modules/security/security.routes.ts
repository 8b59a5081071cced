import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../../contract/schemas/auth.js';
import { SchoolParams } from '../../../contract/schemas/common.js';
import { ReadAlertList, SchoolMfaPolicy, SchoolMfaPolicyUpdate } from '../../../contract/schemas/security.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { getSchoolMfaPolicy, setSchoolMfaPolicy } from '../auth/mfa-policy.service.js';
import { listReadAlerts } from './read-budget.service.js';

/** A school's security page: over-budget reads (issue 12.12) and the staff second-factor rule (12.3). */
export function securityRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/security/read-alerts',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['security'],
          summary: 'Staff accounts that went over their personal-data read budget, newest first (director, deputy, admin, operator)',
          params: SchoolParams,
          response: { 200: ReadAlertList },
        },
      },
      async (request) => listReadAlerts(deps, actorOf(request), request.params.schoolId),
    );

    app.get(
      '/api/schools/:schoolId/security/mfa',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['security'],
          summary: "The school's rule: whether every staff role must sign in with a second factor",
          params: SchoolParams,
          response: { 200: SchoolMfaPolicy },
        },
      },
      async (request) => getSchoolMfaPolicy(deps, actorOf(request), request.params.schoolId),
    );

    app.put(
      '/api/schools/:schoolId/security/mfa',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['security'],
          summary:
            'Set the rule (the school admin or the director, with a fresh second factor); turning it on ends staff sessions without one',
          params: SchoolParams,
          body: SchoolMfaPolicyUpdate,
          response: { 200: SchoolMfaPolicy, 403: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (request) => setSchoolMfaPolicy(deps, actorOf(request), request.params.schoolId, request.body),
    );
  };
}
