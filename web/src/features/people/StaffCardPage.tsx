import type { MessageKey } from '@contract/i18n/translate';
import { STAFF_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import type { StaffMember } from '@contract/schemas/people';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSchool, useSession } from '../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../components/EntityForm';
import { ErrorNotice, errorText, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, fullName, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useResetStaffPassword, useSetStaffAccountDisabled, useStaffMember, useUpdateStaff } from '../../lib/resources/staff';
import { useDocumentTitle } from '../../lib/use-title';
import { RolesEditor } from './RolesEditor';
import '../../components/admin.css';

const staffFields: FieldSpec[] = withLimits(STAFF_LIMITS, [
  { name: 'surname', label: 'people.staff.surname', required: true },
  { name: 'name', label: 'people.staff.name', required: true },
  { name: 'patronymic', label: 'people.staff.patronymic' },
  { name: 'position', label: 'people.staff.position' },
  { name: 'email', label: 'people.staff.email', type: 'email', nullable: true },
  { name: 'phone', label: 'people.staff.phone', type: 'tel', nullable: true },
]);

/** A staff member's card: details, leaving, roles and a one-time temporary password. */
export function StaffCardPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const { me } = useSession();
  const { staffId = '' } = useParams();
  const member = useStaffMember(school.id, staffId);
  const update = useUpdateStaff(school.id, staffId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(member.data ? fullName(member.data) : t('web.nav.staff'));

  if (member.isPending) return <Loading />;
  if (member.isError) return <ErrorNotice error={member.error} onRetry={() => member.refetch()} />;
  const s = member.data;
  const manage = can(school, Permission.personManage);
  const manageAccounts = can(school, Permission.accountManage);
  const dash = <span className="muted">—</span>;

  return (
    <div>
      <p className="no-print">
        <Link to={schoolPath(school.id, 'staff')}>← {t('web.nav.staff')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="staff-name">{fullName(s)}</h1>
        <p className="page-header__subtitle">
          {s.position || t('web.people.staffCard')}
          {s.leftOn ? ` · ${t('web.people.leftOn', { date: formatDate(locale, s.leftOn) })}` : ''}
        </p>
      </header>

      <section className="panel" aria-labelledby="staff-data">
        <div className="page-header">
          <h2 id="staff-data">{t('web.people.personalData')}</h2>
          {manage && !editing ? (
            <button type="button" className="button button--secondary button--small no-print" onClick={() => setEditing(true)}>
              {t('web.people.editStaff')}
            </button>
          ) : null}
        </div>
        {editing ? (
          <EntityForm
            testId="edit-staff"
            mode="edit"
            submitLabel="web.form.save"
            fields={staffFields}
            initial={{
              surname: s.surname,
              name: s.name,
              patronymic: s.patronymic,
              position: s.position,
              email: s.email ?? '',
              phone: s.phone ?? '',
            }}
            onSubmit={(body) => update.mutateAsync(body)}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <dl className="facts">
            <dt>{t('people.staff.position')}</dt>
            <dd>{s.position || dash}</dd>
            <dt>{t('people.staff.email')}</dt>
            <dd>{s.email ?? dash}</dd>
            <dt>{t('people.staff.phone')}</dt>
            <dd>{s.phone ?? dash}</dd>
            <dt>{t('people.staff.leftOn')}</dt>
            <dd data-testid="staff-left-on">{s.leftOn ? formatDate(locale, s.leftOn) : t('web.people.works')}</dd>
            <dt>{t('people.staff.login')}</dt>
            <dd>{s.login ?? dash}</dd>
            <dt>{t('people.staff.roles')}</dt>
            <dd>{s.roles.length > 0 ? s.roles.map((r) => t(`people.staffRole.${r}` as MessageKey)).join(', ') : dash}</dd>
          </dl>
        )}
      </section>

      {manage ? <Leaving member={s} /> : null}

      {manageAccounts ? (
        <section className="panel" aria-labelledby="staff-account">
          <h2 id="staff-account">{t('people.staff.account')}</h2>
          {s.hasAccount ? (
            <>
              <details className="panel">
                <summary>{t('web.people.editRoles')}</summary>
                <RolesEditor staffId={s.id} />
              </details>
              {/* One's own password is changed with the current one, not reset (a reset signs everyone out). */}
              {s.login === me.login ? null : <PasswordReset member={s} />}
              {s.login === me.login ? null : <AccountSwitch member={s} />}
            </>
          ) : (
            <p className="muted">{t('web.people.noAccountYet')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** Disabling an account signs it out everywhere and keeps it out until it is enabled again. */
function AccountSwitch({ member: s }: { member: StaffMember }) {
  const t = useT();
  const school = useSchool();
  const change = useSetStaffAccountDisabled(school.id, s.id);
  return (
    <div data-testid="account-switch">
      {s.accountDisabled ? (
        <p role="status">{t('people.staff.accountDisabled')}</p>
      ) : (
        <p className="muted">{t('people.staff.disableHint')}</p>
      )}
      {change.isError ? (
        <p className="field__error" role="alert">
          {errorText(t, change.error)}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={change.isPending}
        onClick={() => change.mutate(!s.accountDisabled)}
      >
        {t(s.accountDisabled ? 'people.staff.enableAccount' : 'people.staff.disableAccount')}
      </button>
    </div>
  );
}

/** Leaving is a date (PATCH leftOn), not a deletion: the person's past lessons and grades keep their author. */
function Leaving({ member: s }: { member: StaffMember }) {
  const t = useT();
  const school = useSchool();
  const update = useUpdateStaff(school.id, s.id);
  return (
    <section className="panel" aria-labelledby="staff-leaving">
      <h2 id="staff-leaving">{t('web.people.leaving')}</h2>
      {s.leftOn ? (
        <>
          {update.isError ? <ErrorNotice error={update.error} /> : null}
          <button
            type="button"
            className="button button--secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ leftOn: null })}
          >
            {t('web.people.undoLeft')}
          </button>
        </>
      ) : (
        <EntityForm
          testId="staff-leaving"
          submitLabel="web.people.markLeft"
          keepValues
          initial={{ leftOn: todayIso() }}
          onSubmit={(body) => update.mutateAsync(body)}
          fields={[{ name: 'leftOn', label: 'people.staff.leftOn', type: 'date', required: true, hint: 'web.people.leftHint' }]}
        />
      )}
    </section>
  );
}

/**
 * A one-time temporary password: asked for with a confirmation, shown once with a copy button and
 * a warning, and gone from the page (and from memory) when hidden — the server keeps only a hash.
 */
function PasswordReset({ member: s }: { member: StaffMember }) {
  const t = useT();
  const school = useSchool();
  const reset = useResetStaffPassword(school.id, s.id);
  const [asking, setAsking] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const secretRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const name = fullName(s);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (reset.data) secretRef.current?.focus();
  }, [reset.data]);

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  if (reset.data) {
    const { login, temporaryPassword } = reset.data;
    return (
      <div className="secret" ref={secretRef} tabIndex={-1} role="alert" data-testid="temporary-password">
        <p className="confirm__question">{t('web.people.passwordReset.done', { login })}</p>
        <output className="secret__value" data-testid="temporary-password-value">
          {temporaryPassword}
        </output>
        <p>{t('web.people.passwordReset.warning')}</p>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => copy(temporaryPassword)}>
            {t('web.people.copy')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              reset.reset();
              setCopied(null);
              setAsking(false);
            }}
          >
            {t('web.people.passwordReset.hide')}
          </button>
        </div>
        {copied ? (
          <p role="status" className={copied === 'yes' ? 'form__saved' : 'field__error'}>
            {t(copied === 'yes' ? 'web.people.copied' : 'web.people.copyFailed')}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div>
      <h3>{t('people.staff.passwordReset')}</h3>
      <p className="muted">{t('web.people.passwordReset.text')}</p>
      {asking ? (
        // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form field set
        <div className="confirm" role="group" aria-label={t('people.staff.passwordReset')}>
          <p className="confirm__question">{t('web.people.passwordReset.confirm', { name })}</p>
          {reset.isError ? (
            <p className="field__error" role="alert">
              {errorText(t, reset.error)}
            </p>
          ) : null}
          <div className="form__actions">
            <button
              ref={confirmRef}
              type="button"
              className="button button--danger"
              disabled={reset.isPending}
              onClick={() => reset.mutate()}
            >
              {t('web.people.passwordReset.yes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
              {t('web.common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
          {t('people.staff.passwordReset')}
        </button>
      )}
    </div>
  );
}
