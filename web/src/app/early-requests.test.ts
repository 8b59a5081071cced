import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeEarlyResponse } from '../lib/early-responses';
import { firstScreenUrls, sendEarlyRequests } from './early-requests';

const SCHOOL = '01a2-school';
const CHILD = '01a2-child';

describe('firstScreenUrls', () => {
  it('asks a diary week for the child and the Monday the address names', () => {
    expect(firstScreenUrls(`/schools/${SCHOOL}/diary`, `?child=${CHILD}&week=2026-11-26`)).toEqual([
      '/api/auth/me',
      '/api/my/students',
      `/api/schools/${SCHOOL}/students/${CHILD}/diary/week?weekOf=2026-11-23`,
    ]);
  });

  it('asks no week where the page will not show one', () => {
    expect(firstScreenUrls(`/schools/${SCHOOL}/diary/grades`, `?child=${CHILD}`)).toEqual(['/api/auth/me', '/api/my/students']);
    // No child named and none remembered (no storage here): the page asks after the list of children.
    expect(firstScreenUrls(`/schools/${SCHOOL}/diary`, '')).toEqual(['/api/auth/me', '/api/my/students']);
    expect(firstScreenUrls(`/schools/${SCHOOL}/journal`, '')).toEqual(['/api/auth/me']);
  });

  it('ignores a week that is not a date', () => {
    expect(firstScreenUrls(`/schools/${SCHOOL}/diary`, `?child=${CHILD}&week=2026-02-30`)[2]).toBe(
      `/api/schools/${SCHOOL}/students/${CHILD}/diary/week`,
    );
  });
});

describe('early answers', () => {
  const fetched: Array<{ url: string; language: string }> = [];
  let cookie = '';
  let signedIn = true;

  beforeEach(() => {
    fetched.length = 0;
    cookie = '';
    signedIn = true;
    vi.stubGlobal('localStorage', { getItem: (key: string) => (key === 'otmetka.signedIn' && signedIn ? '1' : null) });
    vi.stubGlobal('document', {
      get cookie() {
        return cookie;
      },
    });
    vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
      fetched.push({ url, language: init.headers['accept-language'] ?? '' });
      return Promise.resolve(new Response(JSON.stringify({ url })));
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const location = { pathname: `/schools/${SCHOOL}/diary`, search: `?child=${CHILD}` };
  const week = `/api/schools/${SCHOOL}/students/${CHILD}/diary/week`;

  it('are sent in the page language and taken once, for the same address and language', async () => {
    cookie = 'other=1; otmetka_lang=en';
    sendEarlyRequests(location);
    expect(fetched).toEqual([
      { url: '/api/auth/me', language: 'en' },
      { url: '/api/my/students', language: 'en' },
      { url: week, language: 'en' },
    ]);
    expect(takeEarlyResponse(week, 'ru')).toBeNull(); // another language: not this answer, and it is dropped
    expect(takeEarlyResponse(week, 'en')).toBeNull();
    const me = takeEarlyResponse('/api/auth/me', 'en');
    expect(await (await me)?.json()).toEqual({ url: '/api/auth/me' });
    expect(takeEarlyResponse('/api/auth/me', 'en')).toBeNull();
  });

  it('default to Russian, and are not sent for a browser that had no session', () => {
    signedIn = false;
    sendEarlyRequests(location);
    expect(fetched).toEqual([]);
    signedIn = true;
    sendEarlyRequests(location);
    expect(fetched.every((f) => f.language === 'ru')).toBe(true);
    expect(takeEarlyResponse('/api/my/students', 'ru')).not.toBeNull();
  });

  it('go stale: an answer nobody took within ten seconds is not served', () => {
    vi.useFakeTimers();
    sendEarlyRequests(location);
    vi.advanceTimersByTime(10_001);
    expect(takeEarlyResponse('/api/auth/me', 'ru')).toBeNull();
  });
});
