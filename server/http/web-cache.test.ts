import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDatabase } from '../test/database.js';

// Issue 16.6: after a redeploy an open page must not keep old HTML for an hour nor get HTML for
// an old build's script.
describe('web app caching across deploys', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-web-'));

  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><script src="/assets/index-Ab12Cd34.js"></script>');
    fs.writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
    const database = await createTestDatabase();
    drop = database.drop;
    const config = loadConfig({ DATA_DIR: root, MFA_REQUIRED: 'false' });
    ({ app } = await buildApp({ config: { ...config, databaseKind: database.handle.kind }, database: database.handle, webRoot: root }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the HTML of every app route as no-cache', async () => {
    for (const url of ['/', '/index.html', '/schools/abc/journal']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('keeps hashed assets for a year, immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates unhashed files', async () => {
    const res = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for an asset of an old build, not the HTML', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/old-deadbeef.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
    expect(res.body).not.toContain('<!doctype html>');
  });
});
