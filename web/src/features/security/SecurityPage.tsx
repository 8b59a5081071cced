import { Permission } from '@contract/permissions';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { can, hasAnyRole } from '../../lib/access';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useReadAlerts } from '../../lib/resources/read-alerts';
import { useDocumentTitle } from '../../lib/use-title';
import { useMfaPolicy, useSetMfaPolicy } from './api/mfa-policy';

/**
 * The school's security page (issue 12, items 3 and 12): the rule that every staff role signs in
 * with a second factor (set by the school admin or the director), and the staff accounts that went
 * over their personal-data read budget (for the director, the deputy, the admin and the operator).
 */
export function SecurityPage() {
  const t = useT();
  const school = useSchool();
  useDocumentTitle(t('web.security.title'));
  return (
    <div>
      <header className="page-header">
        <h1>{t('web.security.title')}</h1>
      </header>
      <MfaRule />
      {can(school, Permission.auditRead) ? <ReadAlerts /> : null}
    </div>
  );
}

function MfaRule() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const policy = useMfaPolicy(school.id);
  const save = useSetMfaPolicy(school.id);
  const mayChange = hasAnyRole(school, ['school_admin', 'director']);
  const [required, setRequired] = useState(false);
  const [saved, setSaved] = useState(false);
  const checkboxId = useId();
  useEffect(() => {
    if (policy.data) setRequired(policy.data.staffMfaRequired);
  }, [policy.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    try {
      await save.mutateAsync(required);
      setSaved(true);
    } catch {
      // shown below from save.error
    }
  };

  return (
    <section className="panel" aria-labelledby="security-mfa" data-testid="security-mfa">
      <h2 id="security-mfa">{t('web.security.mfa.title')}</h2>
      {policy.isPending ? <Loading /> : null}
      {policy.error ? <ErrorNotice error={policy.error} onRetry={() => policy.refetch()} /> : null}
      {policy.data ? (
        <form className="form" onSubmit={submit}>
          <p className="muted">{t('web.security.mfa.hint')}</p>
          <div className="field field--checkbox">
            <input
              id={checkboxId}
              type="checkbox"
              name="staffMfaRequired"
              checked={required}
              disabled={!mayChange || save.isPending}
              onChange={(e) => {
                setRequired(e.currentTarget.checked);
                setSaved(false);
              }}
            />
            <label htmlFor={checkboxId}>{t('web.security.mfa.required')}</label>
          </div>
          <p data-testid="security-mfa-state">
            <strong>{t(policy.data.staffMfaRequired ? 'web.security.mfa.on' : 'web.security.mfa.off')}</strong>
            {policy.data.updatedAt ? (
              <span className="muted"> · {t('web.security.mfa.updatedAt', { at: formatInstant(locale, policy.data.updatedAt) })}</span>
            ) : null}
          </p>
          {save.error ? (
            <p className="field__error" role="alert">
              {errorText(t, save.error)}
            </p>
          ) : null}
          {saved ? (
            <p className="form__saved" role="status">
              {t('web.security.mfa.saved')}
            </p>
          ) : null}
          {mayChange ? (
            <div className="form__actions">
              <button type="submit" className="button" disabled={save.isPending || required === policy.data.staffMfaRequired}>
                {t('web.security.mfa.save')}
              </button>
            </div>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

function ReadAlerts() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const alerts = useReadAlerts(school.id);
  return (
    <section className="panel" aria-labelledby="security-alerts" data-testid="read-alerts">
      <h2 id="security-alerts">{t('web.security.alerts.title')}</h2>
      {alerts.isPending ? <Loading /> : null}
      {alerts.error ? <ErrorNotice error={alerts.error} onRetry={() => alerts.refetch()} /> : null}
      {alerts.data ? (
        <>
          <p className="muted">{t('web.security.alerts.intro', { hour: alerts.data.budget.perHour, day: alerts.data.budget.perDay })}</p>
          {alerts.data.items.length === 0 ? (
            <Empty>{t('web.security.alerts.empty')}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('web.security.alerts.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('web.security.alerts.who')}</th>
                    <th scope="col">{t('web.security.alerts.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {alerts.data.items.map((a) => (
                    <tr key={a.id} data-testid="read-alert">
                      <td>
                        {a.name}
                        <br />
                        <span className="muted">
                          {t('web.security.alerts.reads')}: {a.reads} / {a.budget}{' '}
                          {t(a.window === 'hour' ? 'web.security.alerts.window.hour' : 'web.security.alerts.window.day')}
                        </span>
                      </td>
                      <td>{formatInstant(locale, a.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
