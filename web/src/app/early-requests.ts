import { DEFAULT_LOCALE } from '@contract/i18n/locales';
import { diaryAddress } from '../features/diary/address';
import { diaryWeekUrl } from '../features/diary/api/paths';
import { keepEarlyResponse } from '../lib/early-responses';
import { readLocaleCookie } from '../lib/locale-cookie';
import { maybeSignedIn } from '../lib/signed-in-hint';

/**
 * The first screen's requests, sent by the boot script (web/src/boot.ts) while the app's code is
 * still downloading: on a slow phone that saves a round trip after ~1 s of waiting for scripts.
 * The answers wait in lib/early-responses.ts until apiRequest takes them.
 */

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
    keepEarlyResponse(url, locale, response);
  }
}
