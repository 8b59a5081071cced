import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api, setStepUpHandler } from '../lib/api';
import { useT } from '../lib/i18n';
import './step-up.css';

interface Pending {
  message: string;
  resolve: (ok: boolean) => void;
}

/**
 * Asks for a code from the authenticator app when an action needs a fresh second factor (the
 * server's 403 step_up_required), sends it to /api/auth/mfa/step-up, and lets the action be sent
 * again. Mounted once for the whole app.
 */
export function StepUpDialog() {
  const t = useT();
  const [pending, setPending] = useState<Pending | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const titleId = useId();

  useEffect(() => {
    setStepUpHandler((message) => new Promise<boolean>((resolve) => setPending({ message, resolve })));
    return () => setStepUpHandler(null);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (pending && !d.open) d.showModal();
    if (!pending && d.open) d.close();
  }, [pending]);

  const finish = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
    setCode('');
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post<void>('/api/auth/mfa/step-up', { code: code.trim() });
      finish(true);
    } catch (err) {
      setCode('');
      setError(err instanceof ApiError && err.message ? err.message : t('web.error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="step-up" aria-labelledby={titleId} onCancel={() => finish(false)} data-testid="step-up">
      {pending ? (
        <form onSubmit={submit} className="form">
          <h2 id={titleId}>{t('web.mfa.stepUp.title')}</h2>
          <p>{t('web.mfa.stepUp.intro')}</p>
          {error ? (
            <div className="login__error" role="alert">
              {error}
            </div>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={inputId}>
              {t('web.mfa.code')}
            </label>
            <input
              id={inputId}
              name="one-time-code"
              autoComplete="one-time-code"
              required
              maxLength={32}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="step-up-input"
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button" disabled={busy} data-testid="step-up-submit">
              {busy ? t('web.mfa.submitting') : t('web.mfa.submit')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => finish(false)}>
              {t('web.mfa.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
