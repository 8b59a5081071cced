import { LOGIN_LIMITS } from '@contract/limits';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { landingPath } from '../../lib/access';
import { ApiError, NETWORK_ERROR } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { maybeSignedIn, useMe } from '../../lib/resources/me';
import { useDocumentTitle } from '../../lib/use-title';
import { needsSecondFactor, useLogin } from './api/login';
import '../../components/login-card.css';

/** Only paths inside this site are followed after login (no open redirect). */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Ask the server only when this browser had a session: otherwise every visitor logs a 401.
  const me = useMe(maybeSignedIn());
  const known = me.data;
  const login = useLogin();
  const [form, setForm] = useState({ login: '', password: '' });
  const errorRef = useRef<HTMLDivElement>(null);
  const loginId = useId();
  const passwordId = useId();
  const errorId = useId();
  useDocumentTitle(t('web.login.title'));

  if (known?.passwordChangeRequired && !login.isPending) return <Navigate to="/password" replace />;
  if (known && !login.isPending) return <Navigate to={safeNext(params.get('next')) ?? landingPath(known.schools)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { login: form.login.trim(), password: form.password },
      {
        onSuccess: (user) => {
          // The password was right; a second factor follows (issue 12.3).
          if (needsSecondFactor(user)) {
            navigate(`/login/${user.mfa === 'enrol' ? 'enrol' : 'code'}${window.location.search}`);
            return;
          }
          // A temporary password must be changed before anything else (issue 12.11).
          if (user.passwordChangeRequired) navigate('/password', { replace: true });
          else navigate(safeNext(params.get('next')) ?? landingPath(user.schools), { replace: true });
        },
        onError: () => {
          setForm((f) => ({ ...f, password: '' }));
          requestAnimationFrame(() => errorRef.current?.focus());
        },
      },
    );
  };

  const error = login.error;
  let message: string | null = null;
  if (error instanceof ApiError) {
    if (error.message) message = error.message;
    else if (error.status === 429) message = t('web.login.locked');
    else if (error.status === NETWORK_ERROR) message = t('web.error.network');
    else message = t('web.error.unexpected');
  } else if (error) {
    message = t('web.error.unexpected');
  }

  return (
    <div className="login">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <main className="login__card" id="main">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <p className="login__name">{t('app.name')}</p>
            <p className="login__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1>{t('web.login.title')}</h1>
        {message ? (
          <div
            id={errorId}
            ref={errorRef}
            tabIndex={-1}
            className={`login__error${error instanceof ApiError && error.status === 429 ? ' login__error--locked' : ''}`}
            role="alert"
            data-testid="login-error"
          >
            {message}
          </div>
        ) : null}
        <form className="form" onSubmit={submit} noValidate={false}>
          <div className="field">
            <label className="field__label" htmlFor={loginId}>
              {t('web.login.login')}
            </label>
            <input
              id={loginId}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={LOGIN_LIMITS.login}
              value={form.login}
              aria-describedby={message ? errorId : undefined}
              onChange={(e) => setForm((f) => ({ ...f, login: e.target.value }))}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              {t('web.login.password')}
            </label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={LOGIN_LIMITS.password}
              value={form.password}
              onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button login__submit" disabled={login.isPending}>
              {login.isPending ? t('web.login.submitting') : t('web.login.submit')}
            </button>
          </div>
        </form>
        <p className="login__help">{t('web.login.help')}</p>
        <p className="login__public">
          <Link to="/activate" data-testid="activate-link">
            {t('serviceWeb.activate.link')}
          </Link>
        </p>
        <p className="login__public">
          <Link to="/about">{t('web.public.aboutLink')}</Link>
        </p>
      </main>
    </div>
  );
}
