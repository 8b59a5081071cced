import { GRADE_SCALE_LIMITS, WORK_TYPE_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useSchool } from '../../app/school-context';
import { EntityForm } from '../../components/EntityForm';
import { RecordTable } from '../../components/RecordTable';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import {
  type CurriculumEntry,
  type GradeScale,
  useCreateScale,
  useCreateWorkType,
  useCurriculumItems,
  useCurriculumScales,
  useGradeScales,
  useSetCurriculumScale,
  useSetDefaultScale,
  useUpdateWorkType,
  useWorkTypes,
  type WorkType,
} from './api/grading';
import { gradeLabel } from './cell-input';
import { parseScaleValues } from './scale-input';
import './journal.css';

type Status = { state: 'idle' | 'saving' | 'saved' } | { state: 'error'; message: string };

/**
 * Grade scales and work types (R3.2): the school's default scale, the scale of each subject of
 * the curriculum, the school's own scales, and the work types with their weights. Only an admin
 * (grading.manage) changes them; others who reach the address see them read-only.
 */
export function GradingSettingsPage() {
  const t = useT();
  const school = useSchool();
  const editable = school.permissions.includes(Permission.gradingManage);
  const scales = useGradeScales(school.id);
  useDocumentTitle(t('journalWeb.nav.grading'));
  return (
    <div className="grading-page">
      <header className="page-header">
        <h1>{t('journalWeb.nav.grading')}</h1>
        {editable ? null : <p className="page-header__subtitle">{t('web.common.readOnly')}</p>}
      </header>
      {scales.isPending ? (
        <Loading />
      ) : scales.isError ? (
        <ErrorNotice error={scales.error} onRetry={() => scales.refetch()} />
      ) : (
        <>
          <DefaultScale key={scales.data.defaultScale} scales={scales.data.items} current={scales.data.defaultScale} editable={editable} />
          <SubjectScales scales={scales.data.items} defaultScale={scales.data.defaultScale} editable={editable} />
          <WorkTypes editable={editable} />
          <Scales scales={scales.data.items} editable={editable} />
        </>
      )}
    </div>
  );
}

function StatusLine({ status }: { status: Status }) {
  const t = useT();
  if (status.state === 'saved') {
    return (
      <span className="form__saved" role="status">
        {t('journalWeb.grading.saved')}
      </span>
    );
  }
  if (status.state === 'error') {
    return (
      <span className="field__error" role="alert">
        {status.message}
      </span>
    );
  }
  return null;
}

function DefaultScale({ scales, current, editable }: { scales: GradeScale[]; current: string; editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const id = useId();
  const [value, setValue] = useState(current);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const save = useSetDefaultScale(school.id);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus({ state: 'saving' });
    try {
      await save.mutateAsync(value);
      setStatus({ state: 'saved' });
    } catch (err) {
      setStatus({ state: 'error', message: errorText(t, err) });
    }
  };
  return (
    <section className="panel grading-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('journalWeb.grading.defaultScale')}</h2>
      <p className="muted">{t('journalWeb.grading.defaultScale.hint')}</p>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {t('journalWeb.grading.column.scale')}
          </label>
          <select id={id} value={value} disabled={!editable} onChange={(e) => setValue(e.target.value)} data-testid="default-scale">
            {scales.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {editable ? (
          <div className="form__actions">
            <button type="submit" className="button" disabled={value === current || status.state === 'saving'}>
              {t('journalWeb.grading.save')}
            </button>
            <StatusLine status={status} />
          </div>
        ) : null}
      </form>
    </section>
  );
}

function SubjectScales({ scales, defaultScale, editable }: { scales: GradeScale[]; defaultScale: string; editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const headingId = useId();
  const filterIds = { owner: useId(), subject: useId() };
  const items = useCurriculumItems(school.id);
  const own = useCurriculumScales(school.id);
  const save = useSetCurriculumScale(school.id);
  const [status, setStatus] = useState<Record<string, Status>>({});
  const byItem = useMemo(() => new Map((own.data?.items ?? []).map((i) => [i.curriculumId, i.scale])), [own.data]);
  const defaultName = scales.find((s) => s.code === defaultScale)?.name ?? defaultScale;
  const sorted = useMemo(
    () =>
      [...(items.data?.items ?? [])].sort(
        (a, b) => a.targetName.localeCompare(b.targetName, 'ru', { numeric: true }) || a.subjectName.localeCompare(b.subjectName, 'ru'),
      ),
    [items.data],
  );
  // A school has hundreds of items: one class or group at a time, or one subject across classes.
  const owners = useMemo(() => [...new Set(sorted.map((i) => i.targetName))], [sorted]);
  const subjects = useMemo(() => [...new Set(sorted.map((i) => i.subjectName))].sort((a, b) => a.localeCompare(b, 'ru')), [sorted]);
  const [owner, setOwner] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const shownOwner = owner ?? (subject ? '' : (owners[0] ?? ''));
  const shown = sorted.filter((i) => (!shownOwner || i.targetName === shownOwner) && (!subject || i.subjectName === subject));
  const choose = async (item: CurriculumEntry, scale: string | null) => {
    setStatus((s) => ({ ...s, [item.id]: { state: 'saving' } }));
    try {
      await save.mutateAsync({ curriculumId: item.id, scale });
      setStatus((s) => ({ ...s, [item.id]: { state: 'saved' } }));
    } catch (err) {
      setStatus((s) => ({ ...s, [item.id]: { state: 'error', message: errorText(t, err) } }));
    }
  };
  const query = items.isError ? items : own;
  return (
    <section className="panel grading-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('journalWeb.grading.subjects')}</h2>
      <p className="muted">{t('journalWeb.grading.subjects.hint')}</p>
      {items.isPending || own.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => query.refetch()} />
      ) : sorted.length === 0 ? (
        <Empty>{t('journalWeb.grading.subjects.none')}</Empty>
      ) : (
        <>
          <div className="toolbar">
            <div className="field">
              <label className="field__label" htmlFor={filterIds.owner}>
                {t('journalWeb.grading.column.owner')}
              </label>
              <select id={filterIds.owner} value={shownOwner} onChange={(e) => setOwner(e.target.value)} data-testid="subject-scales-owner">
                <option value="">{t('web.common.all')}</option>
                {owners.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={filterIds.subject}>
                {t('journalWeb.grading.column.subject')}
              </label>
              <select
                id={filterIds.subject}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                data-testid="subject-scales-subject"
              >
                <option value="">{t('web.common.all')}</option>
                {subjects.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="table-wrap">
            <table className="table grading-subjects" data-testid="subject-scales">
              <thead>
                <tr>
                  <th scope="col">{t('journalWeb.grading.column.owner')}</th>
                  <th scope="col">{t('journalWeb.grading.column.subject')}</th>
                  <th scope="col">{t('journalWeb.grading.column.teacher')}</th>
                  <th scope="col">{t('journalWeb.grading.column.scale')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((item) => {
                  const cell = status[item.id] ?? { state: 'idle' };
                  return (
                    <tr key={item.id} data-testid="subject-scale-row">
                      <td>{item.targetName}</td>
                      <td>{item.subjectName}</td>
                      <td>{item.teacherName}</td>
                      <td>
                        <select
                          aria-label={t('journalWeb.grading.scaleOf', { subject: item.subjectName, owner: item.targetName })}
                          value={byItem.get(item.id) ?? ''}
                          disabled={!editable || cell.state === 'saving'}
                          onChange={(e) => void choose(item, e.target.value || null)}
                        >
                          <option value="">{t('journalWeb.grading.schoolDefault', { scale: defaultName })}</option>
                          {scales.map((s) => (
                            <option key={s.code} value={s.code}>
                              {s.name}
                            </option>
                          ))}
                        </select>{' '}
                        <StatusLine status={cell} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function WorkTypes({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const headingId = useId();
  const { locale } = useLocale();
  const types = useWorkTypes(school.id);
  const create = useCreateWorkType(school.id);
  const update = useUpdateWorkType(school.id);
  const fields = [
    { name: 'name', label: 'journalWeb.grading.workType.name', type: 'text', required: true, maxLength: WORK_TYPE_LIMITS.name },
    { name: 'weight', label: 'journalWeb.grading.workType.weight', type: 'number', required: true, min: 0.1, max: 10 },
    { name: 'isControl', label: 'journalWeb.grading.workType.control', type: 'checkbox' },
  ] as const;
  return (
    <section className="panel grading-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('journalWeb.grading.workTypes')}</h2>
      <p className="muted">{t('journalWeb.grading.workTypes.hint')}</p>
      {types.isPending ? (
        <Loading />
      ) : types.isError ? (
        <ErrorNotice error={types.error} onRetry={() => types.refetch()} />
      ) : (
        <RecordTable<WorkType>
          testId="work-types"
          items={types.data.items}
          describe={(w) => w.name}
          columns={[
            { header: t('journalWeb.grading.workType.name'), cell: (w) => w.name },
            { header: t('journalWeb.grading.workType.weight'), cell: (w) => w.weight.toLocaleString(locale) },
            { header: t('journalWeb.grading.workType.control'), cell: (w) => (w.isControl ? t('web.common.yes') : t('web.common.no')) },
          ]}
          edit={
            editable
              ? {
                  fields: () => fields.map((f) => ({ ...f })),
                  initial: (w) => ({ name: w.name, weight: String(w.weight), isControl: w.isControl }),
                  save: (w, body) => update.mutateAsync({ id: w.id, body }),
                }
              : undefined
          }
        />
      )}
      {editable ? (
        <details className="panel no-print">
          <summary>{t('journalWeb.grading.addWorkType')}</summary>
          <EntityForm
            submitLabel="journalWeb.grading.add"
            fields={fields.map((f) => ({ ...f }))}
            initial={{ weight: '1', isControl: false }}
            onSubmit={(body) => create.mutateAsync(body as { name: string; weight: number; isControl: boolean })}
            testId="work-type-add"
          />
        </details>
      ) : null}
    </section>
  );
}

function Scales({ scales, editable }: { scales: GradeScale[]; editable: boolean }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="panel grading-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('journalWeb.grading.scales')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="scales">
          <thead>
            <tr>
              <th scope="col">{t('journalWeb.grading.scale.name')}</th>
              <th scope="col">{t('journalWeb.grading.scale.values')}</th>
              <th scope="col">{t('journalWeb.grading.scale.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {scales.map((s) => (
              <tr key={s.code}>
                <td>{s.name}</td>
                <td>
                  {s.values
                    .map((v) =>
                      v.numeric === null || String(v.numeric) === v.value ? gradeLabel(t, v.value) : `${v.value} (${v.numeric})`,
                    )
                    .join(', ')}
                  {s.values.every((v) => v.numeric === null) ? (
                    <span className="muted"> — {t('journalWeb.grading.scale.noAverage')}</span>
                  ) : null}
                </td>
                <td>{s.builtIn ? t('journalWeb.grading.scale.builtIn') : t('journalWeb.grading.scale.own')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? <AddScale /> : null}
    </section>
  );
}

function AddScale() {
  const t = useT();
  const school = useSchool();
  const ids = { name: useId(), values: useId() };
  const create = useCreateScale(school.id);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseScaleValues(text);
    if (!parsed.ok) {
      setStatus({ state: 'error', message: t('journalWeb.grading.scale.badValues', { part: parsed.bad }) });
      return;
    }
    if (parsed.values.length === 0) {
      setStatus({ state: 'error', message: t('journalWeb.grading.scale.noValues') });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      await create.mutateAsync({ name: name.trim(), values: parsed.values });
      setName('');
      setText('');
      setStatus({ state: 'saved' });
    } catch (err) {
      setStatus({ state: 'error', message: errorText(t, err) });
    }
  };
  return (
    <details className="panel no-print">
      <summary>{t('journalWeb.grading.addScale')}</summary>
      <form className="form" onSubmit={submit} data-testid="scale-add">
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            {t('journalWeb.grading.scale.name')}
          </label>
          <input id={ids.name} value={name} maxLength={GRADE_SCALE_LIMITS.name} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.values}>
            {t('journalWeb.grading.scale.valuesInput')}
          </label>
          <input
            id={ids.values}
            value={text}
            maxLength={1000}
            placeholder={t('journalWeb.grading.scale.valuesExample')}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={name.trim() === '' || status.state === 'saving'}>
            {t('journalWeb.grading.add')}
          </button>
          <StatusLine status={status} />
        </div>
      </form>
    </details>
  );
}
