import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../lib/deps.js';
import { operationsGauges } from '../modules/operations/operations.service.js';

/**
 * Prometheus metrics at /metrics (issue 16.5), behind METRICS_TOKEN as a bearer token; without
 * the token configured the route does not exist. Requests are labelled by route pattern, never by
 * URL, so no id or query reaches the metrics. The caches answer conditional reads with 304: the
 * share of 304 per route is the ETag cache's hit rate.
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): void {
  const token = deps.config.metricsToken;
  if (!token) return;
  const registry = new Registry();
  // Process, heap, GC and event-loop delay (nodejs_eventloop_lag_* from monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'otmetka_http_requests_total',
    help: 'HTTP requests by route pattern and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'otmetka_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'otmetka_outbox_depth',
    help: 'Notifications queued or being sent',
    registers: [registry],
    async collect() {
      this.set((await operationsGauges(deps)).outboxDepth);
    },
  });
  new Gauge({
    name: 'otmetka_backup_age_seconds',
    help: 'Seconds since the last successful backup finished (-1: none yet)',
    registers: [registry],
    async collect() {
      const at = (await operationsGauges(deps)).lastBackupAt;
      this.set(at ? Math.max(0, (Date.now() - Date.parse(at)) / 1000) : -1);
    },
  });
  new Gauge({
    name: 'otmetka_backup_drill_ok',
    help: 'Whether the last restore drill passed (1), failed (0) or has not run (-1)',
    registers: [registry],
    async collect() {
      const ok = (await operationsGauges(deps)).lastDrillOk;
      this.set(ok === null ? -1 : ok ? 1 : 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url;
    if (!route || route === '/metrics') return;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  const expected = Buffer.from(`Bearer ${token}`);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain').send('metrics need the bearer token METRICS_TOKEN\n');
    }
    return reply
      .header('cache-control', 'no-store')
      .type(registry.contentType)
      .send(await registry.metrics());
  });
}
