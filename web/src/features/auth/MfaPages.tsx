import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { landingPath } from '../../lib/access';
import { ApiError, NETWORK_ERROR } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { getMe, type Me, meQueryKey, setSignedInHint } from '../../lib/resources/me';
import { useDocumentTitle } from '../../lib/use-title';
import { useSignedIn } from './api/login';
import { confirmEnrolment, type MfaEnrolment, mfaStatusKey, startEnrolment, useMfaStatus, verifySignIn } from './api/mfa';
import '../../components/login-card.css';
import './mfa.css';

/** Only paths inside this site are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

function errorText(error: unknown, t: ReturnType<typeof useT>): string | null {
  if (!error) return null;
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.status === NETWORK_ERROR) return t('web.error.network');
  }
  return t('web.error.unexpected');
}

/** The card of the sign-in pages, with the language switch above it. */
function SignInCard({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  useDocumentTitle(title);
  return (
    <div className="login">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <main className="login__card mfa-card" id="main">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <p className="login__name">{t('app.name')}</p>
            <p className="login__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** One code field with its submit button and the server's message above it. */
function CodeForm({
  label,
  pending,
  error,
  onSubmit,
  testId,
}: {
  label: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string, clear: () => void) => void;
  testId: string;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const id = useId();
  const errorId = useId();
  const errorRef = useRef<HTMLDivElement>(null);
  const message = errorText(error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(code.trim(), () => {
      setCode('');
      requestAnimationFrame(() => errorRef.current?.focus());
    });
  };
  return (
    <>
      {message ? (
        <div id={errorId} ref={errorRef} tabIndex={-1} className="login__error" role="alert" data-testid={`${testId}-error`}>
          {message}
        </div>
      ) : null}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {label}
          </label>
          <input
            id={id}
            name="one-time-code"
            className="mfa-code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={32}
            value={code}
            aria-describedby={message ? errorId : undefined}
            data-testid={`${testId}-input`}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button login__submit" disabled={pending} data-testid={`${testId}-submit`}>
            {pending ? t('web.mfa.submitting') : t('web.mfa.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** /login/code: the second step of a sign-in (a code from the app, or a recovery code). */
export function MfaCodePage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  const verify = useMutation({ mutationFn: verifySignIn, onSuccess: signedIn });
  return (
    <SignInCard title={t('web.mfa.verify.title')}>
      <p className="mfa-intro">{t('web.mfa.verify.intro')}</p>
      <CodeForm
        label={t('web.mfa.code')}
        pending={verify.isPending}
        error={verify.error}
        testId="mfa-verify"
        onSubmit={(code, clear) =>
          verify.mutate(code, {
            onSuccess: (me) => navigate(safeNext(params.get('next')) ?? landingPath(me.schools), { replace: true }),
            onError: clear,
          })
        }
      />
      <p className="login__public mfa-other">
        <Link to="/login">{t('web.mfa.otherAccount')}</Link>
      </p>
    </SignInCard>
  );
}

/** Groups a base32 secret by four for reading it off the screen. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Enrolment: a QR code and the secret as text, confirmed by a first code; then the recovery codes,
 * shown once. `onDone` gets the user when the enrolment also completed a sign-in.
 */
function Enrolment({ onDone, before }: { onDone: (me: Me | null) => void; before?: ReactNode }) {
  const t = useT();
  const queryClient = useQueryClient();
  const start = useMutation({ mutationFn: startEnrolment });
  const confirm = useMutation({ mutationFn: confirmEnrolment });
  const [codes, setCodes] = useState<string[] | null>(null);
  const enrolment: MfaEnrolment | undefined = start.data;

  if (codes) {
    return (
      <section className="mfa-recovery" aria-labelledby="mfa-recovery-title">
        <h2 id="mfa-recovery-title">{t('web.mfa.recovery.title')}</h2>
        <p>{t('web.mfa.recovery.intro')}</p>
        <ol className="mfa-recovery__codes" data-testid="mfa-recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button login__submit"
          data-testid="mfa-recovery-done"
          onClick={async () => {
            const me = await getMe().catch(() => null);
            if (me) {
              setSignedInHint(true);
              queryClient.setQueryData(meQueryKey, me);
            }
            void queryClient.invalidateQueries({ queryKey: mfaStatusKey });
            onDone(me);
          }}
        >
          {t('web.mfa.recovery.done')}
        </button>
      </section>
    );
  }

  if (!enrolment) {
    return (
      <>
        {before}
        {start.error ? (
          <div className="login__error" role="alert">
            {errorText(start.error, t)}
          </div>
        ) : null}
        <button
          type="button"
          className="button login__submit"
          data-testid="mfa-start"
          disabled={start.isPending}
          onClick={() => start.mutate()}
        >
          {start.isPending ? t('web.mfa.enrol.loading') : t('web.mfa.enrol.start')}
        </button>
      </>
    );
  }

  return (
    <div className="mfa-enrol">
      <p>{t('web.mfa.enrol.scan')}</p>
      <img
        className="mfa-enrol__qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
        alt={t('web.mfa.enrol.qrAlt')}
        width="192"
        height="192"
        data-testid="mfa-qr"
      />
      <p>{t('web.mfa.enrol.manual')}</p>
      <p className="mfa-enrol__secret">
        <code data-testid="mfa-secret">{grouped(enrolment.secret)}</code>
      </p>
      <CodeForm
        label={t('web.mfa.enrol.confirm')}
        pending={confirm.isPending}
        error={confirm.error}
        testId="mfa-confirm"
        onSubmit={(code, clear) => confirm.mutate(code, { onSuccess: (r) => setCodes(r.recoveryCodes), onError: clear })}
      />
    </div>
  );
}

/** /login/enrol: an operator, school admin or director without a second factor sets one up to finish signing in. */
export function MfaEnrolSignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <SignInCard title={t('web.mfa.enrol.title')}>
      <p className="mfa-intro">{t('web.mfa.enrol.required')}</p>
      <Enrolment onDone={(me) => navigate(me ? (safeNext(params.get('next')) ?? landingPath(me.schools)) : '/login', { replace: true })} />
      <p className="login__public mfa-other">
        <Link to="/login">{t('web.mfa.otherAccount')}</Link>
      </p>
    </SignInCard>
  );
}

/** /security, inside the shell: whether two-step sign-in is on, and its set-up. */
export function SecurityPanel({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const status = useMfaStatus();
  useDocumentTitle(t('web.mfa.menu'));
  return (
    <div className="page mfa-page">
      <h1 data-testid="security-title">{t('web.mfa.menu')}</h1>
      <p className="mfa-intro">{t('web.mfa.enrol.intro')}</p>
      {status.data ? (
        status.data.enrolled ? (
          <>
            <p className="mfa-status mfa-status--on" data-testid="mfa-status">
              {t('web.mfa.status.on', { count: status.data.recoveryCodesLeft })}
            </p>
            <p>
              <Link to={landingPath(me.schools)}>{t('web.mfa.back')}</Link>
            </p>
          </>
        ) : (
          <div className="mfa-page__enrol">
            <Enrolment
              before={
                <p className="mfa-status" data-testid="mfa-status">
                  {t('web.mfa.status.off')}
                </p>
              }
              onDone={() => navigate('/security', { replace: true })}
            />
          </div>
        )
      ) : null}
    </div>
  );
}
