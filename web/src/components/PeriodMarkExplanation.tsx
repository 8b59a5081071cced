import type { MessageKey } from '@contract/i18n/translate';
import type { PeriodMarkExplanation as Explanation } from '@contract/schemas/period-mark';
import { formatShortDate, numberFormat } from '../lib/dates';
import { useLocale, useT } from '../lib/i18n';
import './period-mark.css';

/** Values that are words, not numbers: shown through the catalogue (зач, незач, н/а, осв.). */
const SPECIAL: Readonly<Record<string, MessageKey>> = {
  na: 'journal.special.na',
  exempt: 'journal.special.exempt',
  pass: 'journal.special.pass',
  fail: 'journal.special.fail',
};

/**
 * «Why this period mark?» (R4.1): each grade × weight, the sums, the averages, the rounding rule
 * and the proposal, exactly as the server computed them; the journal and the diary both show it.
 */
export function PeriodMarkExplanation({ explanation: e }: { explanation: Explanation }) {
  const t = useT();
  const { locale } = useLocale();
  const decimal = numberFormat(locale, { maximumFractionDigits: 6 });
  const twoPlaces = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const value = (v: string) => {
    const key = SPECIAL[v];
    return key ? t(key) : v;
  };
  const steps =
    e.weighted === null ? (
      <p>{t('periodMark.none')}</p>
    ) : (
      <>
        <ol className="period-mark__steps">
          <li data-testid="period-mark-weighted">
            {t('periodMark.weighted', {
              products: decimal.format(e.productSum ?? 0),
              weights: decimal.format(e.weightSum ?? 0),
              average: twoPlaces.format(e.weighted),
            })}
          </li>
          <li className="muted">{t('periodMark.rounding')}</li>
          {e.rounded !== null ? (
            <li>
              {t('periodMark.rule', {
                threshold: decimal.format(e.threshold),
                average: twoPlaces.format(e.weighted),
                rounded: decimal.format(e.rounded),
              })}
            </li>
          ) : null}
        </ol>
        <p className="period-mark__proposed" data-testid="period-mark-proposed">
          {e.proposed === null ? t('periodMark.noProposal') : t('periodMark.proposed', { scale: e.scaleName, value: value(e.proposed) })}
        </p>
        {e.plain !== null ? (
          <p className="muted">
            {t('periodMark.plain', { sum: decimal.format(e.valueSum ?? 0), count: e.count, average: twoPlaces.format(e.plain) })}
          </p>
        ) : null}
      </>
    );
  return (
    <div className="period-mark" data-testid="period-mark-explanation">
      <p className="muted">{t('periodMark.intro')}</p>
      {steps}
      {e.grades.length > 0 ? (
        <div className="period-mark__scroll">
          <table className="table period-mark__table">
            <caption className="visually-hidden">{t('periodMark.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('periodMark.date')}</th>
                <th scope="col">{t('periodMark.workType')}</th>
                <th scope="col" className="period-mark__num">
                  {t('periodMark.product')}
                </th>
              </tr>
            </thead>
            <tbody>
              {e.grades.map((g) => (
                <tr key={g.id} className={g.product === null ? 'period-mark__skipped' : undefined}>
                  <td>{formatShortDate(locale, g.date)}</td>
                  <td>{g.workTypeName}</td>
                  <td className="period-mark__num">
                    {g.product === null
                      ? `${value(g.value)} — ${t('periodMark.notCounted')}`
                      : `${value(g.value)} × ${decimal.format(g.weight)} = ${decimal.format(g.product)}`}
                  </td>
                </tr>
              ))}
            </tbody>
            {e.count > 0 ? (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('periodMark.total')}
                  </th>
                  <td className="period-mark__num">
                    {t('periodMark.totals', { weights: decimal.format(e.weightSum ?? 0), products: decimal.format(e.productSum ?? 0) })}
                  </td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      ) : null}
      {e.excluded > 0 ? <p className="muted">{t('periodMark.excluded', { count: e.excluded })}</p> : null}
      <p className="muted">{t('periodMark.teacherDecides')}</p>
    </div>
  );
}
