/**
 * The first script of the page (its own small bundle, put before the main one by vite.config.ts):
 * it sends the first screen's API requests, and starts the download of the reader's language
 * when it is not Russian, while the app's code is still on its way. main.tsx imports it too, so
 * it runs once even where the order of scripts differs.
 */
import { sendEarlyRequests } from './app/early-requests';
import { readLocaleCookie } from './lib/locale-cookie';

sendEarlyRequests(window.location);

// The same module lib/catalogues.ts imports later: the browser fetches it once.
// biome-ignore lint/style/noRestrictedImports: an early start of the on-demand English chunk
if (readLocaleCookie() === 'en') import('@contract/i18n/catalogue.en').catch(() => {});
