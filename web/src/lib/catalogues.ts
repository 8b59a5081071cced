import { addCatalogue, hasCatalogue, type Locale } from '@contract/i18n/translate';

/**
 * Makes a language's messages available to translate(). Russian is in the main bundle; English
 * is its own chunk, so the Russian reader (most of them) never downloads it. A failed load leaves
 * the Russian texts in place; the next start tries again.
 */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return;
  try {
    // biome-ignore lint/style/noRestrictedImports: the one place English is loaded, on demand
    const { en } = await import('@contract/i18n/catalogue.en');
    addCatalogue('en', en);
  } catch {
    // Offline or a new version deployed meanwhile: translate() falls back to Russian.
  }
}
