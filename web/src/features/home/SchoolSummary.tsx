import { formatDate, todayInZone } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { currentYear, useYears } from '../../lib/resources/years';

/** The school's name, today there and its current academic year (quietly omitted while unknown). */
export function SchoolSummary({ schoolId, schoolName, timeZone }: { schoolId: string; schoolName: string; timeZone: string }) {
  const t = useT();
  const { locale } = useLocale();
  const years = useYears(schoolId);
  const today = todayInZone(timeZone);
  const year = years.data ? currentYear(years.data, today) : null;
  return (
    <section className="panel home__summary" aria-label={t('web.home.school')}>
      <dl className="facts">
        <dt>{t('web.home.school')}</dt>
        <dd data-testid="home-school-name">{schoolName}</dd>
        {years.isError ? null : (
          <>
            <dt>{t('web.home.year')}</dt>
            <dd>
              {years.isPending
                ? t('web.common.loading')
                : year
                  ? t('web.home.yearValue', {
                      name: year.name,
                      from: formatDate(locale, year.startsOn),
                      to: formatDate(locale, year.endsOn),
                    })
                  : t('web.home.noYear')}
            </dd>
          </>
        )}
        <dt>{t('web.home.today')}</dt>
        <dd>{formatDate(locale, today)}</dd>
      </dl>
    </section>
  );
}
