import { takeEarlyResponse } from './early-responses';
import { type QueryParams, withQuery } from './url';

export { withQuery } from './url';

/**
 * The one way the web talks to the server: same-origin JSON with the session cookie.
 * The server already translates error messages into the request's language, so the UI shows
 * `message` as is and uses `field` to place it next to the form field it concerns.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The whole `error` object of the answer, e.g. `current` of a 409 on a stale write. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let requestLocale = 'ru';

/**
 * The UI language, sent as Accept-Language so the server's messages match the page even before
 * the language cookie exists (the cookie, when set, wins on the server).
 */
export function setRequestLocale(locale: string): void {
  requestLocale = locale;
}

/** Status 0 stands for "no answer from the server" (offline, server down). */
export const NETWORK_ERROR = 0;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /**
   * A save that may be retried: sent as the Idempotency-Key header, and sent again with the same
   * key when no answer came (a dropped connection, a server restarting), so the server stores it
   * once however many copies arrive.
   */
  idempotencyKey?: string;
}

/** Waits before each retry of a keyed save when no answer came: about six seconds in all. */
const RETRY_DELAYS_MS = [400, 1500, 4000];
const RETRY_STATUSES = new Set([502, 503, 504]);

/** A fresh key for one save (random, 128 bits; crypto.randomUUID needs HTTPS, this does not). */
export function newSaveKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer the boot script already asked for (see lib/early-responses.ts), for a GET. */
const takeEarly = (method: string, url: string) => (method === 'GET' ? takeEarlyResponse(url, requestLocale) : null);

/**
 * Asks the user for a fresh second factor when the server answers 403 step_up_required (a staff
 * password reset, a role grant: issue 12.3); resolves true once the server took a code. Set by
 * the StepUpDialog mounted once in the app.
 */
let stepUpHandler: ((message: string) => Promise<boolean>) | null = null;

export function setStepUpHandler(handler: ((message: string) => Promise<boolean>) | null): void {
  stepUpHandler = handler;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await sendRequest<T>(path, options);
  } catch (err) {
    // The request is sent again once after a code; the server decides whether it is fresh.
    if (err instanceof ApiError && err.status === 403 && err.code === 'step_up_required' && stepUpHandler) {
      if (await stepUpHandler(err.message)) return sendRequest<T>(path, options);
    }
    throw err;
  }
}

async function sendRequest<T>(path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': requestLocale };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const url = withQuery(path, options.query);
  const method = options.method ?? 'GET';
  const send = () =>
    takeEarly(method, url) ??
    fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt++) {
    const retryable = options.idempotencyKey !== undefined && attempt < RETRY_DELAYS_MS.length;
    try {
      const answer = await send();
      if (retryable && RETRY_STATUSES.has(answer.status)) await sleep(RETRY_DELAYS_MS[attempt] as number);
      else response = answer;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      if (!retryable) throw new ApiError(NETWORK_ERROR, 'network', '');
      await sleep(RETRY_DELAYS_MS[attempt] as number);
    }
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'http_error',
      typeof error?.message === 'string' ? error.message : '',
      typeof error?.field === 'string' ? error.field : undefined,
      error && typeof error === 'object' ? (error as Record<string, unknown>) : {},
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body: body ?? {} }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
  /** Saves the server keeps once however often they are retried (see RequestOptions.idempotencyKey). */
  save: <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    apiRequest<T>(path, { method, ...(method === 'DELETE' ? {} : { body: body ?? {} }), idempotencyKey: newSaveKey() }),
};

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}
