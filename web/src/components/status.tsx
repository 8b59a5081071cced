import type { ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from '../lib/api';
import { type Translate, useT } from '../lib/i18n';
import './status.css';

/** What to tell the user about a failed request: the server's translated message when it sent one. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.status === NETWORK_ERROR) return t('web.error.network');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 403) return t('error.forbidden');
  }
  return t('web.error.unexpected');
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="status status--loading" role="status" aria-live="polite">
      <span className="status__spinner" aria-hidden="true" />
      {label ?? t('web.common.loading')}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="status status--error" role="alert">
      <p>{errorText(t, error)}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('web.common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}

/** Polite announcement after a successful save. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p className="status status--success" role="status">
      {children}
    </p>
  );
}
