import { SENT_BY_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm, withLimits } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { type Consent, pdfLinks, useConsents, useRecordOperatorCopy } from './api/service';
import { ServiceTabs } from './ServiceTabs';
import '../../components/register.css';

/**
 * The school's consents and their copies for the operator (seed 002 §3.2.4: within 10 days).
 * The secretary records when and how a copy went; the director sees it; the operator downloads.
 */
export function ConsentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const consents = useConsents(school.id);
  const records = can(school, Permission.applicationRegister);
  const [copying, setCopying] = useState<string | null>(null);
  const today = todayIso();
  useDocumentTitle(t('serviceWeb.consents.title'));

  const copyCell = (c: Consent) => {
    if (c.operatorCopySentOn) {
      return t('serviceWeb.consent.copySent', { date: formatDate(locale, c.operatorCopySentOn), method: c.operatorCopyMethod ?? '' });
    }
    const late = c.operatorCopyDueOn < today;
    return (
      <span className={`deadline${late ? ' deadline--overdue' : ''}`}>
        {t('serviceWeb.consent.copyDue', { date: formatDate(locale, c.operatorCopyDueOn) })}
        {late ? <strong className="deadline__flag">{t('serviceWeb.deadline.overdue')}</strong> : null}
      </span>
    );
  };

  return (
    <div className="service">
      <header className="page-header">
        <h1>{t('serviceWeb.consents.title')}</h1>
        <p className="page-header__subtitle">{school.name}</p>
      </header>
      <ServiceTabs />
      {consents.isPending ? (
        <Loading />
      ) : consents.isError ? (
        <ErrorNotice error={consents.error} onRetry={() => consents.refetch()} />
      ) : consents.data.items.length === 0 ? (
        <Empty>{t('serviceWeb.consents.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="consents">
            <thead>
              <tr>
                <th scope="col">{t('serviceWeb.common.child')}</th>
                <th scope="col">{t('serviceWeb.register.applicant')}</th>
                <th scope="col">{t('serviceWeb.consent.signedOn')}</th>
                <th scope="col">{t('serviceWeb.consents.state')}</th>
                <th scope="col">{t('serviceWeb.consent.operatorCopy')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('web.form.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.data.items.map((c) => (
                <ConsentRow
                  key={c.id}
                  consent={c}
                  schoolId={school.id}
                  copyCell={copyCell(c)}
                  records={records}
                  readsApplications={can(school, Permission.applicationRead)}
                  open={copying === c.id}
                  onToggle={() => setCopying(copying === c.id ? null : c.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ConsentRow({
  consent: c,
  schoolId,
  copyCell,
  records,
  readsApplications,
  open,
  onToggle,
}: {
  consent: Consent;
  schoolId: string;
  copyCell: React.ReactNode;
  records: boolean;
  readsApplications: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const copy = useRecordOperatorCopy(schoolId, c.id);
  return (
    <>
      <tr data-row={c.childFullName}>
        <td>
          {c.applicationId && readsApplications ? (
            <Link to={schoolPath(schoolId, `service/applications/${c.applicationId}`)}>{c.childFullName}</Link>
          ) : (
            c.childFullName
          )}
        </td>
        <td>{c.parentFullName}</td>
        <td>{formatDate(locale, c.signedOn)}</td>
        <td>
          {c.withdrawnOn ? (
            <span className="tag tag--danger">{t('serviceWeb.consent.withdrawnOn', { date: formatDate(locale, c.withdrawnOn) })}</span>
          ) : c.valid ? (
            <span className="tag tag--success">{t('serviceWeb.consent.valid')}</span>
          ) : (
            <span className="tag tag--danger">{t('serviceWeb.consent.invalid')}</span>
          )}
        </td>
        <td>{copyCell}</td>
        <td className="table__actions">
          <div className="record-table__actions">
            <a className="button button--secondary button--small" href={pdfLinks.consent(schoolId, c.id)} target="_blank" rel="noopener">
              {t('serviceWeb.consents.download')}
            </a>
            {records && !c.operatorCopySentOn ? (
              <button type="button" className="button button--secondary button--small" aria-expanded={open} onClick={onToggle}>
                {t('serviceWeb.consents.recordCopy')}
              </button>
            ) : null}
          </div>
        </td>
      </tr>
      {open ? (
        <tr className="record-table__editor">
          <td colSpan={6}>
            <EntityForm
              legend={t('serviceWeb.consents.recordCopyOf', { name: c.childFullName })}
              submitLabel="web.form.save"
              initial={{ sentOn: todayIso() }}
              fields={withLimits(SENT_BY_LIMITS, [
                { name: 'sentOn', label: 'serviceWeb.consents.sentOn', type: 'date', required: true },
                {
                  name: 'method',
                  label: 'serviceWeb.consents.method',
                  required: true,
                  hint: 'serviceWeb.consents.methodHint',
                },
              ])}
              onSubmit={(body) => copy.mutateAsync(body)}
              onDone={onToggle}
              onCancel={onToggle}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
