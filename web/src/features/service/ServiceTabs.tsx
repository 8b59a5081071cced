import type { MessageKey } from '@contract/i18n/translate';
import { Permission } from '@contract/permissions';
import { NavLink } from 'react-router';
import { useSchool } from '../../app/school-context';
import { can, schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import type { MySchool } from '../../lib/resources/me';

interface Tab {
  path: string;
  label: MessageKey;
  visible: (school: MySchool) => boolean;
}

/** The pages of the service procedure, one tab each; a role sees the ones its permissions allow. */
export const SERVICE_TABS: readonly Tab[] = [
  { path: 'service/applications', label: 'serviceWeb.tab.applications', visible: (s) => can(s, Permission.applicationRead) },
  { path: 'service/deadlines', label: 'serviceWeb.tab.deadlines', visible: (s) => can(s, Permission.applicationRead) },
  {
    path: 'service/consents',
    label: 'serviceWeb.tab.consents',
    visible: (s) => can(s, Permission.applicationRead) || can(s, Permission.consentRead),
  },
];

/** The service's first page this user may open (the navigation entry points there). */
export function serviceLanding(school: MySchool): string | null {
  return SERVICE_TABS.find((tab) => tab.visible(school))?.path ?? null;
}

export function ServiceTabs() {
  const t = useT();
  const school = useSchool();
  const tabs = SERVICE_TABS.filter((tab) => tab.visible(school));
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={t('serviceWeb.nav.service')} className="no-print">
      <ul className="tabs">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <NavLink to={schoolPath(school.id, tab.path)} end={false}>
              {t(tab.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
