import { en } from './catalogue.en.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.js';
import { addCatalogue } from './translate.js';

/**
 * The whole catalogue, every language loaded: what the server, the CLI and the tests import.
 * The web app imports translate.ts instead and loads a language when it is chosen.
 */
addCatalogue('en', en);

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales.js';
export { type MessageKey, type MessageParams, translate } from './translate.js';

/** Picks ru or en from an Accept-Language header; Russian when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...rest] = part.trim().split(';');
    const q = Number(
      rest
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const lang = tag.toLowerCase().split('-')[0];
    if (isLocale(lang) && (!best || q > best.q)) best = { locale: lang, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
