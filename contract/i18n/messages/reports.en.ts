import type { ru } from './reports.js';

/** English texts of this area: exactly the keys of the Russian reference (reports.ts). */
export const en: Record<keyof typeof ru, string> = {
  'error.reports.range': "The report's start is after its end.",
};
