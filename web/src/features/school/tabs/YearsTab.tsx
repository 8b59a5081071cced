import type { MessageKey } from '@contract/i18n/translate';
import { HOLIDAY_LIMITS, PERIOD_LIMITS, YEAR_LIMITS } from '@contract/limits';
import type { Holiday, HolidayKind, Period, PeriodKind, Year } from '@contract/schemas/school';
import { useId, useState } from 'react';
import { useSchool } from '../../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { ErrorNotice } from '../../../components/status';
import { formatDate, todayInZone } from '../../../lib/dates';
import { type Translate, useLocale, useT } from '../../../lib/i18n';
import { useResource } from '../../../lib/resource';
import { currentYear } from '../../../lib/resources/years';
import { useCreateHolidays, useDeleteHoliday, useHolidays, useUpdateHoliday } from '../api/holidays';
import { useCreatePeriods, useDeletePeriod, usePeriods, useUpdatePeriod } from '../api/periods';
import { useApplyPeriodPreset, useCreateYear, useDeleteYear, useUpdateYear } from '../api/years';

// Type-checked copies of the contract's lists (importing the values would pull TypeBox into the bundle).
const PERIOD_KINDS: readonly PeriodKind[] = ['quarter', 'trimester', 'half_year'];
const HOLIDAY_KINDS: readonly HolidayKind[] = ['vacation', 'public_holiday', 'day_off'];

const yearFields: FieldSpec[] = withLimits(YEAR_LIMITS, [
  { name: 'name', label: 'web.school.field.name', required: true, hint: 'web.school.hint.yearName' },
  { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
  { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
]);

const periodFields = (t: Translate): FieldSpec[] =>
  withLimits(PERIOD_LIMITS, [
    {
      name: 'kind',
      label: 'web.school.field.kind',
      type: 'select',
      required: true,
      options: PERIOD_KINDS.map((k) => ({ value: k, label: t(`school.periodKind.${k}` as MessageKey) })),
    },
    { name: 'ordinal', label: 'web.school.field.ordinal', type: 'number', required: true, min: 1, max: 6 },
    { name: 'name', label: 'web.school.field.name', required: true },
    { name: 'gradeFrom', label: 'web.school.field.gradeFrom', type: 'number', required: true, min: 1, max: 11 },
    { name: 'gradeTo', label: 'web.school.field.gradeTo', type: 'number', required: true, min: 1, max: 11 },
    { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
    { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
  ]);

const holidayFields = (t: Translate): FieldSpec[] =>
  withLimits(HOLIDAY_LIMITS, [
    {
      name: 'kind',
      label: 'web.school.field.kind',
      type: 'select',
      required: true,
      options: HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`school.holidayKind.${k}` as MessageKey) })),
    },
    { name: 'name', label: 'web.school.field.name', required: true },
    { name: 'startsOn', label: 'web.school.field.startsOn', type: 'date', required: true },
    { name: 'endsOn', label: 'web.school.field.endsOn', type: 'date', required: true },
  ]);

export function YearsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const years = useResource<{ items: Year[] }>(school.id, 'years');
  const createYear = useCreateYear(school.id);
  const updateYear = useUpdateYear(school.id);
  const deleteYear = useDeleteYear(school.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = useId();
  const items = years.data?.items ?? [];
  const year = items.find((y) => y.id === chosen) ?? currentYear(items, todayInZone(school.timezone));

  return (
    <>
      <ListState query={years} empty={t('web.school.noYears')}>
        {() => (
          <RecordTable<Year>
            testId="years"
            items={items}
            describe={(y) => y.name}
            columns={[
              { header: t('web.school.field.name'), cell: (y) => y.name },
              { header: t('web.school.field.startsOn'), cell: (y) => formatDate(locale, y.startsOn) },
              { header: t('web.school.field.endsOn'), cell: (y) => formatDate(locale, y.endsOn) },
            ]}
            edit={
              editable
                ? {
                    fields: () => yearFields,
                    initial: (y) => ({ name: y.name, startsOn: y.startsOn, endsOn: y.endsOn }),
                    save: (y, body) => updateYear.mutateAsync({ id: y.id, body }),
                  }
                : undefined
            }
            remove={editable ? (y) => deleteYear.mutateAsync(y.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addYear')}>
          <EntityForm submitLabel="web.form.add" onSubmit={(body) => createYear.mutateAsync(body)} fields={yearFields} />
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
  const update = useUpdatePeriod(school.id);
  const remove = useDeletePeriod(school.id);
  const preset = useApplyPeriodPreset(school.id);
  return (
    <section>
      <h3>{t('web.school.periodsOf', { year: yearName })}</h3>
      <ListState query={periods} empty={t('web.school.noPeriods')}>
        {(items) => (
          <RecordTable<Period>
            testId="periods"
            items={items}
            describe={(p) => `${p.name} (${p.gradeFrom}–${p.gradeTo})`}
            columns={[
              { header: t('web.school.field.name'), cell: (p) => p.name },
              { header: t('web.school.field.grades'), cell: (p) => `${p.gradeFrom}–${p.gradeTo}` },
              { header: t('web.school.field.startsOn'), cell: (p) => formatDate(locale, p.startsOn) },
              { header: t('web.school.field.endsOn'), cell: (p) => formatDate(locale, p.endsOn) },
              {
                header: t('web.school.field.state'),
                cell: (p) => (p.closedAt ? t('web.school.periodClosed') : t('web.school.periodOpen')),
              },
            ]}
            edit={
              editable
                ? {
                    fields: () => periodFields(t),
                    initial: (p) => ({
                      kind: p.kind,
                      ordinal: String(p.ordinal),
                      name: p.name,
                      gradeFrom: String(p.gradeFrom),
                      gradeTo: String(p.gradeTo),
                      startsOn: p.startsOn,
                      endsOn: p.endsOn,
                    }),
                    save: (p, body) => update.mutateAsync({ id: p.id, body }),
                  }
                : undefined
            }
            remove={editable ? (p) => remove.mutateAsync(p.id) : undefined}
          />
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
          <EntityForm submitLabel="web.form.add" onSubmit={(body) => create.mutateAsync({ ...body, yearId })} fields={periodFields(t)} />
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
  const update = useUpdateHoliday(school.id);
  const remove = useDeleteHoliday(school.id);
  return (
    <section>
      <h3>{t('web.school.holidaysOf', { year: yearName })}</h3>
      <ListState query={holidays} empty={t('web.school.noHolidays')}>
        {(items) => (
          <RecordTable<Holiday>
            testId="holidays"
            items={items}
            describe={(h) => h.name}
            columns={[
              { header: t('web.school.field.name'), cell: (h) => h.name },
              { header: t('web.school.field.kind'), cell: (h) => t(`school.holidayKind.${h.kind}` as MessageKey) },
              { header: t('web.school.field.startsOn'), cell: (h) => formatDate(locale, h.startsOn) },
              { header: t('web.school.field.endsOn'), cell: (h) => formatDate(locale, h.endsOn) },
            ]}
            edit={
              editable
                ? {
                    fields: () => holidayFields(t),
                    initial: (h) => ({ kind: h.kind, name: h.name, startsOn: h.startsOn, endsOn: h.endsOn }),
                    save: (h, body) => update.mutateAsync({ id: h.id, body }),
                  }
                : undefined
            }
            remove={editable ? (h) => remove.mutateAsync(h.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addHoliday')}>
          <EntityForm submitLabel="web.form.add" onSubmit={(body) => create.mutateAsync({ ...body, yearId })} fields={holidayFields(t)} />
        </AddPanel>
      ) : null}
    </section>
  );
}
