import { SEARCH_QUERY_MAX, STAFF_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../components/EntityForm';
import { AddPanel } from '../../components/list-panels';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, fullName } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useCreateStaff, useStaff } from '../../lib/resources/staff';
import { useDocumentTitle } from '../../lib/use-title';
import { staffRoleOptions } from './options';
import { RolesEditor } from './RolesEditor';

/** School staff; with account.manage: create a member with an account and roles, change roles. */
export function StaffPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [includeLeft, setIncludeLeft] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const staff = useStaff(school.id, { q, limit: 200, includeLeft: includeLeft ? 'true' : undefined });
  const create = useCreateStaff(school.id);
  const searchId = useId();
  const leftId = useId();
  const manageAccounts = can(school, Permission.accountManage);
  useDocumentTitle(t('web.nav.staff'));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  return (
    <div>
      <header className="page-header">
        <h1>{t('people.staff.title')}</h1>
      </header>
      <form className="toolbar" onSubmit={apply} aria-label={t('web.common.filter')}>
        <div className="field">
          <label className="field__label" htmlFor={searchId}>
            {t('web.people.searchName')}
          </label>
          <input id={searchId} type="search" maxLength={SEARCH_QUERY_MAX} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="field field--checkbox">
          <input id={leftId} type="checkbox" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />
          <label className="field__label" htmlFor={leftId}>
            {t('web.people.showLeft')}
          </label>
        </div>
        <button type="submit" className="button">
          {t('web.common.apply')}
        </button>
      </form>

      {staff.isPending ? (
        <Loading />
      ) : staff.isError ? (
        <ErrorNotice error={staff.error} onRetry={() => staff.refetch()} />
      ) : staff.data.items.length === 0 ? (
        <Empty>{t('web.common.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.people.fullName')}</th>
                <th scope="col">{t('people.staff.position')}</th>
                <th scope="col">{t('people.staff.account')}</th>
                {manageAccounts ? <th scope="col">{t('people.staff.roles')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={schoolPath(school.id, `staff/${s.id}`)}>{fullName(s)}</Link>
                    {s.leftOn ? <span className="muted"> ({t('web.people.leftOn', { date: formatDate(locale, s.leftOn) })})</span> : null}
                  </td>
                  <td>{s.position || <span className="muted">—</span>}</td>
                  <td>{t(s.hasAccount ? 'web.common.yes' : 'web.common.no')}</td>
                  {manageAccounts ? (
                    <td>
                      {s.hasAccount ? (
                        open === s.id ? (
                          <RolesEditor staffId={s.id} onClose={() => setOpen(null)} />
                        ) : (
                          <button type="button" className="button button--secondary button--small" onClick={() => setOpen(s.id)}>
                            {t('web.people.editRoles')}
                          </button>
                        )
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {can(school, Permission.personManage) ? (
        <AddPanel title={t('web.people.addStaff')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync(withoutEmptyAccount(body))}
            fields={withLimits(STAFF_LIMITS, [
              { name: 'surname', label: 'people.staff.surname', required: true },
              { name: 'name', label: 'people.staff.name', required: true },
              { name: 'patronymic', label: 'people.staff.patronymic' },
              { name: 'position', label: 'people.staff.position' },
              { name: 'email', label: 'people.staff.email', type: 'email' },
              { name: 'phone', label: 'people.staff.phone' },
              ...(manageAccounts
                ? ([
                    {
                      name: 'account.login',
                      label: 'people.staff.login',
                      autoComplete: 'off',
                      hint: 'web.people.hint.account',
                    },
                    {
                      name: 'account.password',
                      label: 'people.staff.password',
                      type: 'password',
                      autoComplete: 'new-password',
                    },
                    { name: 'account.roles', label: 'people.staff.roles', type: 'multiselect', options: staffRoleOptions(t) },
                  ] satisfies FieldSpec[])
                : []),
            ])}
          />
        </AddPanel>
      ) : null}
    </div>
  );
}

/** The account is optional: roles ticked without a login do not make one. */
function withoutEmptyAccount(body: Record<string, unknown>): Record<string, unknown> {
  const account = body.account as Record<string, unknown> | undefined;
  if (account && !account.login && !account.password) {
    const { account: _dropped, ...rest } = body;
    return rest;
  }
  return body;
}
