import { type MessageKey, ru } from './catalogue.ru.js';
import type { Locale } from './locales.js';

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales.js';
export type { MessageKey };

export type MessageParams = Record<string, string | number>;

/**
 * The catalogues at hand. Russian always is; the others are added when loaded (the server loads
 * all of them in index.ts; the web app loads English only for a reader who chose it).
 */
const catalogues: Partial<Record<Locale, Record<MessageKey, string>>> = { ru };

export function addCatalogue(locale: Locale, messages: Record<MessageKey, string>): void {
  catalogues[locale] = messages;
}

export function hasCatalogue(locale: Locale): boolean {
  return catalogues[locale] !== undefined;
}

/** Translates a catalogue key, filling {placeholders}; Russian while a language is not loaded. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[locale]?.[key] ?? ru[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
