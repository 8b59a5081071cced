import { SEARCH_QUERY_MAX } from '@contract/limits';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { fullName } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { useParents } from './api/parents';

/** Parents and legal representatives, searchable by name. */
export function ParentsPage() {
  const t = useT();
  const school = useSchool();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const parents = useParents(school.id, { q, limit: 100 });
  const searchId = useId();
  useDocumentTitle(t('web.nav.parents'));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  return (
    <div>
      <header className="page-header">
        <h1>{t('people.parents.title')}</h1>
      </header>
      <form className="toolbar" onSubmit={apply} aria-label={t('web.common.filter')}>
        <div className="field">
          <label className="field__label" htmlFor={searchId}>
            {t('web.people.searchName')}
          </label>
          <input id={searchId} type="search" maxLength={SEARCH_QUERY_MAX} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('web.common.apply')}
        </button>
      </form>
      {parents.isPending ? (
        <Loading />
      ) : parents.isError ? (
        <ErrorNotice error={parents.error} onRetry={() => parents.refetch()} />
      ) : parents.data.items.length === 0 ? (
        <Empty>{t('web.common.empty')}</Empty>
      ) : (
        <>
          <p className="muted">{t('web.people.found', { count: parents.data.total })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.people.fullName')}</th>
                  <th scope="col">{t('people.parent.hasAccount')}</th>
                </tr>
              </thead>
              <tbody>
                {parents.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={schoolPath(school.id, `parents/${p.id}`)}>{fullName(p)}</Link>
                    </td>
                    <td>{t(p.hasAccount ? 'web.common.yes' : 'web.common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
