import type { MessageKey } from '@contract/i18n/index';
import { Permission } from '@contract/permissions';
import { Link, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatDate, formatInstant, fullName, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { can, schoolPath } from '../auth/access';
import { useClasses } from '../school/api/classes';
import { useGroups } from '../school/api/groups';
import { useCreateMovement, useStudent, useStudentMovements } from './api/students';
import { movementKindOptions } from './options';

/** A student's card: personal data (consent-form fields), parents, movement history and the movement form. */
export function StudentCardPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const { studentId = '' } = useParams();
  const student = useStudent(school.id, studentId);
  const movements = useStudentMovements(school.id, studentId);
  const createMovement = useCreateMovement(school.id, studentId);
  const classes = useClasses(school.id);
  const groups = useGroups(school.id);
  useDocumentTitle(student.data ? fullName(student.data) : t('web.nav.students'));

  if (student.isPending) return <Loading />;
  if (student.isError) return <ErrorNotice error={student.error} onRetry={() => student.refetch()} />;
  const s = student.data;
  const dash = <span className="muted">—</span>;
  const text = (value: string | null) => (value ? value : dash);
  const yesNo = (value: boolean | null) => (value === null ? dash : t(value ? 'web.common.yes' : 'web.common.no'));

  return (
    <div>
      <p className="no-print">
        <Link to={schoolPath(school.id, 'students')}>← {t('web.nav.students')}</Link>
      </p>
      <header className="page-header">
        <h1>{fullName(s)}</h1>
        <p className="page-header__subtitle">
          {s.class ? s.class.name : t('web.home.noClass')} · {t('people.student.fileNumber')} {s.fileNumber}
        </p>
      </header>

      <section className="panel" aria-labelledby="card-data">
        <h2 id="card-data">{t('web.people.personalData')}</h2>
        <dl className="facts">
          <dt>{t('people.student.birthDate')}</dt>
          <dd>{formatDate(locale, s.birthDate)}</dd>
          <dt>{t('people.student.sex')}</dt>
          <dd>{t(`people.sex.${s.sex}` as MessageKey)}</dd>
          <dt>{t('people.student.studyForm')}</dt>
          <dd>{t(`people.studyForm.${s.studyForm}` as MessageKey)}</dd>
          <dt>{t('people.student.studyProgram')}</dt>
          <dd>{text(s.studyProgram)}</dd>
          <dt>{t('people.student.residenceAddress')}</dt>
          <dd>{text(s.residenceAddress)}</dd>
          <dt>{t('people.student.registrationAddress')}</dt>
          <dd>{text(s.registrationAddress)}</dd>
          <dt>{t('people.student.homePhone')}</dt>
          <dd>{text(s.homePhone)}</dd>
          <dt>{t('people.student.mobilePhone')}</dt>
          <dd>{text(s.mobilePhone)}</dd>
          <dt>{t('people.student.email')}</dt>
          <dd>{text(s.email)}</dd>
          <dt>{t('people.student.birthCertificate')}</dt>
          <dd>{text(s.birthCertificate)}</dd>
          <dt>{t('people.student.hasHomePc')}</dt>
          <dd>{yesNo(s.hasHomePc)}</dd>
          <dt>{t('people.student.foreignLanguage')}</dt>
          <dd>{text(s.foreignLanguage)}</dd>
          <dt>{t('people.student.additionalEducation')}</dt>
          <dd>{text(s.additionalEducation)}</dd>
          <dt>{t('people.student.hasAccount')}</dt>
          <dd>{yesNo(s.hasAccount)}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="card-parents">
        <h2 id="card-parents">{t('people.student.parents')}</h2>
        {s.parents.length === 0 ? (
          <p className="muted">{t('web.people.noParents')}</p>
        ) : (
          <ul>
            {s.parents.map((p) => (
              <li key={p.parentId}>
                {fullName(p)} — {t(`people.kinship.${p.kinship}` as MessageKey)}
              </li>
            ))}
          </ul>
        )}
      </section>

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
            <table className="table">
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
                  <tr key={m.id}>
                    <td>{formatDate(locale, m.onDate)}</td>
                    <td>{t(`people.movementKind.${m.kind}` as MessageKey)}</td>
                    <td>{m.class?.name ?? m.group?.name ?? dash}</td>
                    <td>
                      {m.orderNumber} {t('web.people.orderOf', { date: formatDate(locale, m.orderDate) })}
                    </td>
                    <td>{text(m.reason)}</td>
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
          <details className="panel no-print">
            <summary>{t('web.people.addMovement')}</summary>
            <EntityForm
              submitLabel="web.people.recordMovement"
              onSubmit={(body) => createMovement.mutateAsync(body)}
              initial={{ onDate: todayIso(), orderDate: todayIso() }}
              fields={[
                { name: 'kind', label: 'people.movement.kind', type: 'select', required: true, options: movementKindOptions(t) },
                { name: 'onDate', label: 'people.movement.onDate', type: 'date', required: true },
                {
                  name: 'classId',
                  label: 'people.movement.class',
                  type: 'select',
                  options: (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                  hint: 'web.people.hint.movementClass',
                },
                {
                  name: 'groupId',
                  label: 'people.movement.group',
                  type: 'select',
                  options: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
                  hint: 'web.people.hint.movementGroup',
                },
                { name: 'orderNumber', label: 'people.movement.orderNumber', required: true, maxLength: 50 },
                { name: 'orderDate', label: 'people.movement.orderDate', type: 'date', required: true },
                { name: 'reason', label: 'people.movement.reason', maxLength: 500 },
              ]}
            />
          </details>
        ) : null}
      </section>
    </div>
  );
}
