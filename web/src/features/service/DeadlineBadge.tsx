import type { MessageKey } from '@contract/i18n/translate';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';

/** «Решение (5 рабочих дней): до 08.09.2026», red with «просрочено» when the date has passed. */
export function DeadlineBadge({ deadline }: { deadline: { stage: string; dueOn: string; overdue: boolean } | null }) {
  const t = useT();
  const { locale } = useLocale();
  if (!deadline) return <span className="muted">—</span>;
  return (
    <span className={`deadline${deadline.overdue ? ' deadline--overdue' : ''}`}>
      <span className="deadline__stage">{t(`service.stage.${deadline.stage}` as MessageKey)}</span>{' '}
      <span className="deadline__date">{t('serviceWeb.deadline.dueOn', { date: formatDate(locale, deadline.dueOn) })}</span>
      {deadline.overdue ? <strong className="deadline__flag">{t('serviceWeb.deadline.overdue')}</strong> : null}
    </span>
  );
}

/** The application's status as a tag. */
export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <span className={`tag service-status service-status--${status}`}>{t(`service.status.${status}` as MessageKey)}</span>;
}
