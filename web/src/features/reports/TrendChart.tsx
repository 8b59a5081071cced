import type { MonitoringReport } from '@contract/schemas/reports';
import { useId } from 'react';
import { formatShortDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';

type Week = MonitoringReport['weeks'][number];

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

/**
 * The weekly trend as plain SVG (no chart library: two lines and a grid cost nothing on the first
 * load), with the same figures as a table behind it for screen readers and print.
 */
export function TrendChart({ weeks }: { weeks: readonly Week[] }) {
  const t = useT();
  const { locale } = useLocale();
  const titleId = useId();
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (weeks.length <= 1 ? innerW / 2 : (i * innerW) / (weeks.length - 1));
  const y = (v: number) => PAD.top + innerH * (1 - v);
  const line = (pick: (w: Week) => number | null) =>
    weeks
      .map((w, i) => [i, pick(w)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null)
      .map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
  const series = [
    { key: 'onTime', label: t('reports.trend.onTime'), pick: (w: Week) => w.onTimeShare, color: '#1f4e79', dash: '' },
    { key: 'topics', label: t('reports.trend.topics'), pick: (w: Week) => w.topicsShare, color: '#c25e00', dash: '6 4' },
  ];
  return (
    <figure className="trend" aria-labelledby={titleId}>
      <figcaption id={titleId} className="muted">
        {t('reports.trend.summary')}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} className="trend__svg" data-testid="trend-chart">
        <title>{t('reports.trend.title')}</title>
        {[0, 0.5, 0.8, 1].map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(v)}
              y2={y(v)}
              stroke={v === 0.8 ? '#a4262c' : '#cfd6de'}
              strokeDasharray={v === 0.8 ? '3 3' : ''}
            />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4f5964">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        {weeks.map((w, i) => (
          <text key={w.weekOf} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#4f5964">
            {formatShortDate(locale, w.weekOf)}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.key}>
            <polyline points={line(s.pick)} fill="none" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash} />
            {weeks.map((w, i) => {
              const v = s.pick(w);
              return v === null ? null : <circle key={w.weekOf} cx={x(i)} cy={y(v)} r="3.5" fill={s.color} />;
            })}
          </g>
        ))}
      </svg>
      <ul className="trend__legend">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
      </ul>
      <details className="trend__table">
        <summary>{t('reports.trend.table')}</summary>
        <div className="table-wrap">
          <table className="table" data-testid="trend-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.trend.week')}</th>
                <th scope="col">{t('reports.trend.onTime')}</th>
                <th scope="col">{t('reports.trend.entries')}</th>
                <th scope="col">{t('reports.trend.topics')}</th>
                <th scope="col">{t('reports.trend.lessons')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.weekOf}>
                  <th scope="row">{formatShortDate(locale, w.weekOf)}</th>
                  <td>{pct(w.onTimeShare)}</td>
                  <td>{w.entries}</td>
                  <td>{pct(w.topicsShare)}</td>
                  <td>{w.lessons}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
