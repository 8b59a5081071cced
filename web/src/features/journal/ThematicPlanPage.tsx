import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/status';
import { schoolPath } from '../../lib/access';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { useJournalList } from './api/journal';
import { importPlan, type PlanImport, type PlanLessons, planKeys, planTemplateUrl, usePlanLessons } from './api/plan';
import './journal.css';

export const planPath = (schoolId: string, curriculumId: string) =>
  schoolPath(schoolId, `journal/${encodeURIComponent(curriculumId)}/plan`);

/**
 * The thematic plan (КТП) of one class subject (R2.3, R10.3): upload CSV/XLSX, see the dry run's
 * problems per row, fix the file, upload again, apply; then which topic lands on which lesson.
 */
export function ThematicPlanPage() {
  const t = useT();
  const school = useSchool();
  const { curriculumId = '' } = useParams();
  const list = useJournalList(school.id);
  const lessons = usePlanLessons(school.id, curriculumId);
  const item = list.data?.items.find((i) => i.curriculumId === curriculumId);
  useDocumentTitle(t('planWeb.title'));

  return (
    <div className="journal-page plan-page">
      <header className="page-header">
        <p>
          <Link to={schoolPath(school.id, `journal/${encodeURIComponent(curriculumId)}`)}>{t('planWeb.back')}</Link>
        </p>
        <h1>{t('planWeb.title')}</h1>
        {item ? <p className="journal-head__meta">{`${item.ownerName} — ${item.subjectName}`}</p> : null}
      </header>
      {lessons.isPending ? (
        <Loading />
      ) : lessons.isError ? (
        <ErrorNotice error={lessons.error} onRetry={() => lessons.refetch()} />
      ) : (
        <>
          {lessons.data.canWrite ? (
            <PlanUpload schoolId={school.id} curriculumId={curriculumId} />
          ) : (
            <p className="muted">{t('planWeb.readOnly')}</p>
          )}
          <LessonTopics data={lessons.data} />
        </>
      )}
    </div>
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; dryRun: boolean }
  | { kind: 'checked'; result: PlanImport }
  | { kind: 'applied'; count: number };

function PlanUpload({ schoolId, curriculumId }: { schoolId: string; curriculumId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setStep({ kind: 'busy', dryRun });
    try {
      const result = await importPlan(schoolId, curriculumId, file, dryRun, locale);
      if (dryRun) {
        setStep({ kind: 'checked', result });
        return;
      }
      setStep({ kind: 'applied', count: result.accepted });
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: planKeys.lessons(schoolId, curriculumId) });
      // The journal grid shows plan topics too: its pages of this item load afresh.
      await queryClient.invalidateQueries({ queryKey: ['journal', schoolId, 'page', curriculumId] });
    } catch (e) {
      setError(e);
      setStep({ kind: 'idle' });
    }
  };

  const checked = step.kind === 'checked' ? step.result : null;
  const ready = checked !== null && checked.problems.length === 0 && checked.accepted > 0;
  const hours = checked ? checked.items.reduce((n, i) => n + i.hours, 0) : 0;
  return (
    <section className="panel plan-upload" aria-labelledby={`${fileId}-heading`}>
      <h2 id={`${fileId}-heading`}>{t('planWeb.upload.heading')}</h2>
      <p className="muted">{t('planWeb.upload.help')}</p>
      <p>
        {t('planWeb.template.heading')}{' '}
        <a href={planTemplateUrl(schoolId, 'csv')} download data-testid="plan-template-csv">
          {t('planWeb.template.csv')}
        </a>
        {' · '}
        <a href={planTemplateUrl(schoolId, 'xlsx')} download data-testid="plan-template-xlsx">
          {t('planWeb.template.xlsx')}
        </a>
      </p>
      <form
        className="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('planWeb.upload.file')}
          </label>
          <input
            ref={input}
            id={fileId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="plan-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep({ kind: 'idle' });
              setError(null);
            }}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={!file || step.kind === 'busy'} data-testid="plan-check">
            {step.kind === 'busy' && step.dryRun ? t('planWeb.upload.checking') : t('planWeb.upload.check')}
          </button>
          <button type="button" className="button" disabled={!ready || !file} onClick={() => void run(false)} data-testid="plan-apply">
            {step.kind === 'busy' && !step.dryRun ? t('planWeb.upload.applying') : t('planWeb.upload.apply')}
          </button>
        </div>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {step.kind === 'applied' ? <SuccessNotice>{t('planWeb.result.applied', { count: step.count })}</SuccessNotice> : null}
      {checked && checked.problems.length > 0 ? (
        <div className="plan-problems" data-testid="plan-problems">
          <p className="status status--error" role="alert">
            {t('planWeb.result.problems', { count: checked.problems.length })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('planWeb.result.row')}</th>
                <th scope="col">{t('planWeb.result.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {checked.problems.map((p) => (
                <tr key={`${p.row}-${p.message}`}>
                  <td>{p.row}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {ready && checked ? (
        <div data-testid="plan-preview">
          <p className="status status--success" role="status">
            {t('planWeb.result.ok', { count: checked.accepted, hours })}
          </p>
          <div className="plan-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('planWeb.preview.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('planWeb.preview.ordinal')}</th>
                  <th scope="col">{t('planWeb.preview.topic')}</th>
                  <th scope="col">{t('planWeb.preview.hours')}</th>
                  <th scope="col">{t('planWeb.preview.homework')}</th>
                </tr>
              </thead>
              <tbody>
                {checked.items.map((i) => (
                  <tr key={i.ordinal}>
                    <td>{i.ordinal}</td>
                    <td>{i.topic}</td>
                    <td>{i.hours}</td>
                    <td>{i.homework ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function LessonTopics({ data }: { data: PlanLessons }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <section className="panel" aria-labelledby="plan-lessons-heading">
      <h2 id="plan-lessons-heading">{t('planWeb.lessons.heading')}</h2>
      {data.planHours === 0 ? (
        <Empty>{t('planWeb.lessons.empty')}</Empty>
      ) : (
        <p data-testid="plan-summary">{t('planWeb.lessons.summary', { hours: data.planHours, lessons: data.lessons.length })}</p>
      )}
      {data.unplacedHours > 0 ? (
        <p className="status status--error" role="status">
          {t('planWeb.lessons.unplaced', { hours: data.unplacedHours })}
        </p>
      ) : null}
      {data.lessons.length === 0 ? (
        <Empty>{t('planWeb.lessons.noLessons')}</Empty>
      ) : data.planHours > 0 ? (
        <div className="plan-scroll">
          <table className="table plan-lessons" data-testid="plan-lessons">
            <thead>
              <tr>
                <th scope="col">{t('planWeb.lessons.date')}</th>
                <th scope="col">{t('planWeb.lessons.number')}</th>
                <th scope="col">{t('planWeb.lessons.ordinal')}</th>
                <th scope="col">{t('planWeb.lessons.planned')}</th>
                <th scope="col">{t('planWeb.lessons.own')}</th>
              </tr>
            </thead>
            <tbody>
              {data.lessons.map((l) => (
                <tr key={`${l.date}-${l.lessonNumber}`} data-date={l.date} data-lesson={l.lessonNumber}>
                  <td>{formatDate(locale, l.date)}</td>
                  <td>{l.lessonNumber}</td>
                  <td>{l.ordinal ?? ''}</td>
                  <td>{l.plannedTopic ?? ''}</td>
                  <td>{l.ownTopic && l.ownTopic !== l.plannedTopic ? l.ownTopic : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
