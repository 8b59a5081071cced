import { isLocale, type Locale } from '@contract/i18n/locales';

/** Same cookie the server reads (server/http/auth-gate.ts LOCALE_COOKIE); not httpOnly by design. */
const LOCALE_COOKIE = 'otmetka_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/** The language chosen on this device, if any. */
export function readLocaleCookie(): Locale | null {
  for (const part of document.cookie.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return null;
}

/** Writes the language cookie: an explicit choice on this device, read by the server first. */
export function writeLocaleCookie(locale: Locale): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this plain preference cookie
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
}
