import type { MessageKey } from '@contract/i18n/translate';
import { REDEEM_LIMITS } from '@contract/limits';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loading } from '../../components/status';
import { landingPath, schoolPath } from '../../lib/access';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { getMe, type Me, maybeSignedIn, meQueryKey, setSignedInHint, useMe } from '../../lib/resources/me';
import { useDocumentTitle } from '../../lib/use-title';
import { type Redeemed, redeemCode } from './api/service';
import { FieldError, FormError } from './FieldError';
import '../../components/login-card.css';
import '../../components/register.css';

const FIELDS = ['code', 'displayName', 'login', 'password'] as const;

/**
 * «Вход по коду регистрации» (seed 000 §3.2): a public page where the person from the slip enters
 * the code and sets their own login and password; a signed-in parent enters a second child's code
 * here and the child joins the same account.
 */
export function ActivatePage() {
  const t = useT();
  const me = useMe(maybeSignedIn());
  useDocumentTitle(t('serviceWeb.activate.title'));
  return (
    <div className="login">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <main className="login__card activate" id="main">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <p className="login__name">{t('app.name')}</p>
            <p className="login__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        {maybeSignedIn() && me.isPending ? <Loading /> : <ActivateForm me={me.data ?? null} />}
      </main>
    </div>
  );
}

function ActivateForm({ me }: { me: Me | null }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const base = useId();
  const errorRef = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState({ code: '', displayName: '', login: '', password: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<Redeemed | null>(null);
  const signedIn = me !== null;

  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMismatch(false);
    if (!signedIn && form.password !== form.repeat) {
      setMismatch(true);
      return;
    }
    setBusy(true);
    try {
      const result = await redeemCode(
        signedIn
          ? { code: form.code.trim() }
          : {
              code: form.code.trim(),
              login: form.login.trim(),
              password: form.password,
              ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
            },
      );
      // A new account now has a session (cookie set by the server); an existing one has a new child.
      queryClient.removeQueries();
      const fresh = await getMe();
      setSignedInHint(fresh !== null);
      queryClient.setQueryData(meQueryKey, fresh);
      if (signedIn) {
        setAdded(result);
        setForm({ code: '', displayName: '', login: '', password: '', repeat: '' });
      } else {
        navigate(fresh ? schoolPath(result.schoolId, `home/${result.role}`) : '/login', { replace: true });
      }
    } catch (err) {
      setError(err);
      setForm((f) => ({ ...f, password: '', repeat: '' }));
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const input = (key: 'code' | 'displayName' | 'login' | 'password' | 'repeat', label: MessageKey, props: Record<string, unknown> = {}) => {
    const id = `${base}-${key}`;
    const errorId = `${id}-error`;
    return (
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t(label)}
        </label>
        <input
          id={id}
          name={key}
          value={form[key]}
          onChange={(e) => set(key, e.target.value)}
          aria-describedby={errorId}
          aria-invalid={(error instanceof ApiError && error.field === key) || (key === 'repeat' && mismatch) || undefined}
          {...props}
        />
        {key === 'repeat' && mismatch ? (
          <p className="field__error" id={errorId} role="alert">
            {t('serviceWeb.activate.mismatch')}
          </p>
        ) : (
          <FieldError error={error} names={[key]} id={errorId} label={label} />
        )}
      </div>
    );
  };

  return (
    <>
      <h1>{t(signedIn ? 'serviceWeb.activate.addTitle' : 'serviceWeb.activate.title')}</h1>
      <p className="muted">{t(signedIn ? 'serviceWeb.activate.addIntro' : 'serviceWeb.activate.intro')}</p>
      {added ? (
        <div className="status status--success" role="status" data-testid="activate-added">
          <p>{t('serviceWeb.activate.added', { name: added.studentName })}</p>
          <Link to={schoolPath(added.schoolId, `home/${added.role}`)}>{t('serviceWeb.activate.toHome')}</Link>
        </div>
      ) : null}
      <div ref={errorRef} tabIndex={-1}>
        <FormError error={error} fields={FIELDS} />
      </div>
      <form className="form" onSubmit={submit} noValidate data-testid="activate-form">
        {input('code', 'serviceWeb.activate.code', {
          required: true,
          maxLength: REDEEM_LIMITS.code,
          autoComplete: 'one-time-code',
          autoCapitalize: 'characters',
          spellCheck: false,
          placeholder: 'XXXX-XXXX-XXXX',
        })}
        {signedIn ? null : (
          <>
            {input('displayName', 'serviceWeb.activate.displayName', { maxLength: REDEEM_LIMITS.displayName, autoComplete: 'name' })}
            {input('login', 'serviceWeb.activate.login', {
              required: true,
              minLength: 3,
              maxLength: REDEEM_LIMITS.login,
              autoComplete: 'username',
              autoCapitalize: 'none',
              spellCheck: false,
            })}
            <p className="field__hint">{t('serviceWeb.activate.loginHint')}</p>
            {input('password', 'serviceWeb.activate.password', {
              type: 'password',
              required: true,
              maxLength: REDEEM_LIMITS.password,
              autoComplete: 'new-password',
            })}
            {input('repeat', 'serviceWeb.activate.repeat', {
              type: 'password',
              required: true,
              maxLength: REDEEM_LIMITS.password,
              autoComplete: 'new-password',
            })}
          </>
        )}
        <div className="form__actions">
          <button type="submit" className="button login__submit" disabled={busy}>
            {busy ? t('web.form.saving') : t(signedIn ? 'serviceWeb.activate.addSubmit' : 'serviceWeb.activate.submit')}
          </button>
        </div>
      </form>
      <p className="login__public">
        {signedIn ? (
          <Link to={landingPath(me.schools)}>{t('serviceWeb.activate.back')}</Link>
        ) : (
          <Link to="/login">{t('serviceWeb.activate.toLogin')}</Link>
        )}
      </p>
    </>
  );
}
