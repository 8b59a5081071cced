import './boot';
import './app/app.css';
import { DEFAULT_LOCALE } from '@contract/i18n/translate';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient, prefetchFirstScreen } from './app/query-client';
import { loadCatalogue } from './lib/catalogues';
import { readLocaleCookie } from './lib/locale-cookie';

const client = createQueryClient();
prefetchFirstScreen(client, window.location);

const root = document.getElementById('root');
// The first render waits for the reader's language (LocaleProvider starts from the same cookie).
void loadCatalogue(readLocaleCookie() ?? DEFAULT_LOCALE).then(() => {
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
});
