/** Messages of the audit log, its chains and the family's view of who read their data (issue 12.9, 12.13). */
export const ru = {
  'error.audit.unavailable': 'Журнал доступа сейчас не записывается, поэтому данные не показаны. Попробуйте через минуту.',
} as const;
