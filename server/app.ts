import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { DbHandle } from './db/connect.js';
import { dialectFor } from './db/dialect.js';
import './http/request-context.js';
import { registerAuthGate } from './http/auth-gate.js';
import { registerErrorHandling } from './http/errors.js';
import { registerMetrics } from './http/metrics.js';
import { openapiBase, transformRoute } from './http/openapi.js';
import { registerOriginCheck } from './http/security.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { Deps } from './lib/deps.js';
import { setPasswordHashCost } from './modules/auth/auth.service.js';
import { registerModuleRoutes } from './modules/routes.js';
import { installChangeSubscribers } from './modules/subscriptions.js';

export interface BuildOptions {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  logger?: boolean;
  /** The built web app to serve (tests point it at a folder of their own). */
  webRoot?: string;
}

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Builds the HTTP application: external plugins, then app plugins, then module routes. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; deps: Deps }> {
  installChangeSubscribers();
  setPasswordHashCost(options.config.passwordHashCost);
  const deps: Deps = {
    db: options.database.db,
    dialect: dialectFor(options.database.kind),
    clock: options.clock ?? systemClock,
    config: options.config,
  };
  const app = Fastify({
    logger: options.logger
      ? {
          level: options.config.logLevel,
          // Requests are logged by method, route and status only: URLs and bodies stay out of logs.
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    // A hop count as Fastify itself reads one: trust the nearest `hops` proxies (decision 007).
    trustProxy: typeof options.config.trustProxy === 'number' ? trustHops(options.config.trustProxy) : options.config.trustProxy,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  // External plugins.
  await app.register(cookie);
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, { openapi: openapiBase(options.config.publicUrl), transform: transformRoute });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // App plugins.
  registerErrorHandling(app);
  registerOriginCheck(app, options.config.publicUrl);
  registerAuthGate(app, deps);
  registerMetrics(app, deps);

  // Routes.
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await registerModuleRoutes(app, deps);

  const webRoot = options.webRoot ?? webDist;
  if (options.config.serveWeb && fs.existsSync(path.join(webRoot, 'index.html'))) {
    // Deploys must not break open pages (issue 16.6): the HTML names the current build's hashed
    // scripts, so it is revalidated on every load; a hashed file never changes under its name, so
    // it is kept for a year; a file of an old build that is gone answers 404, never the HTML.
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const hashed = path.relative(webRoot, filePath).startsWith(`assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // SPA fallback as a catch-all GET route: the not-found handler is already taken by
    // registerErrorHandling (Fastify allows one per prefix), and unknown /api paths stay JSON 404s.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return { app, deps };
}
