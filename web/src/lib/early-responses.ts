/**
 * Answers to the first screen's requests, sent by the boot script (app/early-requests.ts) while the
 * app's code is still downloading. apiRequest takes each answer once, when the app asks for the
 * same address in the same language; what nobody takes within a few seconds is dropped, so it can
 * never be served stale.
 */

const EARLY_MAX_AGE_MS = 10_000;

interface EarlyRequest {
  locale: string;
  sentAt: number;
  response: Promise<Response>;
}

const early = new Map<string, EarlyRequest>();

/** Keeps the answer to a GET the boot script sent, for apiRequest to take. */
export function keepEarlyResponse(url: string, locale: string, response: Promise<Response>): void {
  early.set(url, { locale, sentAt: Date.now(), response });
}

/** The early answer for a GET of this address in this language, once; null when there is none. */
export function takeEarlyResponse(url: string, locale: string): Promise<Response> | null {
  const request = early.get(url);
  if (!request) return null;
  early.delete(url);
  if (request.locale !== locale || Date.now() - request.sentAt > EARLY_MAX_AGE_MS) return null;
  return request.response;
}
