import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import { Navigate, NavLink, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { can, schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { ComplaintsTab } from './ComplaintsTab';
import { InspectionsTab } from './InspectionsTab';

const TABS: Array<{ id: 'complaints' | 'inspections'; label: MessageKey; permission: Permission }> = [
  { id: 'complaints', label: 'serviceWeb.complaints.title', permission: Permission.complaintManage },
  { id: 'inspections', label: 'serviceWeb.inspections.title', permission: Permission.inspectionManage },
];

/** Oversight of the service (seed 002 §4–5): the complaint book and the inspections, one tab each. */
export function OversightPage() {
  const t = useT();
  const school = useSchool();
  const { tab } = useParams();
  const tabs = TABS.filter((x) => can(school, x.permission));
  const current = tabs.find((x) => x.id === tab);
  useDocumentTitle(current ? t(current.label) : t('serviceWeb.nav.oversight'));
  if (!current) {
    const first = tabs[0];
    return first ? <Navigate to={schoolPath(school.id, `oversight/${first.id}`)} replace /> : null;
  }
  return (
    <div className="service">
      <header className="page-header">
        <h1>{t(current.label)}</h1>
        <p className="page-header__subtitle">
          {t(current.id === 'complaints' ? 'serviceWeb.complaints.subtitle' : 'serviceWeb.inspections.subtitle')}
        </p>
      </header>
      {tabs.length > 1 ? (
        <nav aria-label={t('serviceWeb.nav.oversight')} className="no-print">
          <ul className="tabs">
            {tabs.map((x) => (
              <li key={x.id}>
                <NavLink to={schoolPath(school.id, `oversight/${x.id}`)}>{t(x.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {current.id === 'complaints' ? <ComplaintsTab /> : <InspectionsTab complaintsVisible={can(school, Permission.complaintManage)} />}
    </div>
  );
}
