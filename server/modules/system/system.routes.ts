import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Deps } from '../../lib/deps.js';
import { readiness } from './system.service.js';

export function systemRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) }),
          },
        },
      },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, db: deps.dialect.kind };
      },
    );

    // Issue 16.5: a supervisor restarts a process that is not live; a proxy sends requests only to
    // a ready one (database reachable, migrations current, not shutting down).
    app.get(
      '/api/health/live',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process answers (no database call)',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/api/health/ready',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Readiness: the database answers and its migrations are current; 503 otherwise or while shutting down',
          response: {
            200: Type.Object({ status: Type.Literal('ready') }),
            503: Type.Object({
              status: Type.Literal('unavailable'),
              reason: Type.Union([Type.Literal('draining'), Type.Literal('database'), Type.Literal('migrations')]),
            }),
          },
        },
      },
      async (_request, reply) => {
        const r = await readiness(deps);
        if (r.ready) return { status: 'ready' as const };
        return reply
          .code(503)
          .header('cache-control', 'no-store')
          .send({ status: 'unavailable' as const, reason: r.reason ?? 'database' });
      },
    );
  };
}
