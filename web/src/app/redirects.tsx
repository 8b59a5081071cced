import { Navigate } from 'react-router';
import { ErrorNotice, Loading } from '../components/status';
import { homePath, landingPath, primaryRole } from '../lib/access';
import { useT } from '../lib/i18n';
import { maybeSignedIn, useMe } from '../lib/resources/me';
import { useDocumentTitle } from '../lib/use-title';
import { useSchool } from './school-context';
import { PlainShell } from './shell/AppShell';

/** "/": the signed-in user's home, or the login page. */
export function RootRedirect() {
  const hinted = maybeSignedIn();
  const me = useMe(hinted);
  if (!hinted) return <Navigate to="/login" replace />;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => me.refetch()} />;
  if (me.data?.passwordChangeRequired) return <Navigate to="/password" replace />;
  return <Navigate to={me.data ? landingPath(me.data.schools) : '/login'} replace />;
}

/** "/schools/:id" and "/schools/:id/home": the home of the user's main role in that school. */
export function SchoolIndexRedirect() {
  const school = useSchool();
  const role = primaryRole(school);
  if (!role) return <NoRolePanel />;
  return <Navigate to={homePath(school.id, role)} replace />;
}

function NoRolePanel() {
  const t = useT();
  return (
    <section className="panel">
      <h1>{t('web.noSchool.title')}</h1>
      <p>{t('web.noSchool.text')}</p>
    </section>
  );
}

/** A signed-in user who belongs to no school yet (e.g. a new operator or an account without roles). */
export function NoSchoolPage() {
  const t = useT();
  useDocumentTitle(t('web.noSchool.title'));
  return (
    <PlainShell>
      {(me) =>
        me.schools.length > 0 ? (
          <Navigate to={landingPath(me.schools)} replace />
        ) : (
          <section className="panel">
            <h1>{t('web.noSchool.title')}</h1>
            <p>{t('web.noSchool.text')}</p>
          </section>
        )
      }
    </PlainShell>
  );
}

/** "/notifications" (the link at the foot of every notice e-mail): the settings in the user's first school. */
export function NotificationsRedirect() {
  return (
    <PlainShell>
      {(me) => {
        const first = me.schools[0];
        return <Navigate to={first ? `/schools/${first.id}/notifications` : '/no-school'} replace />;
      }}
    </PlainShell>
  );
}
