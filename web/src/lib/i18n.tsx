import { DEFAULT_LOCALE, isLocale, type Locale, type MessageKey, type MessageParams, translate } from '@contract/i18n/index';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setRequestLocale } from './api';

/** Same cookie the server reads (server/http/auth-gate.ts LOCALE_COOKIE); not httpOnly by design. */
const LOCALE_COOKIE = 'otmetka_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

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

interface LocaleState {
  locale: Locale;
  /** Whether the user chose the language on this device (the cookie exists). */
  chosen: () => boolean;
  /** Changes the language shown; the caller tells the server (PUT /api/auth/locale). */
  applyLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => readLocaleCookie() ?? DEFAULT_LOCALE);

  // Set during render so the very first requests already carry the page's language.
  setRequestLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const applyLocale = useCallback((next: Locale) => {
    writeLocaleCookie(next);
    setLocale(next);
  }, []);

  const value = useMemo(() => ({ locale, applyLocale, chosen: () => readLocaleCookie() !== null }), [locale, applyLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The translate function for the current language: every visible text goes through it. */
export function useT(): Translate {
  const { locale } = useLocale();
  return useCallback((key: MessageKey, params?: MessageParams) => translate(locale, key, params), [locale]);
}
