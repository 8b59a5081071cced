import type { FastifySchema, RouteOptions } from 'fastify';
import { ErrorResponse } from '../../contract/schemas/common.js';
import { SESSION_COOKIE } from './auth-gate.js';

/**
 * The API document as a client generator needs it (issue 16.7, linted by scripts/lint-openapi.ts
 * with Redocly's recommended rules): the session cookie as the security scheme (public routes say
 * they need none), this installation as the server, an operation id for every route, and each
 * response described by its status rather than "Default Response".
 */
export const SESSION_SCHEME = 'sessionCookie';

export function openapiBase(publicUrl: string) {
  return {
    info: {
      title: 'Otmetka API',
      version: '0.1.0',
      description: 'Электронный журнал и электронный дневник',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: publicUrl, description: 'This installation' }],
    components: {
      securitySchemes: {
        [SESSION_SCHEME]: { type: 'apiKey' as const, in: 'cookie' as const, name: SESSION_COOKIE },
      },
    },
    security: [{ [SESSION_SCHEME]: [] }],
  };
}

const STATUS_TEXT: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  304: 'Not modified (the ETag still matches)',
  400: 'The request is malformed',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Not valid',
  423: 'Locked (a closed period)',
  429: 'Too many requests',
  503: 'Unavailable',
};

/** operationId from the method and the path: GET /api/schools/:schoolId/journals → getSchoolsSchoolIdJournals. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split(/[/:._-]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function transformRoute({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
  const method = [route.method].flat()[0] ?? 'GET';
  const out: Record<string, unknown> = { ...schema, operationId: operationIdOf(method, url) };
  if ((route.config as { access?: string } | undefined)?.access === 'public') out.security = [];
  let response = schema.response as Record<string, Record<string, unknown>> | undefined;
  // Every route can refuse: a signed-out caller (401) or, for a public one, a malformed request (400).
  if (response && !Object.keys(response).some((status) => status.startsWith('4'))) {
    const refusal = out.security ? '400' : '401';
    response = { ...response, [refusal]: { ...ErrorResponse, description: STATUS_TEXT[refusal] } };
  }
  if (response) {
    out.response = Object.fromEntries(
      Object.entries(response).map(([status, body]) => [
        status,
        body && typeof body === 'object' && !('description' in body)
          ? { ...body, description: STATUS_TEXT[status] ?? `Status ${status}` }
          : body,
      ]),
    );
  }
  return { schema: out as FastifySchema, url };
}
