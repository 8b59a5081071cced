import type { MessageKey } from '@contract/i18n/translate';
import { MOVEMENT_LIMITS, SEARCH_QUERY_MAX } from '@contract/limits';
import { Permission } from '@contract/permissions';
import type { Kinship, MovementKind, ParentCreate, Student } from '@contract/schemas/people';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { DeleteButton } from '../../components/DeleteButton';
import { EntityForm, type FormValues, withLimits } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { ApiError } from '../../lib/api';
import { formatDate, formatInstant, fullName, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useClasses } from '../../lib/resources/classes';
import { useGroups } from '../../lib/resources/groups';
import {
  linkParent,
  useCreateMovement,
  useLinkParent,
  useStudent,
  useStudentMovements,
  useUnlinkParent,
  useUpdateStudent,
} from '../../lib/resources/students';
import { useDocumentTitle } from '../../lib/use-title';
import { createParent, useParentSearch } from './api/parents';
import { consentedFields, kinshipField, PARENT_CONSENT_FIELD_NAMES, parentFields, studentFields, studentValues } from './fields';
import { movementKindOptions } from './options';
import { WithheldNotice } from './WithheldNotice';
import '../../components/admin.css';

// Which movement kinds name a class and which a group (server: movements.service.ts, seed 002 «движение обучающихся»).
const CLASS_KINDS: readonly MovementKind[] = ['enrol', 'transfer'];
const GROUP_KINDS: readonly MovementKind[] = ['group_join', 'group_leave'];
const kindIn = (kinds: readonly MovementKind[]) => (values: FormValues) => (kinds as readonly string[]).includes(String(values.kind));

/** A student's card: personal data (consent-form fields), parents, movement history and the movement form. */
export function StudentCardPage() {
  const t = useT();
  const school = useSchool();
  const { studentId = '' } = useParams();
  const student = useStudent(school.id, studentId);
  useDocumentTitle(student.data ? fullName(student.data) : t('web.nav.students'));

  if (student.isPending) return <Loading />;
  if (student.isError) return <ErrorNotice error={student.error} onRetry={() => student.refetch()} />;
  const s = student.data;
  const manage = can(school, Permission.personManage);

  return (
    <div>
      <p className="no-print">
        <Link to={schoolPath(school.id, 'students')}>← {t('web.nav.students')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="student-name">{fullName(s)}</h1>
        <p className="page-header__subtitle" data-testid="student-class">
          {s.class ? s.class.name : t('web.home.noClass')} · {t('people.student.fileNumber')} {s.fileNumber}
        </p>
      </header>
      <PersonalData student={s} manage={manage} />
      <Parents student={s} manage={manage} />
      <Movements studentId={s.id} />
    </div>
  );
}

function PersonalData({ student: s, manage }: { student: Student; manage: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const update = useUpdateStudent(school.id, s.id);
  const [editing, setEditing] = useState(false);
  const dash = <span className="muted">—</span>;
  const text = (value: string | null) => (value ? value : dash);
  const yesNo = (value: boolean | null) => (value === null ? dash : t(value ? 'web.common.yes' : 'web.common.no'));

  return (
    <section className="panel" aria-labelledby="card-data">
      <div className="page-header">
        <h2 id="card-data">{t('web.people.personalData')}</h2>
        {manage && !editing ? (
          <button type="button" className="button button--secondary button--small no-print" onClick={() => setEditing(true)}>
            {t('web.people.editStudent')}
          </button>
        ) : null}
      </div>
      <WithheldNotice kind="student" withheld={s.withheld} />
      {editing ? (
        <div className="form--wide">
          <EntityForm
            testId="edit-student"
            mode="edit"
            submitLabel="web.form.save"
            fields={consentedFields(studentFields(t), s.withheld)}
            initial={studentValues(s)}
            onSubmit={(body) => update.mutateAsync(body)}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        </div>
      ) : (
        <dl className="facts">
          <dt>{t('people.student.birthDate')}</dt>
          <dd>{formatDate(locale, s.birthDate)}</dd>
          <dt>{t('people.student.sex')}</dt>
          <dd>{t(`people.sex.${s.sex}` as MessageKey)}</dd>
          <dt>{t('people.student.birthCertificate')}</dt>
          <dd>{text(s.birthCertificate)}</dd>
          <dt>{t('people.student.residenceAddress')}</dt>
          <dd>{text(s.residenceAddress)}</dd>
          <dt>{t('people.student.registrationAddress')}</dt>
          <dd>{text(s.registrationAddress)}</dd>
          <dt>{t('people.student.homePhone')}</dt>
          <dd>{text(s.homePhone)}</dd>
          <dt>{t('people.student.mobilePhone')}</dt>
          <dd data-testid="student-mobilePhone">{text(s.mobilePhone)}</dd>
          <dt>{t('people.student.email')}</dt>
          <dd>{text(s.email)}</dd>
          <dt>{t('people.student.studyForm')}</dt>
          <dd>{t(`people.studyForm.${s.studyForm}` as MessageKey)}</dd>
          <dt>{t('people.student.studyProgram')}</dt>
          <dd>{text(s.studyProgram)}</dd>
          <dt>{t('people.student.foreignLanguage')}</dt>
          <dd>{text(s.foreignLanguage)}</dd>
          <dt>{t('people.student.additionalEducation')}</dt>
          <dd>{text(s.additionalEducation)}</dd>
          <dt>{t('people.student.hasHomePc')}</dt>
          <dd>{yesNo(s.hasHomePc)}</dd>
          <dt>{t('people.student.hasAccount')}</dt>
          <dd>{yesNo(s.hasAccount)}</dd>
        </dl>
      )}
    </section>
  );
}

function Parents({ student: s, manage }: { student: Student; manage: boolean }) {
  const t = useT();
  const school = useSchool();
  const unlink = useUnlinkParent(school.id, s.id);
  return (
    <section className="panel" aria-labelledby="card-parents">
      <h2 id="card-parents">{t('people.student.parents')}</h2>
      {s.parents.length === 0 ? (
        <p className="muted">{t('web.people.noParents')}</p>
      ) : (
        <ul className="link-list" data-testid="student-parents">
          {s.parents.map((p) => {
            const name = fullName(p);
            return (
              <li key={p.parentId}>
                <span>
                  <Link to={schoolPath(school.id, `parents/${p.parentId}`)}>{name}</Link> — {t(`people.kinship.${p.kinship}` as MessageKey)}
                </span>
                {manage ? (
                  <DeleteButton
                    name={name}
                    onDelete={() => unlink.mutateAsync(p.parentId)}
                    texts={{
                      action: t('web.people.unlink'),
                      actionOf: t('web.people.unlinkOf', { name }),
                      question: t('web.people.confirmUnlink', { name }),
                      confirm: t('web.people.unlink'),
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {manage ? <LinkParent studentId={s.id} linked={s.parents.map((p) => p.parentId)} /> : null}
    </section>
  );
}

/** Link a parent already in the school (search by name) or create one and link it in one go. */
function LinkParent({ studentId, linked }: { studentId: string; linked: string[] }) {
  const t = useT();
  const school = useSchool();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useParentSearch(school.id, q);
  const link = useLinkParent(school.id, studentId);
  const searchId = useId();
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  const options = (found.data?.items ?? []).filter((p) => !linked.includes(p.id)).map((p) => ({ value: p.id, label: fullName(p) }));

  return (
    <details className="panel no-print" data-testid="link-parent">
      <summary>{t('web.people.linkParent')}</summary>
      <h3>{t('web.people.findParent')}</h3>
      <form className="toolbar" onSubmit={search} aria-label={t('web.people.findParent')}>
        <div className="field">
          <label className="field__label" htmlFor={searchId}>
            {t('web.people.searchName')}
          </label>
          <input
            id={searchId}
            name="parentSearch"
            type="search"
            maxLength={SEARCH_QUERY_MAX}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t('web.people.find')}
        </button>
      </form>
      {q === '' ? (
        <p className="muted">{t('web.people.searchFirst')}</p>
      ) : found.isPending ? (
        <Loading />
      ) : found.isError ? (
        <ErrorNotice error={found.error} />
      ) : options.length === 0 ? (
        <Empty>{t('web.people.noMatches')}</Empty>
      ) : (
        <EntityForm
          key={q}
          testId="link-existing-parent"
          submitLabel="web.people.link"
          onSubmit={(body) => link.mutateAsync(body)}
          initial={{ parentId: options.length === 1 ? (options[0]?.value ?? '') : '' }}
          fields={[{ name: 'parentId', label: 'web.people.parent', type: 'select', required: true, options }, kinshipField(t)]}
        />
      )}
      <h3>{t('web.people.newParent')}</h3>
      <NewParentForm studentId={studentId} />
    </details>
  );
}

function NewParentForm({ studentId }: { studentId: string }) {
  const t = useT();
  const school = useSchool();
  const queryClient = useQueryClient();
  const createAndLink = async (body: Record<string, unknown>) => {
    const { kinship, ...parent } = body;
    // Checked before anything is written, so a forgotten kinship leaves no parent without a child.
    if (!kinship) {
      const message = t('error.validation', { field: 'kinship', problem: t('validation.required') });
      throw new ApiError(400, 'validation', message, 'kinship');
    }
    const created = await createParent(school.id, parent as ParentCreate);
    await linkParent(school.id, studentId, { parentId: created.id, kinship: kinship as Kinship });
    await queryClient.invalidateQueries({ queryKey: ['school', school.id] });
  };
  return (
    <div className="form--wide">
      <EntityForm
        testId="new-parent"
        submitLabel="web.people.link"
        onSubmit={createAndLink}
        fields={[kinshipField(t), ...consentedFields(parentFields(t), PARENT_CONSENT_FIELD_NAMES)]}
      />
    </div>
  );
}

function Movements({ studentId }: { studentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const movements = useStudentMovements(school.id, studentId);
  const createMovement = useCreateMovement(school.id, studentId);
  const classes = useClasses(school.id);
  const groups = useGroups(school.id);
  const dash = <span className="muted">—</span>;
  return (
    <section aria-labelledby="card-movements">
      <h2 id="card-movements">{t('people.student.movement')}</h2>
      {movements.isPending ? (
        <Loading />
      ) : movements.isError ? (
        <ErrorNotice error={movements.error} onRetry={() => movements.refetch()} />
      ) : movements.data.items.length === 0 ? (
        <Empty>{t('web.people.noMovements')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="movements">
            <thead>
              <tr>
                <th scope="col">{t('people.movement.onDate')}</th>
                <th scope="col">{t('people.movement.kind')}</th>
                <th scope="col">{t('people.movement.class')}</th>
                <th scope="col">{t('people.movement.orderNumber')}</th>
                <th scope="col">{t('people.movement.reason')}</th>
                <th scope="col">{t('people.movement.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {movements.data.items.map((m) => (
                <tr key={m.id} data-kind={m.kind}>
                  <td>{formatDate(locale, m.onDate)}</td>
                  <td>{t(`people.movementKind.${m.kind}` as MessageKey)}</td>
                  <td>{m.class?.name ?? m.group?.name ?? dash}</td>
                  <td>
                    {m.orderNumber} {t('web.people.orderOf', { date: formatDate(locale, m.orderDate) })}
                  </td>
                  <td>{m.reason ? m.reason : dash}</td>
                  <td>
                    {m.createdByName ?? dash}
                    <br />
                    <span className="muted">{formatInstant(locale, m.createdAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(school, Permission.movementManage) ? (
        <details className="panel no-print" data-testid="add-movement">
          <summary>{t('web.people.addMovement')}</summary>
          <EntityForm
            testId="movement-form"
            submitLabel="web.people.recordMovement"
            onSubmit={(body) => createMovement.mutateAsync(body)}
            initial={{ kind: 'transfer', onDate: todayIso(), orderDate: todayIso() }}
            fields={withLimits(MOVEMENT_LIMITS, [
              { name: 'kind', label: 'people.movement.kind', type: 'select', required: true, options: movementKindOptions(t) },
              { name: 'onDate', label: 'people.movement.onDate', type: 'date', required: true },
              {
                name: 'classId',
                label: 'people.movement.class',
                type: 'select',
                required: true,
                when: kindIn(CLASS_KINDS),
                options: (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                hint: 'web.people.hint.movementClass',
              },
              {
                name: 'groupId',
                label: 'people.movement.group',
                type: 'select',
                required: true,
                when: kindIn(GROUP_KINDS),
                options: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
                hint: 'web.people.hint.movementGroup',
              },
              { name: 'orderNumber', label: 'people.movement.orderNumber', required: true },
              { name: 'orderDate', label: 'people.movement.orderDate', type: 'date', required: true },
              { name: 'reason', label: 'people.movement.reason', type: 'textarea' },
            ])}
          />
        </details>
      ) : null}
    </section>
  );
}
