import type { Indicator, IndicatorReport, MonitoringReport } from '@contract/schemas/reports';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { formatDate, formatShortDate } from '../../lib/dates';
import { type Translate, useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { exportUrl, useIndicators, useMonitoring } from './api/reports';
import { TrendChart } from './TrendChart';
import './reports.css';

const journalLink = (schoolId: string, curriculumId: string, periodId: string | null) =>
  schoolPath(schoolId, `journal/${encodeURIComponent(curriculumId)}${periodId ? `?period=${encodeURIComponent(periodId)}` : ''}`);

/**
 * The director's monitoring (R9.3, issue 14): what is late now by teacher with a link into each
 * journal, the quality indicators of table 2.13 with their targets, and the weekly trend. One page,
 * printable for a meeting.
 */
export function MonitoringPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const late = useMonitoring(school.id);
  const indicators = useIndicators(school.id);
  useDocumentTitle(t('reports.title'));
  return (
    <div className="reports">
      <header className="page-header reports__header">
        <h1>{t('reports.title')}</h1>
        {late.data ? <p className="muted">{t('reports.asOf', { date: formatDate(locale, late.data.today) })}</p> : null}
        <button type="button" className="button button--secondary reports__print" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
      </header>
      {late.isPending || indicators.isPending ? <Loading /> : null}
      {late.error ? <ErrorNotice error={late.error} onRetry={() => late.refetch()} /> : null}
      {indicators.error ? <ErrorNotice error={indicators.error} onRetry={() => indicators.refetch()} /> : null}
      {late.data ? <LateNow report={late.data} schoolId={school.id} /> : null}
      {indicators.data ? <Indicators report={indicators.data} schoolId={school.id} /> : null}
      {late.data ? (
        <section className="panel" aria-labelledby="reports-trend">
          <h2 id="reports-trend">{t('reports.trend.title')}</h2>
          <TrendChart weeks={late.data.weeks} />
        </section>
      ) : null}
    </div>
  );
}

function Downloads({ schoolId, table, label }: { schoolId: string; table: 'indicators' | 'monitoring'; label: string }) {
  const t = useT();
  return (
    <p className="reports__downloads">
      <span className="muted">{label}:</span>{' '}
      {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
        <a
          key={format}
          className="button button--secondary button--small"
          href={exportUrl(schoolId, table, format)}
          download
          data-testid={`export-${table}-${format}`}
        >
          {t(`reports.export.${format}`)}
        </a>
      ))}
    </p>
  );
}

/** Journals named per teacher before "and N more": the worst first. */
const SHOWN_JOURNALS = 3;
/** Teachers listed before «show all»: the meeting looks at the latest first. */
const SHOWN_TEACHERS = 10;

function LateNow({ report, schoolId }: { report: MonitoringReport; schoolId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [all, setAll] = useState(false);
  const teachers = all ? report.teachers : report.teachers.slice(0, SHOWN_TEACHERS);
  const weight = (i: MonitoringReport['teachers'][number]['items'][number]) =>
    i.lessonsWithoutTopic.length + i.lateGrades + i.lateAbsences + i.missingPeriodGrades;
  const sum = (teacher: MonitoringReport['teachers'][number], pick: (i: MonitoringReport['teachers'][number]['items'][number]) => number) =>
    teacher.items.reduce((n, i) => n + pick(i), 0);
  return (
    <section className="panel" aria-labelledby="reports-late" data-testid="reports-late">
      <h2 id="reports-late">{t('reports.late.title')}</h2>
      <p className="muted">{t('reports.late.intro')}</p>
      {report.teachers.length === 0 ? (
        <Empty>{t('reports.late.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table reports__late">
            <thead>
              <tr>
                <th scope="col">{t('reports.late.teacher')}</th>
                <th scope="col">{t('reports.late.noTopic')}</th>
                <th scope="col">{t('reports.late.grades')}</th>
                <th scope="col">{t('reports.late.absences')}</th>
                <th scope="col">{t('reports.late.periodGrades')}</th>
                <th scope="col">{t('reports.late.journal')}</th>
              </tr>
            </thead>
            <tbody>
              {teachers.map((teacher) => {
                const items = [...teacher.items].sort((a, b) => weight(b) - weight(a));
                const oldest = items
                  .map((i) => i.lessonsWithoutTopic[0])
                  .filter((d): d is string => d !== undefined)
                  .sort()[0];
                return (
                  <tr key={teacher.teacherId} data-testid="late-row">
                    <th scope="row">{teacher.teacherName}</th>
                    <td>
                      {sum(teacher, (i) => i.lessonsWithoutTopic.length)}
                      {oldest ? (
                        <span className="muted"> ({t('reports.late.since', { date: formatShortDate(locale, oldest) })})</span>
                      ) : null}
                    </td>
                    <td>{sum(teacher, (i) => i.lateGrades)}</td>
                    <td>{sum(teacher, (i) => i.lateAbsences)}</td>
                    <td>{sum(teacher, (i) => i.missingPeriodGrades)}</td>
                    <td>
                      <ul className="reports__journals">
                        {items.slice(0, SHOWN_JOURNALS).map((item) => (
                          <li key={item.curriculumId}>
                            <Link
                              to={journalLink(schoolId, item.curriculumId, item.periodId)}
                              aria-label={t('reports.late.open', { name: `${item.subjectName}, ${item.ownerName}` })}
                            >
                              {item.subjectName}, {item.ownerName}
                            </Link>{' '}
                            <span className="muted">({weight(item)})</span>
                          </li>
                        ))}
                        {items.length > SHOWN_JOURNALS ? (
                          <li className="muted">{t('reports.late.more', { count: items.length - SHOWN_JOURNALS })}</li>
                        ) : null}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {report.teachers.length > SHOWN_TEACHERS ? (
        <p>
          <button type="button" className="button button--secondary reports__all" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? t('reports.late.fewer') : t('reports.late.all', { count: report.teachers.length })}
          </button>
        </p>
      ) : null}
      <Downloads schoolId={schoolId} table="monitoring" label={t('reports.export.lateLabel')} />
    </section>
  );
}

function value(t: Translate, i: Indicator): string {
  if (i.key === 'journals_kept') return i.met ? t('reports.ind.yes') : t('reports.ind.no');
  if (i.denominator === 0) return t('reports.ind.noData');
  const share = i.share === null ? '' : ` · ${Math.round(i.share * 1000) / 10} %`;
  return `${t('reports.ind.count', { n: i.numerator, d: i.denominator })}${share}`;
}

function target(t: Translate, i: Indicator): string {
  if (i.key === 'journals_kept') return t('reports.ind.kept');
  if (i.key === 'weekly_update') return t('reports.ind.everyWeek');
  if (i.termDays !== null) return t('reports.ind.days', { days: i.termDays });
  if (i.targetShare !== null) return t('reports.ind.atLeast', { share: `${Math.round(i.targetShare * 100)} %` });
  return '—';
}

function Met({ i }: { i: Indicator }) {
  const t = useT();
  if (i.met === null) return <span className="muted">—</span>;
  return <span className={i.met ? 'reports__met' : 'reports__unmet'}>{t(i.met ? 'reports.ind.yes' : 'reports.ind.no')}</span>;
}

function Indicators({ report, schoolId }: { report: IndicatorReport; schoolId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const keyOf = (list: Indicator[], key: Indicator['key']) => list.find((i) => i.key === key);
  const pct = (i: Indicator | undefined) => (i?.share == null ? '—' : `${Math.round(i.share * 100)} %`);
  return (
    <>
      <section className="panel" aria-labelledby="reports-ind" data-testid="reports-indicators">
        <h2 id="reports-ind">{t('reports.ind.title')}</h2>
        <p className="muted">{t('reports.ind.range', { from: formatDate(locale, report.from), to: formatDate(locale, report.to) })}</p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.ind.row')}</th>
                <th scope="col">{t('reports.ind.name')}</th>
                <th scope="col">{t('reports.ind.value')}</th>
                <th scope="col">{t('reports.ind.target')}</th>
                <th scope="col">{t('reports.ind.met')}</th>
              </tr>
            </thead>
            <tbody>
              {report.school.map((i) => (
                <tr key={i.key} data-testid={`indicator-${i.key}`}>
                  <td>{i.row ?? ''}</td>
                  <th scope="row">{t(`reports.ind.${i.key}`)}</th>
                  <td>{value(t, i)}</td>
                  <td>{target(t, i)}</td>
                  <td>
                    <Met i={i} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Downloads schoolId={schoolId} table="indicators" label={t('reports.export.label')} />
      </section>
      <section className="panel" aria-labelledby="reports-teachers">
        <h2 id="reports-teachers">{t('reports.teachers.title')}</h2>
        <div className="table-wrap">
          <table className="table" data-testid="reports-teachers">
            <thead>
              <tr>
                <th scope="col">{t('reports.late.teacher')}</th>
                <th scope="col">{t('reports.ind.topics')}</th>
                <th scope="col">{t('reports.ind.on_time_share')}</th>
                <th scope="col">{t('reports.ind.met')}</th>
              </tr>
            </thead>
            <tbody>
              {report.teachers.map((u) => {
                const topics = keyOf(u.indicators, 'topics');
                const onTime = keyOf(u.indicators, 'on_time_share');
                const met = [topics?.met, onTime?.met].filter((m) => m !== null && m !== undefined);
                return (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td>{pct(topics)}</td>
                    <td>{pct(onTime)}</td>
                    <td>
                      {met.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <span className={met.every(Boolean) ? 'reports__met' : 'reports__unmet'}>
                          {t(met.every(Boolean) ? 'reports.ind.yes' : 'reports.ind.no')}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
