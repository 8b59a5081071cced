import { Link } from 'react-router';
import { schoolPath } from '../../lib/access';
import { useT } from '../../lib/i18n';
import { useReadAlerts } from '../../lib/resources/read-alerts';

const WEEK_MS = 7 * 86_400_000;

/**
 * The director's notice of staff who went over their personal-data read budget in the last week
 * (issue 12.12, R7.2): nothing when there were none; the list is on the security page.
 */
export function ReadAlertsBanner({ schoolId }: { schoolId: string }) {
  const t = useT();
  const alerts = useReadAlerts(schoolId);
  const since = Date.now() - WEEK_MS;
  const recent = (alerts.data?.items ?? []).filter((a) => Date.parse(a.createdAt) >= since);
  if (recent.length === 0) return null;
  return (
    <div className="status status--error" role="alert" data-testid="read-alerts-banner">
      <p>{t('web.security.alerts.banner', { count: recent.length })}</p>
      <Link className="button button--small" to={schoolPath(schoolId, 'security')}>
        {t('web.security.alerts.open')}
      </Link>
    </div>
  );
}
