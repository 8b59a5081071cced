/** Issue 14 (decision 015): statistics, the quality indicators of table 2.13, the director's monitoring. Russian, the reference. */
export const ru = {
  'error.reports.range': 'Начало периода отчёта позже его конца.',
};
