import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm } from '../../components/EntityForm';
import { ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, fullName } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { useParent, useUpdateParent } from './api/parents';
import { consentedFields, parentFields, parentValues } from './fields';
import { WithheldNotice } from './WithheldNotice';
import '../../components/admin.css';

/** A parent's card: the consent-form data, editable with person.manage, and their children in this school. */
export function ParentCardPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const { parentId = '' } = useParams();
  const parent = useParent(school.id, parentId);
  const update = useUpdateParent(school.id, parentId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(parent.data ? fullName(parent.data) : t('web.nav.parents'));

  if (parent.isPending) return <Loading />;
  if (parent.isError) return <ErrorNotice error={parent.error} onRetry={() => parent.refetch()} />;
  const p = parent.data;
  const manage = can(school, Permission.personManage);
  const dash = <span className="muted">—</span>;
  const text = (value: string | null) => (value ? value : dash);

  return (
    <div>
      <p className="no-print">
        <Link to={schoolPath(school.id, 'parents')}>← {t('web.nav.parents')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="parent-name">{fullName(p)}</h1>
        <p className="page-header__subtitle">{t('web.people.parentCard')}</p>
      </header>

      <section className="panel" aria-labelledby="parent-data">
        <div className="page-header">
          <h2 id="parent-data">{t('web.people.personalData')}</h2>
          {manage && !editing ? (
            <button type="button" className="button button--secondary button--small no-print" onClick={() => setEditing(true)}>
              {t('web.people.editParent')}
            </button>
          ) : null}
        </div>
        <WithheldNotice kind="parent" withheld={p.withheld} />
        {editing ? (
          <div className="form--wide">
            <EntityForm
              testId="edit-parent"
              mode="edit"
              submitLabel="web.form.save"
              fields={consentedFields(parentFields(t), p.withheld)}
              initial={parentValues(p)}
              onSubmit={(body) => update.mutateAsync(body)}
              onDone={() => setEditing(false)}
              onCancel={() => setEditing(false)}
            />
          </div>
        ) : (
          <dl className="facts">
            <dt>{t('people.parent.sex')}</dt>
            <dd>{p.sex ? t(`people.sex.${p.sex}` as MessageKey) : dash}</dd>
            <dt>{t('people.parent.birthDate')}</dt>
            <dd>{p.birthDate ? formatDate(locale, p.birthDate) : dash}</dd>
            <dt>{t('people.parent.residenceAddress')}</dt>
            <dd>{text(p.residenceAddress)}</dd>
            <dt>{t('people.parent.homePhone')}</dt>
            <dd>{text(p.homePhone)}</dd>
            <dt>{t('people.parent.mobilePhone')}</dt>
            <dd>{text(p.mobilePhone)}</dd>
            <dt>{t('people.parent.email')}</dt>
            <dd>{text(p.email)}</dd>
            <dt>{t('people.parent.workplace')}</dt>
            <dd>{text(p.workplace)}</dd>
            <dt>{t('people.parent.position')}</dt>
            <dd>{text(p.position)}</dd>
            <dt>{t('people.parent.workPhone')}</dt>
            <dd>{text(p.workPhone)}</dd>
            <dt>{t('people.parent.schoolHelp')}</dt>
            <dd>{text(p.schoolHelp)}</dd>
            <dt>{t('people.parent.extraContact')}</dt>
            <dd>{text(p.extraContact)}</dd>
            <dt>{t('people.parent.hasAccount')}</dt>
            <dd>{t(p.hasAccount ? 'web.common.yes' : 'web.common.no')}</dd>
          </dl>
        )}
      </section>

      <section className="panel" aria-labelledby="parent-children">
        <h2 id="parent-children">{t('people.parent.children')}</h2>
        {p.children.length === 0 ? (
          <p className="muted">{t('web.people.noChildren')}</p>
        ) : (
          <ul className="link-list" data-testid="parent-children">
            {p.children.map((c) => (
              <li key={c.studentId}>
                <span>
                  <Link to={schoolPath(school.id, `students/${c.studentId}`)}>{fullName(c)}</Link> —{' '}
                  {t(`people.kinship.${c.kinship}` as MessageKey)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
