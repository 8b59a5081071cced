import { DEFAULT_LOCALE } from '@contract/i18n/translate';
import { QueryClient } from '@tanstack/react-query';
import { prefetchDiaryAddress } from '../features/diary/prefetch';
import { isApiError, setRequestLocale } from '../lib/api';
import { readLocaleCookie } from '../lib/i18n';
import { maybeSignedIn, meQueryOptions } from '../lib/resources/me';

/** Client errors (4xx) are answers, not glitches: retrying them only delays the message. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * Requests the first screen needs, sent before React renders anything: the session (when this
 * browser had one) and, for a diary address, the children and the week. The pages then find
 * them in the cache or in flight instead of asking one after another.
 */
export function prefetchFirstScreen(client: QueryClient, location: { pathname: string; search: string }): void {
  if (!maybeSignedIn()) return;
  // The language the page will show (LocaleProvider starts from the same cookie), so the week
  // asked for now is the one the page wants.
  setRequestLocale(readLocaleCookie() ?? DEFAULT_LOCALE);
  void client.prefetchQuery(meQueryOptions());
  prefetchDiaryAddress(client, location.pathname, location.search);
}
