import { DEFAULT_LOCALE, type Locale } from '@contract/i18n/locales';
import { maybeSignedIn } from '../features/auth/signed-in-hint';
import { diaryAddress } from '../features/diary/address';
import { diaryWeekUrl } from '../features/diary/api/paths';
import { readLocaleCookie } from '../lib/locale-cookie';

/**
 * The first screen's requests, sent by the boot script (web/src/boot.ts) while the app's code is
 * still downloading: on a slow phone that saves a round trip after ~1 s of waiting for scripts.
 * apiRequest takes each answer once, when the app asks for the same address in the same
 * language; what nobody takes within a few seconds is dropped, so it can never be served stale.
 */

const EARLY_MAX_AGE_MS = 10_000;

interface EarlyRequest {
  locale: Locale;
  sentAt: number;
  response: Promise<Response>;
}

const early = new Map<string, EarlyRequest>();

/** The API addresses the first screen at this location will ask for. */
export function firstScreenUrls(pathname: string, search: string): string[] {
  const urls = ['/api/auth/me'];
  const diary = diaryAddress(pathname, search);
  if (diary) {
    urls.push('/api/my/students');
    if (diary.view === 'week' && diary.childId) urls.push(diaryWeekUrl(diary.schoolId, diary.childId, diary.weekOf));
  }
  return urls;
}

/** Sends the first screen's requests, when this browser had a session. */
export function sendEarlyRequests(location: { pathname: string; search: string }): void {
  if (!maybeSignedIn()) return;
  const locale = readLocaleCookie() ?? DEFAULT_LOCALE;
  for (const url of firstScreenUrls(location.pathname, location.search)) {
    const response = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': locale } });
    // A failure is reported to whoever takes the answer; until then it is not "unhandled".
    response.catch(() => {});
    early.set(url, { locale, sentAt: Date.now(), response });
  }
}

/** The early answer for a GET of this address in this language, once; null when there is none. */
export function takeEarlyResponse(url: string, locale: string): Promise<Response> | null {
  const request = early.get(url);
  if (!request) return null;
  early.delete(url);
  if (request.locale !== locale || Date.now() - request.sentAt > EARLY_MAX_AGE_MS) return null;
  return request.response;
}
