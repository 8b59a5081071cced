import type { Bell, BellCreate } from '@contract/schemas/school';
import { type FormEvent, useId, useState } from 'react';
import { useSchool } from '../../../app/school-context';
import { EntityForm, type FieldSpec, fieldErrorText } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { errorText } from '../../../components/status';
import { ApiError } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { useBells, useCreateBells, useDeleteBell, useReplaceBells, useUpdateBell } from '../api/bells';

const bellFields: FieldSpec[] = [
  { name: 'lessonNumber', label: 'web.school.field.lessonNumber', type: 'number', required: true, min: 0, max: 12 },
  { name: 'startsAt', label: 'web.school.field.startsAt', type: 'time', required: true },
  { name: 'endsAt', label: 'web.school.field.endsAt', type: 'time', required: true },
];

export function BellsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const bells = useBells(school.id);
  const create = useCreateBells(school.id);
  const update = useUpdateBell(school.id);
  const remove = useDeleteBell(school.id);
  return (
    <>
      <ListState query={bells} empty={t('web.school.noBells')}>
        {(items) => (
          <RecordTable<Bell>
            testId="bells"
            items={[...items].sort((a, b) => a.lessonNumber - b.lessonNumber)}
            describe={(b) => t('web.school.bellRow', { number: b.lessonNumber })}
            columns={[
              { header: t('web.school.field.lessonNumber'), cell: (b) => b.lessonNumber },
              { header: t('web.school.field.startsAt'), cell: (b) => b.startsAt },
              { header: t('web.school.field.endsAt'), cell: (b) => b.endsAt },
            ]}
            edit={
              editable
                ? {
                    fields: () => bellFields,
                    initial: (b) => ({ lessonNumber: String(b.lessonNumber), startsAt: b.startsAt, endsAt: b.endsAt }),
                    save: (b, body) => update.mutateAsync({ id: b.id, body }),
                  }
                : undefined
            }
            remove={editable ? (b) => remove.mutateAsync(b.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <>
          <AddPanel title={t('web.school.addBell')}>
            <EntityForm submitLabel="web.form.add" onSubmit={(body) => create.mutateAsync(body)} fields={bellFields} />
          </AddPanel>
          <AddPanel title={t('web.school.replaceBells')}>
            {bells.data ? <ScheduleEditor key={scheduleSignature(bells.data.items)} bells={bells.data.items} /> : null}
          </AddPanel>
        </>
      ) : null}
    </>
  );
}

/** Remount the editor when the schedule changes elsewhere, but not after its own save (same times). */
const scheduleSignature = (bells: Bell[]) =>
  [...bells]
    .sort((a, b) => a.lessonNumber - b.lessonNumber)
    .map((b) => `${b.lessonNumber}-${b.startsAt}-${b.endsAt}`)
    .join(',');

interface Row {
  key: number;
  lessonNumber: string;
  startsAt: string;
  endsAt: string;
}

/** The whole schedule as rows, saved atomically by PUT …/bells (a change of shift times in one go). */
function ScheduleEditor({ bells }: { bells: Bell[] }) {
  const t = useT();
  const school = useSchool();
  const replace = useReplaceBells(school.id);
  const baseId = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    [...bells]
      .sort((a, b) => a.lessonNumber - b.lessonNumber)
      .map((b, i) => ({ key: i, lessonNumber: String(b.lessonNumber), startsAt: b.startsAt, endsAt: b.endsAt })),
  );
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const change = (key: number, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () =>
    setRows((all) => {
      const last = all.at(-1);
      const next = last ? String(Number(last.lessonNumber) + 1) : '1';
      return [...all, { key: Math.max(-1, ...all.map((r) => r.key)) + 1, lessonNumber: next, startsAt: '', endsAt: '' }];
    });

  // The server names the failing item as items.3.startsAt: point at that input.
  const failing = error instanceof ApiError && error.field ? /^items\.(\d+)\.(\w+)$/.exec(error.field) : null;
  const failingIndex = failing ? Number(failing[1]) : -1;
  const failingField = failing?.[2];
  const label = {
    lessonNumber: 'web.school.field.lessonNumber',
    startsAt: 'web.school.field.startsAt',
    endsAt: 'web.school.field.endsAt',
  } as const;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const items: BellCreate[] = rows.map((r) => ({ lessonNumber: Number(r.lessonNumber), startsAt: r.startsAt, endsAt: r.endsAt }));
    try {
      await replace.mutateAsync(items);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form className="form form--wide" onSubmit={submit} noValidate data-testid="bell-schedule">
      <p className="field__hint">{t('web.school.replaceBellsHint')}</p>
      <fieldset>
        <legend>{t('web.school.bellSchedule')}</legend>
        <div className="bell-editor">
          {rows.map((row, index) => (
            <div key={row.key} className="bell-editor__row">
              {(['lessonNumber', 'startsAt', 'endsAt'] as const).map((name) => {
                const id = `${baseId}-${row.key}-${name}`;
                const invalid = index === failingIndex && failingField === name;
                return (
                  <div key={name} className="field">
                    <label className="field__label" htmlFor={id}>
                      {t(label[name])}
                    </label>
                    <input
                      id={id}
                      name={`items.${index}.${name}`}
                      type={name === 'lessonNumber' ? 'number' : 'time'}
                      min={name === 'lessonNumber' ? 0 : undefined}
                      max={name === 'lessonNumber' ? 12 : undefined}
                      required
                      aria-invalid={invalid || undefined}
                      aria-describedby={invalid ? `${id}-error` : undefined}
                      value={row[name]}
                      onChange={(e) => change(row.key, { [name]: e.target.value })}
                    />
                    {invalid ? (
                      <p className="field__error" id={`${id}-error`}>
                        {fieldErrorText(t, error, label[name])}
                      </p>
                    ) : null}
                  </div>
                );
              })}
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                {t('web.school.removeBellRow', { number: row.lessonNumber })}
              </button>
            </div>
          ))}
        </div>
      </fieldset>
      {error && !failing ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {failing ? (
        <p className="visually-hidden" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {saved && !error ? (
        <p className="form__saved" role="status">
          {t('web.form.saved')}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={addRow} disabled={rows.length >= 13}>
          {t('web.school.addBellRow')}
        </button>
        <button type="submit" className="button" disabled={replace.isPending}>
          {replace.isPending ? t('web.form.saving') : t('web.school.saveSchedule')}
        </button>
      </div>
    </form>
  );
}
