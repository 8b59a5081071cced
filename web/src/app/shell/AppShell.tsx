import { type ReactNode, useEffect, useId, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLogout } from '../../features/auth/api/logout';
import { homePath, landingPath, primaryRole, rememberSchool, schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import type { Me, MySchool } from '../../lib/resources/me';
import { NotFoundPage } from '../NotFoundPage';
import { visibleSections } from '../navigation';
import { SchoolProvider } from '../school-context';
import { SessionGate } from './SessionGate';
import './app-shell.css';

/** The frame of every signed-in page of a school: header, navigation, content. */
export function SchoolShell() {
  const { schoolId } = useParams();
  return (
    <SessionGate>
      {(me) => {
        const school = me.schools.find((s) => s.id === schoolId);
        if (school) rememberSchool(school.id);
        return (
          <ShellFrame me={me} school={school ?? null}>
            {school ? (
              <SchoolProvider me={me} school={school}>
                <Outlet />
              </SchoolProvider>
            ) : (
              <NotFoundPage />
            )}
          </ShellFrame>
        );
      }}
    </SessionGate>
  );
}

/** Signed-in pages outside any school (e.g. a user without schools). */
export function PlainShell({ children }: { children: (me: Me) => ReactNode }) {
  return (
    <SessionGate>
      {(me) => (
        <ShellFrame me={me} school={null}>
          {children(me)}
        </ShellFrame>
      )}
    </SessionGate>
  );
}

function ShellFrame({ me, school, children }: { me: Me; school: MySchool | null; children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const switcherId = useId();

  // A new page closes the mobile menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const role = school ? primaryRole(school) : null;
  const sections = school ? visibleSections(school) : [];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('web.shell.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link className="shell__brand" to={landingPath(me.schools)}>
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t('app.name')}</span>
          </Link>
          {me.schools.length > 1 && school ? (
            <div className="shell__school-switch">
              <label htmlFor={switcherId} className="visually-hidden">
                {t('web.shell.school')}
              </label>
              <select
                id={switcherId}
                value={school.id}
                onChange={(event) => {
                  const next = me.schools.find((s) => s.id === event.target.value);
                  if (next) navigate(landingPath([next]));
                }}
              >
                {me.schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.shortName || s.name}
                  </option>
                ))}
              </select>
            </div>
          ) : school ? (
            <span className="shell__school-name">{school.shortName || school.name}</span>
          ) : null}
          <div className="shell__tools">
            <LanguageSwitch />
            {/* The account's own page: two-step sign-in (issue 12.3). */}
            <Link className="shell__user" to="/security" title={`${me.login} · ${t('web.mfa.menu')}`} data-testid="shell-security">
              {me.displayName}
            </Link>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
              disabled={logout.isPending}
            >
              {t('web.shell.logout')}
            </button>
          </div>
          {school ? (
            <button
              type="button"
              className="button button--quiet shell__menu-button"
              aria-expanded={menuOpen}
              aria-controls={navId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              {t('web.shell.menu')}
            </button>
          ) : null}
        </div>
        {school ? (
          <nav id={navId} className={`shell__nav${menuOpen ? ' shell__nav--open' : ''}`} aria-label={t('web.shell.navigation')}>
            <ul>
              <li>
                <NavLink to={role ? homePath(school.id, role) : schoolPath(school.id, 'home')} className="shell__nav-link">
                  {t('web.nav.home')}
                </NavLink>
              </li>
              {sections.map((section) => (
                <li key={section.id}>
                  <NavLink to={schoolPath(school.id, section.path)} className="shell__nav-link">
                    {t(section.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="shell__nav-mobile-tools">
              <span className="shell__user-mobile">{me.displayName}</span>
            </div>
          </nav>
        ) : null}
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
      <footer className="shell__footer">
        <span>
          {t('app.name')} — {t('app.tagline')}
        </span>
        <Link to="/about">{t('web.public.aboutLink')}</Link>
      </footer>
    </div>
  );
}
