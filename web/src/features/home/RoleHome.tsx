import { ROLE_PERMISSIONS } from '@contract/permissions';
import type { EffectiveRole } from '@contract/roles';
import { Link, Navigate, useParams } from 'react-router';
import { SECTIONS } from '../../app/navigation';
import { useSession } from '../../app/school-context';
import { homePath, isEffectiveRole, roleNameKey, rolesOf, schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import type { MySchool } from '../../lib/resources/me';
import { useDocumentTitle } from '../../lib/use-title';
import { ChildrenPanel } from './ChildrenPanel';
import { ReadAlertsBanner } from './ReadAlertsBanner';
import { SchoolSummary } from './SchoolSummary';
import './home.css';

/** Sections a role may use, judged by that role's own permissions (not the user's other roles). */
function sectionsForRole(role: EffectiveRole, school: MySchool) {
  const asRole = {
    ...school,
    roles: [role],
    permissions: [...ROLE_PERMISSIONS[role]],
    staffId: null,
    leadsClasses: [],
  };
  return SECTIONS.filter((section) => section.visible(asRole));
}

/**
 * The landing page of one role in one school: the role's name as the heading (with a stable
 * data-testid="home-<role>" for browser tests), the school and year, and the sections it may use.
 */
export function RoleHome() {
  const t = useT();
  const { me, school } = useSession();
  const { role } = useParams();
  const roles = rolesOf(school);
  const current = role && isEffectiveRole(role) && roles.includes(role) ? role : null;
  useDocumentTitle(current ? t(roleNameKey[current]) : null);
  if (!current) return <Navigate to={schoolPath(school.id, 'home')} replace />;

  const sections = sectionsForRole(current, school);
  const otherRoles = roles.filter((r) => r !== current);
  const isFamily = current === 'parent' || current === 'student';

  return (
    <div className="home">
      <header className="page-header">
        <div>
          <p className="home__greeting">{t('web.home.greeting', { name: me.displayName })}</p>
          <h1 data-testid={`home-${current}`}>{t(roleNameKey[current])}</h1>
        </div>
      </header>

      <SchoolSummary schoolId={school.id} schoolName={school.name} timeZone={school.timezone} />

      {current === 'director' || current === 'deputy' || current === 'school_admin' ? <ReadAlertsBanner schoolId={school.id} /> : null}

      {isFamily ? <ChildrenPanel role={current} /> : null}

      {current === 'operator' ? (
        <section className="panel" aria-labelledby="home-schools">
          <h2 id="home-schools">{t('web.home.operatorSchools')}</h2>
          <ul className="home__school-list">
            {me.schools.map((s) => (
              <li key={s.id}>
                <Link to={schoolPath(s.id, 'home')}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="home-sections">
        <h2 id="home-sections">{t('web.home.sections')}</h2>
        {sections.length > 0 ? (
          <ul className="home__cards">
            {sections.map((section) => (
              <li key={section.id}>
                <Link className="home__card" to={schoolPath(school.id, section.path)}>
                  <span className="home__card-title">{t(section.label)}</span>
                  <span className="home__card-text">{t(section.description)}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t(isFamily ? 'web.home.familySoon' : 'web.home.nothingYet')}</p>
        )}
      </section>

      {otherRoles.length > 0 ? (
        <nav className="home__roles" aria-label={t('web.home.otherRoles')}>
          <h2>{t('web.home.otherRoles')}</h2>
          <ul>
            {otherRoles.map((r) => (
              <li key={r}>
                <Link to={homePath(school.id, r)}>{t(roleNameKey[r])}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
