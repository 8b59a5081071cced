import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import { Navigate, NavLink, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { can, schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { BellsTab } from './tabs/BellsTab';
import { ClassesTab } from './tabs/ClassesTab';
import { CurriculumTab } from './tabs/CurriculumTab';
import { GroupsTab } from './tabs/GroupsTab';
import { SubjectsTab } from './tabs/SubjectsTab';
import { YearsTab } from './tabs/YearsTab';

const TABS: Array<{ id: string; label: MessageKey; Component: (props: { editable: boolean }) => React.JSX.Element }> = [
  { id: 'years', label: 'web.school.tab.years', Component: YearsTab },
  { id: 'bells', label: 'web.school.tab.bells', Component: BellsTab },
  { id: 'classes', label: 'web.school.tab.classes', Component: ClassesTab },
  { id: 'groups', label: 'web.school.tab.groups', Component: GroupsTab },
  { id: 'subjects', label: 'web.school.tab.subjects', Component: SubjectsTab },
  { id: 'curriculum', label: 'web.school.tab.curriculum', Component: CurriculumTab },
];

/** School structure (R1.1–R1.3): editable with school.manage, read-only with school.read. */
export function StructurePage() {
  const t = useT();
  const school = useSchool();
  const { tab } = useParams();
  const current = TABS.find((x) => x.id === tab);
  useDocumentTitle(current ? `${t(current.label)} · ${t('web.nav.structure')}` : t('web.nav.structure'));
  if (!current) return <Navigate to={schoolPath(school.id, 'structure/years')} replace />;
  const editable = can(school, Permission.schoolManage);
  const { Component } = current;
  return (
    <div>
      <header className="page-header">
        <h1>{t('web.nav.structure')}</h1>
        {editable ? null : <p className="page-header__subtitle">{t('web.common.readOnly')}</p>}
      </header>
      <nav aria-label={t('web.nav.structure')}>
        <ul className="tabs">
          {TABS.map((x) => (
            <li key={x.id}>
              <NavLink to={schoolPath(school.id, `structure/${x.id}`)}>{t(x.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(current.label)}</h2>
      <Component editable={editable} />
    </div>
  );
}
