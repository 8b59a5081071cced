import type { MessageKey } from '@contract/i18n/translate';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { type Deadline, useDeadlines } from './api/service';
import { ServiceTabs } from './ServiceTabs';
import '../../components/register.css';

/**
 * The director's dashboard of the procedure's deadlines (seed 002 §3.2.3–3.2.5, R6.3): what is
 * overdue, what is due, each open application's next step and the consent copies for the operator.
 */
export function DeadlinesPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const deadlines = useDeadlines(school.id, overdueOnly);
  const toggleId = useId();
  useDocumentTitle(t('serviceWeb.deadlines.title'));

  const row = (d: Deadline) => (
    <tr key={`${d.stage}-${d.applicationId ?? d.consentId}`} className={d.overdue ? 'row--overdue' : undefined} data-testid="deadline-row">
      <td>
        <span className={`deadline${d.overdue ? ' deadline--overdue' : ''}`}>
          {formatDate(locale, d.dueOn)}
          {d.overdue ? <strong className="deadline__flag">{t('serviceWeb.deadline.overdue')}</strong> : null}
        </span>
      </td>
      <td>{t(`service.stage.${d.stage}` as MessageKey)}</td>
      <td>
        {d.applicationId ? (
          <Link to={schoolPath(school.id, `service/applications/${d.applicationId}`)}>
            {d.number ?? t('serviceWeb.deadlines.application')}
          </Link>
        ) : (
          <Link to={schoolPath(school.id, 'service/consents')}>{t('serviceWeb.deadlines.consent')}</Link>
        )}
      </td>
      <td>{d.childFullName}</td>
    </tr>
  );

  const table = (items: Deadline[], caption: string, testId: string) => (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('serviceWeb.deadlines.dueOn')}</th>
            <th scope="col">{t('serviceWeb.deadlines.stage')}</th>
            <th scope="col">{t('serviceWeb.deadlines.document')}</th>
            <th scope="col">{t('serviceWeb.common.child')}</th>
          </tr>
        </thead>
        <tbody>{items.map(row)}</tbody>
      </table>
    </div>
  );

  return (
    <div className="service">
      <header className="page-header">
        <h1>{t('serviceWeb.deadlines.title')}</h1>
        <p className="page-header__subtitle">{t('serviceWeb.deadlines.subtitle')}</p>
      </header>
      <ServiceTabs />
      <div className="field--checkbox field no-print">
        <input id={toggleId} type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
        <label htmlFor={toggleId}>{t('serviceWeb.deadlines.overdueOnly')}</label>
      </div>
      {deadlines.isPending ? (
        <Loading />
      ) : deadlines.isError ? (
        <ErrorNotice error={deadlines.error} onRetry={() => deadlines.refetch()} />
      ) : deadlines.data.items.length === 0 ? (
        <Empty>{t(overdueOnly ? 'serviceWeb.deadlines.noneOverdue' : 'serviceWeb.deadlines.none')}</Empty>
      ) : (
        <>
          <p className="deadline-summary" role="status">
            {t('serviceWeb.deadlines.summary', {
              overdue: deadlines.data.items.filter((d) => d.overdue).length,
              due: deadlines.data.items.filter((d) => !d.overdue).length,
            })}
          </p>
          {deadlines.data.items.some((d) => d.overdue)
            ? table(
                deadlines.data.items.filter((d) => d.overdue),
                t('serviceWeb.deadlines.overdue'),
                'deadlines-overdue',
              )
            : null}
          {deadlines.data.items.some((d) => !d.overdue)
            ? table(
                deadlines.data.items.filter((d) => !d.overdue),
                t('serviceWeb.deadlines.due'),
                'deadlines-due',
              )
            : null}
        </>
      )}
    </div>
  );
}
