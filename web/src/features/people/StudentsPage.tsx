import { SEARCH_QUERY_MAX, STUDENT_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { EntityForm, withLimits } from '../../components/EntityForm';
import { AddPanel } from '../../components/list-panels';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { fullName, todayIso } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { useClasses } from '../../lib/resources/classes';
import { useCreateStudent, useStudents } from '../../lib/resources/students';
import { useDocumentTitle } from '../../lib/use-title';
import { sexOptions } from './options';

const PAGE = 50;

/** Enrolment is optional: without a class the prefilled date alone must not be sent. */
function withoutEmptyEnrolment(body: Record<string, unknown>): Record<string, unknown> {
  const enrolment = body.enrolment as Record<string, unknown> | undefined;
  if (enrolment && !enrolment.classId) {
    const { enrolment: _dropped, ...rest } = body;
    return rest;
  }
  return body;
}

/** Students of the school: search by name or file number, filter by class (R1.4). */
export function StudentsPage() {
  const t = useT();
  const school = useSchool();
  const classes = useClasses(school.id);
  const [draft, setDraft] = useState({ q: '', classId: '' });
  const [filter, setFilter] = useState({ q: '', classId: '', offset: 0 });
  const students = useStudents(school.id, { q: filter.q, classId: filter.classId, limit: PAGE, offset: filter.offset });
  const create = useCreateStudent(school.id);
  const ids = { q: useId(), classId: useId() };
  useDocumentTitle(t('web.nav.students'));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ q: draft.q.trim(), classId: draft.classId, offset: 0 });
  };
  const classOptions = (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <div>
      <header className="page-header">
        <h1>{t('web.nav.students')}</h1>
      </header>
      <form className="toolbar" onSubmit={apply} aria-label={t('web.common.filter')}>
        <div className="field">
          <label className="field__label" htmlFor={ids.q}>
            {t('web.people.search')}
          </label>
          <input
            id={ids.q}
            type="search"
            maxLength={SEARCH_QUERY_MAX}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.classId}>
            {t('people.student.class')}
          </label>
          <select id={ids.classId} value={draft.classId} onChange={(e) => setDraft({ ...draft, classId: e.target.value })}>
            <option value="">{t('web.common.all')}</option>
            {classOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('web.common.apply')}
        </button>
      </form>

      {students.isPending ? (
        <Loading />
      ) : students.isError ? (
        <ErrorNotice error={students.error} onRetry={() => students.refetch()} />
      ) : students.data.items.length === 0 ? (
        <Empty>{t('web.people.noStudents')}</Empty>
      ) : (
        <>
          <p className="muted">{t('web.people.found', { count: students.data.total })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.people.fullName')}</th>
                  <th scope="col">{t('people.student.class')}</th>
                  <th scope="col">{t('people.student.fileNumber')}</th>
                </tr>
              </thead>
              <tbody>
                {students.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={schoolPath(school.id, `students/${s.id}`)}>{fullName(s)}</Link>
                    </td>
                    <td>{s.class?.name ?? <span className="muted">—</span>}</td>
                    <td>{s.fileNumber}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form__actions form__actions--spaced">
            {filter.offset > 0 ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - PAGE) })}
              >
                {t('web.common.previous')}
              </button>
            ) : null}
            {filter.offset + PAGE < students.data.total ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setFilter({ ...filter, offset: filter.offset + PAGE })}
              >
                {t('web.common.next')}
              </button>
            ) : null}
          </div>
        </>
      )}

      {can(school, Permission.personManage) ? (
        <AddPanel title={t('web.people.addStudent')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync(withoutEmptyEnrolment(body))}
            initial={{ 'enrolment.onDate': todayIso() }}
            fields={withLimits(STUDENT_LIMITS, [
              { name: 'fileNumber', label: 'people.student.fileNumber', required: true },
              { name: 'surname', label: 'people.student.surname', required: true },
              { name: 'name', label: 'people.student.name', required: true },
              { name: 'patronymic', label: 'people.student.patronymic' },
              { name: 'birthDate', label: 'people.student.birthDate', type: 'date', required: true },
              { name: 'sex', label: 'people.student.sex', type: 'select', required: true, options: sexOptions(t) },
              {
                name: 'enrolment.classId',
                label: 'people.student.class',
                type: 'select',
                options: classOptions,
                hint: 'web.people.hint.enrol',
              },
              { name: 'enrolment.onDate', label: 'people.movement.onDate', type: 'date' },
              { name: 'enrolment.orderNumber', label: 'people.movement.orderNumber' },
              { name: 'enrolment.orderDate', label: 'people.movement.orderDate', type: 'date' },
            ])}
          />
        </AddPanel>
      ) : null}
    </div>
  );
}
