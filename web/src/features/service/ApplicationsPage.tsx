import type { MessageKey } from '@contract/i18n/translate';
import { APPLICATION_LIMITS, APPLICATION_QUERY_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { APPLICATION_STATUSES } from '@contract/schemas/service';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, fullName } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import type { StudentListItem } from '../../lib/resources/students';
import { useDocumentTitle } from '../../lib/use-title';
import { pdfLinks, useApplications, useRegisterApplication } from './api/service';
import { DeadlineBadge, StatusTag } from './DeadlineBadge';
import { ServiceTabs } from './ServiceTabs';
import { StudentPicker } from './StudentPicker';
import '../../components/register.css';

/** The fields of Приложение 1 in the order of the paper form. */
const APPLICATION_FIELDS: FieldSpec[] = withLimits(APPLICATION_LIMITS, [
  { name: 'parentSurname', label: 'serviceWeb.app.parentSurname', required: true, autoComplete: 'off' },
  { name: 'parentName', label: 'serviceWeb.app.parentName', required: true, autoComplete: 'off' },
  { name: 'parentPatronymic', label: 'serviceWeb.app.parentPatronymic', autoComplete: 'off' },
  { name: 'addressCity', label: 'serviceWeb.app.addressCity', required: true },
  { name: 'addressStreet', label: 'serviceWeb.app.addressStreet', required: true },
  { name: 'addressHouse', label: 'serviceWeb.app.addressHouse', required: true },
  { name: 'addressBuilding', label: 'serviceWeb.app.addressBuilding' },
  { name: 'addressFlat', label: 'serviceWeb.app.addressFlat' },
  { name: 'phone', label: 'serviceWeb.app.phone', required: true, hint: 'serviceWeb.app.phoneHint' },
  {
    name: 'passportSeries',
    label: 'serviceWeb.app.passportSeries',
    required: true,
    hint: 'serviceWeb.app.passportSeriesHint',
  },
  {
    name: 'passportNumber',
    label: 'serviceWeb.app.passportNumber',
    required: true,
    hint: 'serviceWeb.app.passportNumberHint',
  },
  { name: 'passportIssuedBy', label: 'serviceWeb.app.passportIssuedBy', required: true },
  { name: 'childFullName', label: 'serviceWeb.app.childFullName', required: true },
  { name: 'childClass', label: 'serviceWeb.app.childClass', required: true },
]);

const OPTIONAL_EMPTY = { parentPatronymic: '', addressBuilding: '', addressFlat: '' };

interface Filter {
  number: string;
  from: string;
  to: string;
  name: string;
  status: string;
}
const NO_FILTER: Filter = { number: '', from: '', to: '', name: '', status: '' };

/**
 * The register of applications («журнал регистрации заявлений», seed 002 §3.2.1; R6.1): search,
 * print, PDF; the secretary registers a new application with the fields of Приложение 1.
 */
export function ApplicationsPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const applications = useApplications(school.id, { ...filter });
  const register = useRegisterApplication(school.id);
  const [student, setStudent] = useState<StudentListItem | null>(null);
  const ids = { number: useId(), from: useId(), to: useId(), name: useId(), status: useId() };
  useDocumentTitle(t('serviceWeb.register.title'));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ number: draft.number.trim(), from: draft.from, to: draft.to, name: draft.name.trim(), status: draft.status });
  };
  const set = (key: keyof Filter, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <div className="service">
      <header className="page-header">
        <h1>{t('serviceWeb.register.title')}</h1>
        <p className="page-header__subtitle">{school.name}</p>
      </header>
      <ServiceTabs />

      <form className="toolbar" onSubmit={apply} aria-label={t('web.common.filter')} data-testid="register-filter">
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.number}>
            {t('serviceWeb.register.number')}
          </label>
          <input
            id={ids.number}
            maxLength={APPLICATION_QUERY_LIMITS.number}
            value={draft.number}
            onChange={(e) => set('number', e.target.value)}
          />
        </div>
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.from}>
            {t('web.common.from')}
          </label>
          <input id={ids.from} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.to}>
            {t('web.common.to')}
          </label>
          <input id={ids.to} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            {t('serviceWeb.register.name')}
          </label>
          <input
            id={ids.name}
            type="search"
            maxLength={APPLICATION_QUERY_LIMITS.name}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.status}>
            {t('serviceWeb.register.status')}
          </label>
          <select id={ids.status} value={draft.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('web.common.all')}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`service.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('web.common.apply')}
        </button>
      </form>

      <div className="form__actions form__actions--spaced no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('serviceWeb.print')}
        </button>
        <a className="button button--secondary" href={pdfLinks.register(school.id, filter.from, filter.to)} target="_blank" rel="noopener">
          {t('serviceWeb.register.pdf')}
        </a>
      </div>

      <p className="print-only print-heading">
        {t('serviceWeb.register.title')} — {school.name}
        {filter.from || filter.to ? ` (${formatDate(locale, filter.from) || '…'} — ${formatDate(locale, filter.to) || '…'})` : ''}
      </p>

      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <ErrorNotice error={applications.error} onRetry={() => applications.refetch()} />
      ) : applications.data.items.length === 0 ? (
        <Empty>{t('serviceWeb.register.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table register-table" data-testid="register">
            <caption className="visually-hidden">{t('serviceWeb.register.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('serviceWeb.register.number')}</th>
                <th scope="col">{t('serviceWeb.register.date')}</th>
                <th scope="col">{t('serviceWeb.register.applicant')}</th>
                <th scope="col">{t('serviceWeb.register.child')}</th>
                <th scope="col">{t('serviceWeb.register.status')}</th>
                <th scope="col">{t('serviceWeb.register.order')}</th>
                <th scope="col">{t('serviceWeb.register.nextDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.data.items.map((a) => (
                <tr key={a.id} data-row={a.number} className={a.nextDeadline?.overdue ? 'row--overdue' : undefined}>
                  <td>
                    <Link to={schoolPath(school.id, `service/applications/${a.id}`)}>{a.number}</Link>
                  </td>
                  <td>{formatDate(locale, a.registeredOn)}</td>
                  <td>{a.parentFullName}</td>
                  <td>
                    {a.childFullName}, {a.childClass}
                  </td>
                  <td>
                    <StatusTag status={a.status} />
                    {a.refusalGround ? (
                      <span className="register-table__ground">{t(`service.refusalGround.${a.refusalGround}` as MessageKey)}</span>
                    ) : null}
                  </td>
                  <td>{a.orderNumber ? t('serviceWeb.orderOf', { number: a.orderNumber, date: formatDate(locale, a.orderDate) }) : '—'}</td>
                  <td>
                    <DeadlineBadge deadline={a.nextDeadline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {can(school, Permission.applicationRegister) ? (
        <section className="panel no-print" aria-labelledby="register-new">
          <h2 id="register-new">{t('serviceWeb.register.new')}</h2>
          <p className="muted">{t('serviceWeb.register.newHint')}</p>
          <h3>{t('serviceWeb.register.linkStudent')}</h3>
          <StudentPicker schoolId={school.id} chosen={student} onPick={setStudent} />
          <div className="application-form">
            <EntityForm
              key={student?.id ?? 'none'}
              testId="application-form"
              submitLabel="serviceWeb.register.submit"
              fields={APPLICATION_FIELDS}
              initial={student ? { childFullName: fullName(student), childClass: student.class?.name ?? '' } : {}}
              onSubmit={async (body) => {
                // The optional parts of the paper form are sent as empty text, as the server expects.
                const full = { ...OPTIONAL_EMPTY, ...body, ...(student ? { studentId: student.id } : {}) };
                const created = await register.mutateAsync(full);
                navigate(schoolPath(school.id, `service/applications/${created.id}`));
              }}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
