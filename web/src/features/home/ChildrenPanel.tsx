import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { fullName } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { useMyStudents } from '../../lib/resources/my-students';

/** Parent: switch between own children; student: own card. The chosen child is kept in ?child=. */
export function ChildrenPanel({ role }: { role: 'parent' | 'student' }) {
  const t = useT();
  const students = useMyStudents();
  const [params, setParams] = useSearchParams();
  const selectId = useId();

  const title = role === 'parent' ? t('web.home.children') : t('web.home.me');
  if (students.isPending) return <Loading />;
  if (students.isError) return <ErrorNotice error={students.error} onRetry={() => students.refetch()} />;

  const relation = role === 'parent' ? 'child' : 'self';
  const items = students.data.filter((s) => s.relation === relation);
  if (items.length === 0) {
    return (
      <section className="panel" aria-labelledby="home-children">
        <h2 id="home-children">{title}</h2>
        <p className="muted">{t(role === 'parent' ? 'web.home.noChildren' : 'web.home.noStudentCard')}</p>
      </section>
    );
  }
  const chosen = items.find((s) => s.id === params.get('child')) ?? items[0]!;

  return (
    <section className="panel home__child" aria-labelledby="home-children">
      <h2 id="home-children">{title}</h2>
      {items.length > 1 ? (
        <div className="field home__child-switch">
          <label className="field__label" htmlFor={selectId}>
            {t('web.home.chooseChild')}
          </label>
          <select
            id={selectId}
            value={chosen.id}
            onChange={(e) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('child', e.target.value);
                  return next;
                },
                { replace: true },
              )
            }
          >
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {fullName(s)}
                {s.class ? `, ${s.class.name}` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <dl className="facts" data-testid="home-child">
        <dt>{t('web.home.childName')}</dt>
        <dd>{fullName(chosen)}</dd>
        <dt>{t('web.home.childClass')}</dt>
        <dd>{chosen.class ? chosen.class.name : t('web.home.noClass')}</dd>
        <dt>{t('web.home.school')}</dt>
        <dd>{chosen.schoolName}</dd>
      </dl>
      <p>
        <Link
          className="button"
          to={`${schoolPath(chosen.schoolId, 'diary')}?child=${encodeURIComponent(chosen.id)}`}
          data-testid="home-open-diary"
        >
          {t('diaryWeb.home.open')}
        </Link>
      </p>
    </section>
  );
}
