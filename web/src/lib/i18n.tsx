import { DEFAULT_LOCALE, type Locale, type MessageKey, type MessageParams, translate } from '@contract/i18n/translate';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setRequestLocale } from './api';
import { loadCatalogue } from './catalogues';
import { readLocaleCookie, writeLocaleCookie } from './locale-cookie';

export { readLocaleCookie } from './locale-cookie';

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
    void loadCatalogue(next).then(() => setLocale(next));
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
