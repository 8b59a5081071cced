import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';

const TOKEN = 'metrics-token-0123456789';

// Issue 16.5: Prometheus metrics behind METRICS_TOKEN, labelled by route pattern (never by URL).
describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(undefined, { METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('refuses a request without the token or with a wrong one', async () => {
    expect((await t.anonymous.get('/metrics')).statusCode).toBe(401);
    expect((await t.anonymous.get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
  });

  it('counts requests by route pattern and status with latency, and reports the loop, the outbox and the backups', async () => {
    await t.anonymous.get('/api/health');
    await t.anonymous.get('/api/schools/0190a0a0-0000-7000-8000-000000000001/students/secret-id-123');
    const res = await t.anonymous.get('/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.body;
    expect(text).toMatch(/otmetka_http_requests_total\{method="GET",route="\/api\/health",status="200"\} 1/);
    expect(text).toMatch(/otmetka_http_requests_total\{method="GET",route="\/api\/schools\/:schoolId\/students\/:id",status="401"\} 1/);
    expect(text).toMatch(/otmetka_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/health",status="200"\}/);
    expect(text).not.toContain('secret-id-123');
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds \d/);
    expect(text).toMatch(/otmetka_outbox_depth 0/);
    expect(text).toMatch(/otmetka_backup_age_seconds -1/);
    expect(text).toMatch(/otmetka_backup_drill_ok -1/);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  it('does not exist', async () => {
    const t = await createTestApp();
    try {
      expect((await t.anonymous.get('/metrics')).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
