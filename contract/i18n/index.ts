import { en, type MessageKey, ru } from './catalogue.js';

export type { MessageKey };
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

const catalogues: Record<Locale, Record<MessageKey, string>> = { ru, en };

export type MessageParams = Record<string, string | number>;

/** Translates a catalogue key, filling {placeholders}. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[locale][key] ?? catalogues.ru[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

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
