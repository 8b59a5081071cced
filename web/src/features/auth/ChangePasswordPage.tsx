import { LOGIN_LIMITS } from '@contract/limits';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loading } from '../../components/status';
import { landingPath } from '../../lib/access';
import { ApiError, api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { getMe, maybeSignedIn, meQueryKey, useMe } from '../../lib/resources/me';
import { useDocumentTitle } from '../../lib/use-title';
import '../../components/login-card.css';

/**
 * "/password": changes the own password. A session signed in with an administrator's temporary
 * password is sent here and can do nothing else until it is changed (issue 12.11).
 */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const hinted = maybeSignedIn();
  const me = useMe(hinted);
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [mismatch, setMismatch] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const ids = { current: useId(), next: useId(), repeat: useId(), hint: useId() };
  useDocumentTitle(t('web.password.title'));
  const change = useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<null>('/api/auth/password', input),
    onSuccess: async () => {
      const fresh = await getMe();
      queryClient.setQueryData(meQueryKey, fresh);
      navigate(fresh ? landingPath(fresh.schools) : '/login', { replace: true });
    },
    onError: () => requestAnimationFrame(() => errorRef.current?.focus()),
  });

  if (!hinted) return <Navigate to="/login" replace />;
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/login" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.next !== form.repeat) {
      setMismatch(true);
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setMismatch(false);
    change.mutate({ currentPassword: form.current, newPassword: form.next });
  };
  const message = mismatch
    ? t('web.password.mismatch')
    : change.error instanceof ApiError && change.error.message
      ? change.error.message
      : change.error
        ? t('web.error.unexpected')
        : null;

  return (
    <div className="login">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <main className="login__card" id="main">
        <h1>{t('web.password.title')}</h1>
        {me.data.passwordChangeRequired ? (
          <p className="login__help" data-testid="password-change-required">
            {t('web.password.changeRequired')}
          </p>
        ) : null}
        {message ? (
          <div ref={errorRef} tabIndex={-1} className="login__error" role="alert" data-testid="password-error">
            {message}
          </div>
        ) : null}
        <form className="form" onSubmit={submit} data-testid="change-password-form">
          <input type="text" name="username" autoComplete="username" value={me.data.login} readOnly hidden />
          <div className="field">
            <label className="field__label" htmlFor={ids.current}>
              {t('web.password.current')}
            </label>
            <input
              id={ids.current}
              name="current-password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={LOGIN_LIMITS.password}
              value={form.current}
              onChange={(e) => setForm((f) => ({ ...f, current: e.target.value }))}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.next}>
              {t('web.password.new')}
            </label>
            <input
              id={ids.next}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={LOGIN_LIMITS.password}
              aria-describedby={ids.hint}
              value={form.next}
              onChange={(e) => setForm((f) => ({ ...f, next: e.target.value }))}
            />
            <p className="field__hint" id={ids.hint}>
              {t('web.password.hint')}
            </p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.repeat}>
              {t('web.password.repeat')}
            </label>
            <input
              id={ids.repeat}
              name="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              maxLength={LOGIN_LIMITS.password}
              value={form.repeat}
              onChange={(e) => setForm((f) => ({ ...f, repeat: e.target.value }))}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button login__submit" disabled={change.isPending}>
              {change.isPending ? t('web.password.submitting') : t('web.password.submit')}
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}
