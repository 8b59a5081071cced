import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { confirmEmail } from './api/notifications';

/**
 * The page the e-mail's link opens. The token travels in the fragment (#…), so it is never sent in
 * a request line or logged by a proxy; the page posts it once. No session is needed: the token
 * alone proves the mailbox, and the link may be opened on another device.
 */
export function ConfirmEmailPage() {
  const t = useT();
  useDocumentTitle(t('notifyWeb.confirmTitle'));
  const [state, setState] = useState<{ kind: 'working' } | { kind: 'done' } | { kind: 'failed'; error: unknown }>({ kind: 'working' });
  useEffect(() => {
    const token = window.location.hash.replace(/^#/, '');
    confirmEmail(token).then(
      () => setState({ kind: 'done' }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  }, []);
  return (
    <main className="page page--narrow">
      <section className="panel">
        <h1>{t('notifyWeb.confirmTitle')}</h1>
        {state.kind === 'working' ? <Loading label={t('notifyWeb.confirming')} /> : null}
        {state.kind === 'done' ? (
          <p role="status" data-testid="email-confirmed">
            {t('notifyWeb.confirmed')}
          </p>
        ) : null}
        {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : null}
        <p>
          <Link to="/">{t('notifyWeb.toSettings')}</Link>
        </p>
      </section>
    </main>
  );
}
