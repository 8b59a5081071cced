import { hasCatalogue, translate } from '@contract/i18n/translate';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogues';

describe('loadCatalogue', () => {
  it('carries Russian from the start and adds English when asked', async () => {
    expect(hasCatalogue('ru')).toBe(true);
    expect(hasCatalogue('en')).toBe(false);
    // Until English is loaded its texts fall back to Russian, never to a bare key.
    expect(translate('en', 'diaryWeb.view.week')).toBe('Неделя');
    await loadCatalogue('en');
    expect(hasCatalogue('en')).toBe(true);
    expect(translate('en', 'diaryWeb.view.week')).toBe('Week');
    expect(translate('ru', 'diaryWeb.view.week')).toBe('Неделя');
  });
});
