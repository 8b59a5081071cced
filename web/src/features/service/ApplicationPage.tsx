import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import type { StudentListItem } from '../../lib/resources/students';
import { useDocumentTitle } from '../../lib/use-title';
import { type ApplicationFull, pdfLinks, useApplication, useConsents, useLinkApplication } from './api/service';
import { ConsentCard } from './ConsentCard';
import { ConsentForm } from './ConsentForm';
import { DeadlineBadge, StatusTag } from './DeadlineBadge';
import { DecisionForm, OrderForm } from './DecisionForms';
import { StudentPicker } from './StudentPicker';
import '../../components/register.css';

/** One application: the Приложение 1 data, its consent, the decision, the order and the access. */
export function ApplicationPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const { applicationId = '' } = useParams();
  const application = useApplication(school.id, applicationId);
  const consents = useConsents(school.id, { applicationId });
  useDocumentTitle(application.data ? t('serviceWeb.app.title', { number: application.data.number }) : t('serviceWeb.register.title'));

  if (application.isPending) return <Loading />;
  if (application.isError) return <ErrorNotice error={application.error} onRetry={() => application.refetch()} />;
  const a = application.data;
  const registers = can(school, Permission.applicationRegister);
  const address = [a.addressCity, a.addressStreet, a.addressHouse && `${t('service.pdf.house')} ${a.addressHouse}`]
    .concat(a.addressBuilding ? [`${t('service.pdf.building')} ${a.addressBuilding}`] : [])
    .concat(a.addressFlat ? [`${t('service.pdf.flat')} ${a.addressFlat}`] : [])
    .filter(Boolean)
    .join(', ');
  const consentItems = consents.data?.items ?? [];

  return (
    <div className="service">
      <p className="no-print">
        <Link to={schoolPath(school.id, 'service/applications')}>← {t('serviceWeb.register.title')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="application-title">{t('serviceWeb.app.title', { number: a.number })}</h1>
        <p className="page-header__subtitle">
          {t('serviceWeb.app.registeredOn', { date: formatDate(locale, a.registeredOn) })} · <StatusTag status={a.status} />
        </p>
      </header>

      <section className="panel" aria-labelledby="app-deadline">
        <h2 id="app-deadline">{t('serviceWeb.app.nextDeadline')}</h2>
        <p data-testid="application-deadline">
          <DeadlineBadge deadline={a.nextDeadline} />
        </p>
        <Steps application={a} />
      </section>

      <section className="panel" aria-labelledby="app-data">
        <h2 id="app-data">{t('serviceWeb.app.data')}</h2>
        <dl className="facts">
          <dt>{t('serviceWeb.register.applicant')}</dt>
          <dd>{a.parentFullName}</dd>
          <dt>{t('service.pdf.registrationPlace')}</dt>
          <dd>{address}</dd>
          <dt>{t('serviceWeb.app.phone')}</dt>
          <dd>{a.phone}</dd>
          <dt>{t('service.pdf.passportShort')}</dt>
          <dd>
            {a.personalDataErasedAt ? (
              <span className="muted">{t('serviceWeb.app.passportErased', { date: formatInstant(locale, a.personalDataErasedAt) })}</span>
            ) : (
              `${a.passportSeries} ${a.passportNumber}, ${a.passportIssuedBy}`
            )}
          </dd>
          <dt>{t('serviceWeb.register.child')}</dt>
          <dd>
            {a.childFullName}, {a.childClass}
          </dd>
          <dt>{t('serviceWeb.app.student')}</dt>
          <dd>
            {a.studentId ? (
              can(school, Permission.personRead) ? (
                <Link to={schoolPath(school.id, `students/${a.studentId}`)}>{t('serviceWeb.app.studentCard')}</Link>
              ) : (
                t('serviceWeb.app.linked')
              )
            ) : (
              <span className="muted">{t('serviceWeb.app.notLinked')}</span>
            )}
          </dd>
        </dl>
        {!a.studentId && registers ? <LinkStudent schoolId={school.id} applicationId={a.id} /> : null}
        <div className="form__actions no-print">
          <a
            className="button button--secondary"
            href={pdfLinks.application(school.id, a.id)}
            target="_blank"
            rel="noopener"
            data-testid="application-pdf"
          >
            {t('serviceWeb.app.pdf')}
          </a>
        </div>
      </section>

      <section className="panel" aria-labelledby="app-consent">
        <h2 id="app-consent">{t('serviceWeb.consent.title')}</h2>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <ErrorNotice error={consents.error} onRetry={() => consents.refetch()} />
        ) : consentItems.length === 0 ? (
          <Empty>{t('serviceWeb.consent.empty')}</Empty>
        ) : (
          consentItems.map((c) => <ConsentCard key={c.id} schoolId={school.id} consent={c} canWithdraw={registers} />)
        )}
        {registers && !consentItems.some((c) => c.valid) && !consents.isPending ? (
          <details className="subpanel" open={consentItems.length === 0}>
            <summary>{t('serviceWeb.consent.record')}</summary>
            <ConsentForm
              schoolId={school.id}
              applicationId={a.id}
              studentId={a.studentId}
              parentId={a.parentId}
              childFullName={a.childFullName}
              parentFullName={a.parentFullName}
            />
          </details>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="app-decision">
        <h2 id="app-decision">{t('serviceWeb.decision.title')}</h2>
        {a.status === 'registered' ? (
          can(school, Permission.applicationDecide) ? (
            <DecisionForm schoolId={school.id} applicationId={a.id} />
          ) : (
            <p className="muted">{t('serviceWeb.decision.pending')}</p>
          )
        ) : (
          <dl className="facts" data-testid="decision">
            <dt>{t('serviceWeb.decision.result')}</dt>
            <dd>{t(a.status === 'refused' ? 'serviceWeb.decision.refused' : 'serviceWeb.decision.granted')}</dd>
            <dt>{t('serviceWeb.decision.on')}</dt>
            <dd>{formatDate(locale, a.decidedOn)}</dd>
            {a.refusalGround ? (
              <>
                <dt>{t('serviceWeb.decision.ground')}</dt>
                <dd>{t(`service.refusalGround.${a.refusalGround}` as MessageKey)}</dd>
              </>
            ) : null}
            {a.decisionNote ? (
              <>
                <dt>{t('serviceWeb.decision.note')}</dt>
                <dd>{a.decisionNote}</dd>
              </>
            ) : null}
          </dl>
        )}
      </section>

      {a.status !== 'refused' ? (
        <section className="panel" aria-labelledby="app-order">
          <h2 id="app-order">{t('serviceWeb.order.title')}</h2>
          {a.orderNumber ? (
            <p data-testid="order">{t('serviceWeb.orderOf', { number: a.orderNumber, date: formatDate(locale, a.orderDate) })}</p>
          ) : a.status === 'granted' && can(school, Permission.orderSign) ? (
            <OrderForm schoolId={school.id} applicationId={a.id} />
          ) : (
            <p className="muted">{t(a.status === 'registered' ? 'serviceWeb.order.afterDecision' : 'serviceWeb.order.pending')}</p>
          )}
        </section>
      ) : null}

      {a.status === 'ordered' || a.status === 'issued' ? (
        <section className="panel" aria-labelledby="app-access">
          <h2 id="app-access">{t('serviceWeb.access.title')}</h2>
          <p>
            {a.accessIssuedOn
              ? t('serviceWeb.access.issuedOn', { date: formatDate(locale, a.accessIssuedOn) })
              : t('serviceWeb.access.notYet')}
          </p>
          {can(school, Permission.codeIssue) && a.studentId ? (
            <Link className="button button--secondary no-print" to={schoolPath(school.id, `service/codes?student=${a.studentId}`)}>
              {t('serviceWeb.access.toCodes')}
            </Link>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** The procedure at a glance: registered → decision → order → access, with the dates done. */
function Steps({ application: a }: { application: ApplicationFull }) {
  const t = useT();
  const { locale } = useLocale();
  const steps: Array<{ key: MessageKey; date: string | null }> = [
    { key: 'serviceWeb.step.registered', date: a.registeredOn },
    { key: a.status === 'refused' ? 'serviceWeb.step.refused' : 'serviceWeb.step.decided', date: a.decidedOn },
  ];
  if (a.status !== 'refused') {
    steps.push({ key: 'serviceWeb.step.ordered', date: a.orderDate }, { key: 'serviceWeb.step.issued', date: a.accessIssuedOn });
  }
  return (
    <ol className="steps">
      {steps.map((s) => (
        <li key={s.key} className={s.date ? 'steps__done' : undefined}>
          <span>{t(s.key)}</span> <span className="muted">{s.date ? formatDate(locale, s.date) : '—'}</span>
        </li>
      ))}
    </ol>
  );
}

/** Links an application registered without a student to the school's record of the child. */
function LinkStudent({ schoolId, applicationId }: { schoolId: string; applicationId: string }) {
  const t = useT();
  const link = useLinkApplication(schoolId, applicationId);
  const [chosen, setChosen] = useState<StudentListItem | null>(null);
  return (
    <div className="subpanel no-print">
      <h3>{t('serviceWeb.register.linkStudent')}</h3>
      <StudentPicker schoolId={schoolId} chosen={chosen} onPick={setChosen} />
      {chosen ? (
        <div className="form__actions">
          <button type="button" className="button" disabled={link.isPending} onClick={() => link.mutate({ studentId: chosen.id })}>
            {t('serviceWeb.app.link')}
          </button>
        </div>
      ) : null}
      {link.error ? (
        <p className="field__error" role="alert">
          {errorText(t, link.error)}
        </p>
      ) : null}
    </div>
  );
}
