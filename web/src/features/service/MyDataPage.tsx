import type { MessageKey } from '@contract/i18n/translate';
import { Link } from 'react-router';
import { useSession } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { fullName, todayIso } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { useMyStudents } from '../../lib/resources/my-students';
import { useDocumentTitle } from '../../lib/use-title';
import { useConsents } from './api/service';
import { ConsentCard } from './ConsentCard';
import '../../components/register.css';

/**
 * «Мои данные» (152-FZ art. 14: the subject's right to know what is processed): the account, the
 * children linked to it in this school, the consents with the fields they allow, an export of all
 * of it, and the withdrawal of consent.
 */
export function MyDataPage() {
  const t = useT();
  const { me, school } = useSession();
  const students = useMyStudents();
  const consents = useConsents(school.id);
  useDocumentTitle(t('serviceWeb.myData.title'));

  const children = (students.data ?? []).filter((s) => s.relation === 'child' && s.schoolId === school.id);
  const consentItems = consents.data?.items ?? [];

  const exportData = () => {
    // Everything this page shows, as one JSON file the parent keeps; the server's full export (every
    // grade, the access log) is on the «Кто смотрел данные» page.
    const data = {
      exportedAt: new Date().toISOString(),
      school: { id: school.id, name: school.name },
      account: { login: me.login, displayName: me.displayName, locale: me.locale, roles: school.roles },
      children: children.map((c) => ({
        id: c.id,
        surname: c.surname,
        name: c.name,
        patronymic: c.patronymic,
        class: c.class?.name ?? null,
      })),
      consents: consentItems,
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `otmetka-my-data-${todayIso()}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="service">
      <header className="page-header">
        <h1>{t('serviceWeb.myData.title')}</h1>
        <p className="page-header__subtitle">{t('serviceWeb.myData.subtitle')}</p>
      </header>

      <section className="panel" aria-labelledby="my-account">
        <h2 id="my-account">{t('serviceWeb.myData.account')}</h2>
        <dl className="facts">
          <dt>{t('serviceWeb.myData.name')}</dt>
          <dd>{me.displayName}</dd>
          <dt>{t('web.login.login')}</dt>
          <dd>{me.login}</dd>
          <dt>{t('web.home.school')}</dt>
          <dd>{school.name}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="my-children">
        <h2 id="my-children">{t('web.home.children')}</h2>
        {students.isPending ? (
          <Loading />
        ) : students.isError ? (
          <ErrorNotice error={students.error} onRetry={() => students.refetch()} />
        ) : children.length === 0 ? (
          <Empty>{t('serviceWeb.myData.noChildren')}</Empty>
        ) : (
          <ul className="plain-list" data-testid="my-children">
            {children.map((c) => (
              <li key={c.id}>
                {fullName(c)}
                {c.class ? `, ${c.class.name}` : ''}
                {consents.data && !consentItems.some((k) => k.studentId === c.id && k.valid) ? (
                  <span className="tag tag--danger my-data__closed">{t('serviceWeb.myData.closed')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/activate">{t('serviceWeb.myData.addChild')}</Link>
        </p>
      </section>

      <section className="panel" aria-labelledby="my-consents">
        <h2 id="my-consents">{t('serviceWeb.myData.consents')}</h2>
        <p className="muted">{t('serviceWeb.myData.consentsIntro')}</p>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <ErrorNotice error={consents.error} onRetry={() => consents.refetch()} />
        ) : consentItems.length === 0 ? (
          <Empty>{t('serviceWeb.myData.noConsents')}</Empty>
        ) : (
          consentItems.map((c) => <ConsentCard key={c.id} schoolId={school.id} consent={c} canWithdraw family />)
        )}
      </section>

      <section className="panel" aria-labelledby="my-kept">
        <h2 id="my-kept">{t('serviceWeb.myData.keptTitle')}</h2>
        <ul>
          {(['serviceWeb.myData.kept.file', 'serviceWeb.myData.kept.application', 'serviceWeb.myData.kept.audit'] as MessageKey[]).map(
            (key) => (
              <li key={key}>{t(key)}</li>
            ),
          )}
        </ul>
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={exportData}
            disabled={students.isPending || consents.isPending}
            data-testid="export-my-data"
          >
            {t('serviceWeb.myData.export')}
          </button>
          {/* Who opened the children's data, and the server's full export as PDF or JSON (issue 12.13). */}
          <Link className="button button--quiet" to={`/schools/${school.id}/who-viewed`}>
            {t('family.nav')}
          </Link>
        </div>
      </section>
    </div>
  );
}
