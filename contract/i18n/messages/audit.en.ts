import type { ru } from './audit.js';

/** English texts of this area: exactly the keys of the Russian reference (audit.ts). */
export const en: Record<keyof typeof ru, string> = {
  'error.audit.unavailable': 'The access log cannot be written just now, so the data is not shown. Please try again in a minute.',
};
