import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { Navigate, NavLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useSchool } from '../../app/school-context';
import { ErrorNotice, Loading } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { fullName } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { type MyStudent, useMyStudents } from '../../lib/resources/my-students';
import { useDocumentTitle } from '../../lib/use-title';
import { diaryAddress } from './address';
import { markSeenOnLeave } from './api/diary';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { chooseChild, rememberChild } from './child-choice';
import { GradesView } from './GradesView';
import { prefetchDiaryWeek } from './prefetch';
import { WeekView } from './WeekView';
import './diary.css';

const VIEWS = ['week', 'grades', 'calendar'] as const;
type View = (typeof VIEWS)[number];
const SEEN_AFTER_MS = 2000;
const isView = (value: string): value is View => (VIEWS as readonly string[]).includes(value);

/** The student's and parent's diary (R5): /schools/:schoolId/diary[/grades|/calendar]?child=&week=&period= */
export function DiaryPage() {
  const t = useT();
  const school = useSchool();
  const { view = 'week' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const students = useMyStudents();
  const asked = params.get('child');

  // The first screen should not wait for the list of children (see prefetch.ts); later runs are
  // no-ops: the week view asks for the same, already cached, week.
  const { pathname, search } = useLocation();
  useEffect(() => {
    const address = diaryAddress(pathname, search);
    if (address) prefetchDiaryWeek(queryClient, address);
  }, [pathname, search, queryClient]);

  const family = students.data?.filter((s) => s.relation === 'child' || s.relation === 'self') ?? [];
  const child = students.data ? chooseChild(family, school.id, asked) : null;
  const childHere = child && child.schoolId === school.id ? child : null;

  useDocumentTitle(childHere ? t('diaryWeb.titleWithName', { name: `${childHere.surname} ${childHere.name}` }) : t('diaryWeb.title'));

  // What was on screen stops being «new» when the page is left: another child, another page, tab closed.
  // A glimpse (under two seconds, or React's development double mount) does not count as seen.
  const shownId = childHere?.id ?? null;
  useEffect(() => {
    if (!shownId) return;
    rememberChild(school.id, shownId);
    const shownAt = Date.now();
    let done = false;
    const leave = () => {
      if (done || Date.now() - shownAt < SEEN_AFTER_MS) return;
      done = true;
      markSeenOnLeave(school.id, shownId);
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [school.id, shownId]);

  if (!isView(view)) return <NotFoundPage />;
  if (students.isPending) return <Loading />;
  if (students.isError) return <ErrorNotice error={students.error} onRetry={() => students.refetch()} />;
  if (!child) {
    return (
      <section className="panel">
        <h1>{t('diaryWeb.title')}</h1>
        <p className="muted">{t('diaryWeb.noChildren')}</p>
      </section>
    );
  }
  if (!childHere) return <Navigate to={`${schoolPath(child.schoolId, 'diary')}?child=${encodeURIComponent(child.id)}`} replace />;

  const tab = (target: View) => {
    const path = target === 'week' ? 'diary' : `diary/${target}`;
    return `${schoolPath(school.id, path)}?child=${encodeURIComponent(childHere.id)}`;
  };

  return (
    <div className="diary">
      <header className="page-header diary__header">
        <div>
          <h1>{t('diaryWeb.title')}</h1>
          <p className="page-header__subtitle diary__who" data-testid="diary-student">
            {childHere.class ? t('diaryWeb.student', { name: fullName(childHere), class: childHere.class.name }) : fullName(childHere)}
          </p>
        </div>
        {family.length > 1 ? (
          <ChildSwitcher
            students={family}
            chosen={childHere}
            onChoose={(next) => {
              const path = view === 'week' ? 'diary' : `diary/${view}`;
              // The week stays when the child changes; a period is the other child's school year.
              const week = view === 'week' && params.get('week') ? `&week=${params.get('week')}` : '';
              navigate(`${schoolPath(next.schoolId, path)}?child=${encodeURIComponent(next.id)}${week}`, { replace: true });
            }}
          />
        ) : null}
      </header>
      <nav className="no-print" aria-label={t('diaryWeb.views')}>
        <ul className="tabs">
          {VIEWS.map((v) => (
            <li key={v}>
              <NavLink to={tab(v)} end aria-current={v === view ? 'page' : undefined} data-testid={`diary-tab-${v}`}>
                {t(`diaryWeb.view.${v}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {view === 'week' ? (
        <WeekView key={childHere.id} schoolId={school.id} studentId={childHere.id} />
      ) : view === 'grades' ? (
        <GradesView key={childHere.id} schoolId={school.id} studentId={childHere.id} />
      ) : (
        <CalendarFeedPanel key={childHere.id} schoolId={school.id} studentId={childHere.id} />
      )}
    </div>
  );
}

function ChildSwitcher({ students, chosen, onChoose }: { students: MyStudent[]; chosen: MyStudent; onChoose: (s: MyStudent) => void }) {
  const t = useT();
  const id = useId();
  const schools = new Set(students.map((s) => s.schoolId));
  return (
    <div className="field diary__switch no-print">
      <label className="field__label" htmlFor={id}>
        {t('diaryWeb.chooseChild')}
      </label>
      <select
        id={id}
        value={chosen.id}
        onChange={(e) => {
          const next = students.find((s) => s.id === e.target.value);
          if (next) onChoose(next);
        }}
        data-testid="diary-child"
      >
        {students.map((s) => (
          <option key={s.id} value={s.id}>
            {s.surname} {s.name}
            {s.class ? `, ${s.class.name}` : ''}
            {schools.size > 1 ? ` — ${s.schoolName}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
