import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, NETWORK_ERROR } from './api';

/** The browser's fetch, answered by a script of outcomes; each call's headers are kept. */
function scriptedFetch(outcomes: Array<'drop' | number>) {
  const calls: Array<Record<string, string>> = [];
  const fetch = vi.fn(async (_url: string, init: { headers: Record<string, string> }) => {
    calls.push(init.headers);
    const next = outcomes.shift();
    if (next === undefined || next === 'drop') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ id: 'g1' }), { status: next, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a save that may be retried', () => {
  it('is sent again with the same Idempotency-Key when no answer came', async () => {
    vi.useFakeTimers();
    const calls = scriptedFetch(['drop', 503, 201]);
    const saved = api.save<{ id: string }>('POST', '/api/x', { value: '5' });
    await vi.runAllTimersAsync();
    expect(await saved).toEqual({ id: 'g1' });
    expect(calls).toHaveLength(3);
    const keys = calls.map((h) => h['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives up after its retries with a network error', async () => {
    vi.useFakeTimers();
    const calls = scriptedFetch(['drop', 'drop', 'drop', 'drop', 'drop']);
    const saved = api.save('PUT', '/api/x', {}).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await saved;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(NETWORK_ERROR);
    expect(calls).toHaveLength(4);
  });

  it('each save has its own key; a plain write is never retried', async () => {
    const calls = scriptedFetch([201, 201, 'drop']);
    await api.save('POST', '/api/x', {});
    await api.save('POST', '/api/x', {});
    expect(calls[0]?.['idempotency-key']).not.toBe(calls[1]?.['idempotency-key']);
    await expect(api.post('/api/x', {})).rejects.toMatchObject({ status: NETWORK_ERROR });
    expect(calls).toHaveLength(3);
    expect(calls[2]?.['idempotency-key']).toBeUndefined();
  });
});
