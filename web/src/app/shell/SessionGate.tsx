import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorNotice, Loading } from '../../components/status';
import { type Me, maybeSignedIn, useMe } from '../../lib/resources/me';

/** Renders its children with the signed-in user, or sends the visitor to the login page. */
export function SessionGate({ children }: { children: (me: Me) => ReactNode }) {
  const hinted = maybeSignedIn();
  const me = useMe(hinted);
  const location = useLocation();
  if (hinted && me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A temporary password's session can do nothing else until it is changed (issue 12.11).
  if (me.data.passwordChangeRequired) return <Navigate to="/password" replace />;
  return <>{children(me.data)}</>;
}
