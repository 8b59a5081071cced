import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { operationIdOf } from './openapi.js';

// Issue 16.7: the document a client generator reads (the full lint runs in `npm run check`).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, { description: string }> };

describe('the OpenAPI document', () => {
  it('names the session cookie as its security, the installation as its server, and every operation uniquely', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.components.securitySchemes.sessionCookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'otmetka_session' });
    expect(doc.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.servers[0].url).toMatch(/^http/);
    const operations = Object.values(doc.paths as Record<string, Record<string, Operation>>).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // A public route needs no session; a signed-in one inherits the cookie.
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/schools/{schoolId}/journals/{curriculumId}'].get.security).toBeUndefined();
    // Every declared response says what it is; only routes that declare none (downloads, as yet) keep the default.
    const journal = doc.paths['/api/schools/{schoolId}/journals/{curriculumId}'].get as Operation;
    expect(journal.responses['200']?.description).toBe('OK');
    expect(journal.responses['304']?.description).toMatch(/Not modified/);
    expect(doc.paths['/api/auth/login'].post.responses['200'].description).toBe('OK');
  });

  it('derives operation ids from the method and the path', () => {
    expect(operationIdOf('GET', '/api/schools/:schoolId/journals/:curriculumId')).toBe('getSchoolsSchoolIdJournalsCurriculumId');
    expect(operationIdOf('POST', '/api/auth/login')).toBe('postAuthLogin');
  });
});
