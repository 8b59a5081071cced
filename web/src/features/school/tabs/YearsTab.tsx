import type { MessageKey } from '@contract/i18n/index';
import type { HolidayKind, PeriodKind, Year } from '@contract/schemas/school';
import { useId, useState } from 'react';
import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { ErrorNotice } from '../../../components/status';
import { formatDate, todayIso } from '../../../lib/dates';
import { useLocale, useT } from '../../../lib/i18n';
import { useResource } from '../../../lib/resource';
import { useCreateHolidays, useHolidays } from '../api/holidays';
import { currentYear } from '../api/list-years';
import { useCreatePeriods, usePeriods } from '../api/periods';
import { useApplyPeriodPreset, useCreateYear } from '../api/years';
import { AddPanel, ListState } from './common';

// Type-checked copies of the contract's lists (importing the values would pull TypeBox into the bundle).
const PERIOD_KINDS: readonly PeriodKind[] = ['quarter', 'trimester', 'half_year'];
const HOLIDAY_KINDS: readonly HolidayKind[] = ['vacation', 'public_holiday', 'day_off'];

export function YearsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const years = useResource<{ items: Year[] }>(school.id, 'years');
  const createYear = useCreateYear(school.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = useId();
  const items = years.data?.items ?? [];
  const year = items.find((y) => y.id === chosen) ?? currentYear(items, todayIso());

  return (
    <>
      <ListState query={years} empty={t('web.school.noYears')}>
        {() => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.name')}</th>
                  <th scope="col">{t('web.school.field.startsOn')}</th>
                  <th scope="col">{t('web.school.field.endsOn')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((y) => (
                  <tr key={y.id}>
                    <td>{y.name}</td>
                    <td>{formatDate(locale, y.startsOn)}</td>
                    <td>{formatDate(locale, y.endsOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addYear')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => createYear.mutateAsync(body)}
            fields={[
              { name: 'name', label: 'web.school.field.name', required: true, maxLength: 50, hint: 'web.school.hint.yearName' },
              { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
              { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
            ]}
          />
        </AddPanel>
      ) : null}

      {year ? (
        <>
          {items.length > 1 ? (
            <div className="field field--narrow">
              <label className="field__label" htmlFor={selectId}>
                {t('web.school.field.year')}
              </label>
              <select id={selectId} value={year.id} onChange={(e) => setChosen(e.target.value)}>
                {items.map((y) => (
                  <option key={y.id} value={y.id}>
                    {y.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <PeriodsSection yearId={year.id} yearName={year.name} editable={editable} />
          <HolidaysSection yearId={year.id} yearName={year.name} editable={editable} />
        </>
      ) : null}
    </>
  );
}

function PeriodsSection({ yearId, yearName, editable }: { yearId: string; yearName: string; editable: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const periods = usePeriods(school.id, { yearId });
  const create = useCreatePeriods(school.id);
  const preset = useApplyPeriodPreset(school.id);
  return (
    <section>
      <h3>{t('web.school.periodsOf', { year: yearName })}</h3>
      <ListState query={periods} empty={t('web.school.noPeriods')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.name')}</th>
                  <th scope="col">{t('web.school.field.grades')}</th>
                  <th scope="col">{t('web.school.field.startsOn')}</th>
                  <th scope="col">{t('web.school.field.endsOn')}</th>
                  <th scope="col">{t('web.school.field.state')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>
                      {p.gradeFrom}–{p.gradeTo}
                    </td>
                    <td>{formatDate(locale, p.startsOn)}</td>
                    <td>{formatDate(locale, p.endsOn)}</td>
                    <td>{p.closedAt ? t('web.school.periodClosed') : t('web.school.periodOpen')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable && periods.data?.items.length === 0 ? (
        <div className="form__actions form__actions--spaced no-print">
          <button type="button" className="button button--secondary" disabled={preset.isPending} onClick={() => preset.mutate(yearId)}>
            {t('web.school.applyPreset')}
          </button>
        </div>
      ) : null}
      {preset.isError ? <ErrorNotice error={preset.error} /> : null}
      {editable ? (
        <AddPanel title={t('web.school.addPeriod')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync({ ...body, yearId })}
            fields={[
              {
                name: 'kind',
                label: 'web.school.field.kind',
                type: 'select',
                required: true,
                options: PERIOD_KINDS.map((k) => ({ value: k, label: t(`school.periodKind.${k}` as MessageKey) })),
              },
              { name: 'ordinal', label: 'web.school.field.ordinal', type: 'number', required: true, min: 1, max: 6 },
              { name: 'name', label: 'web.school.field.name', required: true, maxLength: 50 },
              { name: 'gradeFrom', label: 'web.school.field.gradeFrom', type: 'number', required: true, min: 1, max: 11 },
              { name: 'gradeTo', label: 'web.school.field.gradeTo', type: 'number', required: true, min: 1, max: 11 },
              { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
              { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
            ]}
          />
        </AddPanel>
      ) : null}
    </section>
  );
}

function HolidaysSection({ yearId, yearName, editable }: { yearId: string; yearName: string; editable: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const holidays = useHolidays(school.id, { yearId });
  const create = useCreateHolidays(school.id);
  return (
    <section>
      <h3>{t('web.school.holidaysOf', { year: yearName })}</h3>
      <ListState query={holidays} empty={t('web.school.noHolidays')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.name')}</th>
                  <th scope="col">{t('web.school.field.kind')}</th>
                  <th scope="col">{t('web.school.field.startsOn')}</th>
                  <th scope="col">{t('web.school.field.endsOn')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((h) => (
                  <tr key={h.id}>
                    <td>{h.name}</td>
                    <td>{t(`school.holidayKind.${h.kind}` as MessageKey)}</td>
                    <td>{formatDate(locale, h.startsOn)}</td>
                    <td>{formatDate(locale, h.endsOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addHoliday')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync({ ...body, yearId })}
            fields={[
              {
                name: 'kind',
                label: 'web.school.field.kind',
                type: 'select',
                required: true,
                options: HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`school.holidayKind.${k}` as MessageKey) })),
              },
              { name: 'name', label: 'web.school.field.name', required: true, maxLength: 100 },
              { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
              { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
            ]}
          />
        </AddPanel>
      ) : null}
    </section>
  );
}
