import type { MessageKey } from '@contract/i18n/translate';
import { AUDIT_QUERY_LIMITS } from '@contract/limits';
import { type FormEvent, useId, useState } from 'react';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { type AuditFilter, useAudit } from './api/list-audit';

const ACTIONS = ['create', 'update', 'delete', 'read', 'list', 'export', 'login', 'login_failed', 'logout', 'password_change'] as const;
const actionKey = (action: string): MessageKey | null =>
  (ACTIONS as readonly string[]).includes(action) ? (`web.audit.action.${action}` as MessageKey) : null;

/** Start of a local calendar day as an ISO instant (the log stores UTC instants). */
const dayStart = (date: string, plusDays = 0) => {
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/** The school's audit log (R7.3): who did what, when and from where; director, deputy, admin, operator. */
export function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const [draft, setDraft] = useState({ entity: '', action: '', from: '', to: '', byOperator: false });
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useAudit(school.id, filter);
  const ids = { entity: useId(), action: useId(), from: useId(), to: useId(), byOperator: useId() };
  useDocumentTitle(t('web.audit.title'));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      entity: draft.entity.trim() || undefined,
      action: draft.action || undefined,
      from: draft.from ? dayStart(draft.from) : undefined,
      to: draft.to ? dayStart(draft.to, 1) : undefined,
      byOperator: draft.byOperator || undefined,
    });
  };

  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div>
      <header className="page-header">
        <h1>{t('web.audit.title')}</h1>
        <p className="page-header__subtitle">{t('web.audit.subtitle')}</p>
      </header>
      <form className="panel form form--inline" onSubmit={apply} aria-label={t('web.common.filter')}>
        <div className="field">
          <label className="field__label" htmlFor={ids.entity}>
            {t('web.audit.entity')}
          </label>
          <input
            id={ids.entity}
            maxLength={AUDIT_QUERY_LIMITS.entity}
            value={draft.entity}
            placeholder={t('web.audit.entityPlaceholder')}
            onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.action}>
            {t('web.audit.action')}
          </label>
          <select id={ids.action} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('web.common.all')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`web.audit.action.${a}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.from}>
            {t('web.common.from')}
          </label>
          <input id={ids.from} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.to}>
            {t('web.common.to')}
          </label>
          <input id={ids.to} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.byOperator}>
            <input
              id={ids.byOperator}
              type="checkbox"
              checked={draft.byOperator}
              onChange={(e) => setDraft({ ...draft, byOperator: e.target.checked })}
            />{' '}
            {t('web.audit.byOperator')}
          </label>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('web.common.apply')}
          </button>
        </div>
      </form>

      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorNotice error={audit.error} onRetry={() => audit.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t('web.audit.empty')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('web.audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.audit.at')}</th>
                  <th scope="col">{t('web.audit.who')}</th>
                  <th scope="col">{t('web.audit.action')}</th>
                  <th scope="col">{t('web.audit.entity')}</th>
                  <th scope="col">{t('web.audit.details')}</th>
                  <th scope="col">{t('web.audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const key = actionKey(row.action);
                  const details = Object.keys(row.details).length > 0 ? JSON.stringify(row.details) : '';
                  return (
                    <tr key={row.id}>
                      <td>{formatInstant(locale, row.at)}</td>
                      <td>{row.actorName ?? t('web.audit.system')}</td>
                      <td>{key ? t(key) : row.action}</td>
                      <td>
                        {row.entity}
                        {row.entityId ? <span className="muted"> · {row.entityId.slice(-8)}</span> : null}
                      </td>
                      <td className="audit__details">{details}</td>
                      <td>{row.ip}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {audit.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => audit.fetchNextPage()}
              disabled={audit.isFetchingNextPage}
            >
              {audit.isFetchingNextPage ? t('web.common.loading') : t('web.common.more')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
