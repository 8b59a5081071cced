import type { MessageKey } from '@contract/i18n/translate';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PeriodMarkExplanation } from '../../components/PeriodMarkExplanation';
import { ErrorNotice } from '../../components/status';
import { formatShortDate, numberFormat } from '../../lib/dates';
import { type Translate, useLocale, useT } from '../../lib/i18n';
import { type DiarySubjectGrades, useDiaryGrades } from './api/diary';
import { GradeBadge, GradeDialog, type OpenGrade } from './GradeDialog';
import { LiveStatus } from './LiveStatus';

/** R5.2: grades by subject for a period, averages, period/year/final grades, attendance summary. */
export function GradesView({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const grades = useDiaryGrades(schoolId, studentId, params.get('period'));
  const [openGrade, setOpenGrade] = useState<OpenGrade | null>(null);
  const periodId = useId();
  const data = grades.data;
  const number = (value: number | null) =>
    value === null ? '—' : numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

  return (
    <section className="diary-grades" aria-labelledby="diary-grades-heading" aria-busy={grades.isFetching}>
      <h2 id="diary-grades-heading">{t('diaryWeb.grades.heading')}</h2>
      {data ? (
        <div className="field field--narrow no-print">
          <label className="field__label" htmlFor={periodId}>
            {t('diaryWeb.grades.period')}
          </label>
          <select
            id={periodId}
            value={data.period.id}
            onChange={(e) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('period', e.target.value);
                return next;
              })
            }
          >
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({formatShortDate(locale, p.startsOn)} — {formatShortDate(locale, p.endsOn)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <LiveStatus busy={grades.isFetching} label={t('diaryWeb.grades.loading')} />
      {grades.isError && !data ? <ErrorNotice error={grades.error} onRetry={() => grades.refetch()} /> : null}
      {data ? (
        <>
          <section className="panel" aria-labelledby="diary-overview">
            <h3 id="diary-overview">{t('diaryWeb.grades.overview')}</h3>
            <dl className="diary-stats">
              <div>
                <dt>{t('diaryWeb.grades.gradeCount')}</dt>
                <dd>{data.overview.gradeCount}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.grades.newCount')}</dt>
                <dd>{data.overview.newCount}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.grades.averageOfAverages')}</dt>
                <dd>{number(data.overview.averageOfAverages)}</dd>
              </div>
            </dl>
          </section>

          <section className="panel" aria-labelledby="diary-attendance">
            <h3 id="diary-attendance">
              {t('diaryWeb.attendanceSummary.heading', {
                period: data.periods.find((p) => p.id === data.attendance.periodId)?.name ?? data.period.name,
              })}
            </h3>
            <dl className="diary-stats" data-testid="attendance-summary">
              <div>
                <dt>{t('diaryWeb.attendanceSummary.missed')}</dt>
                <dd>{data.attendance.missed}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.attendanceSummary.ill')}</dt>
                <dd>{data.attendance.ill}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.attendanceSummary.excused')}</dt>
                <dd>{data.attendance.excused}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.attendanceSummary.unexcused')}</dt>
                <dd>{data.attendance.unexcused}</dd>
              </div>
              <div>
                <dt>{t('diaryWeb.attendanceSummary.late')}</dt>
                <dd>{data.attendance.late}</dd>
              </div>
            </dl>
          </section>

          <h3>{t('diaryWeb.grades.subjects')}</h3>
          {data.subjects.length === 0 ? (
            <p className="muted">{t('diaryWeb.grades.noSubjects')}</p>
          ) : (
            <ul className="diary-subjects" data-testid="diary-subjects">
              {data.subjects.map((subject) => (
                <SubjectCard key={subject.curriculumId} subject={subject} number={number} onOpenGrade={setOpenGrade} />
              ))}
            </ul>
          )}
        </>
      ) : null}
      <GradeDialog open={openGrade} onClose={() => setOpenGrade(null)} />
    </section>
  );
}

/**
 * Period grades may be a scale value or one of the special marks (н/а, осв., зач, незач). Listed
 * here rather than imported from the journal's schemas, which would pull TypeBox into this chunk.
 */
const SPECIAL: Readonly<Record<string, MessageKey>> = {
  na: 'journal.special.na',
  exempt: 'journal.special.exempt',
  pass: 'journal.special.pass',
  fail: 'journal.special.fail',
};
function finalText(t: Translate, value: string | null): string {
  if (value === null) return '';
  const key = SPECIAL[value];
  return key ? t(key) : value;
}

function SubjectCard({
  subject,
  number,
  onOpenGrade,
}: {
  subject: DiarySubjectGrades;
  number: (value: number | null) => string;
  onOpenGrade: (g: OpenGrade) => void;
}) {
  const t = useT();
  const finals: Array<[string, string | null]> = [
    [t('diaryWeb.grades.periodGrade'), subject.periodGrade],
    [t('diaryWeb.grades.yearGrade'), subject.yearGrade],
    [t('diaryWeb.grades.examGrade'), subject.examGrade],
    [t('diaryWeb.grades.finalGrade'), subject.finalGrade],
  ];
  const headingId = `diary-subject-${subject.curriculumId}`;
  return (
    <li className="diary-subject" aria-labelledby={headingId}>
      <h4 id={headingId} className="diary-subject__name">
        {subject.subjectName}
      </h4>
      <p className="diary-lesson__meta">{subject.teacherName}</p>
      {subject.grades.length > 0 ? (
        <ul className="diary-marks" aria-label={t('diaryWeb.grades.all')}>
          {subject.grades.map((grade) => (
            <li key={grade.id}>
              <GradeBadge grade={grade} subjectName={subject.subjectName} onOpen={onOpenGrade} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('diaryWeb.grades.noGrades')}</p>
      )}
      <dl className="diary-stats diary-stats--small">
        <div>
          <dt>{t('diaryWeb.grades.average')}</dt>
          <dd>{number(subject.average)}</dd>
        </div>
        <div>
          <dt>{t('diaryWeb.grades.weighted')}</dt>
          <dd>{number(subject.weightedAverage)}</dd>
        </div>
        {finals
          .filter(([, value]) => value !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="diary-final">{finalText(t, value)}</dd>
            </div>
          ))}
        <div>
          <dt>{t('diaryWeb.grades.missed')}</dt>
          <dd>{subject.missed}</dd>
        </div>
      </dl>
      {subject.explanation && subject.explanation.grades.length > 0 ? (
        // «Why this period mark?»: the same explanation the journal gives (R4.1).
        <details className="diary-explain" data-testid="diary-period-mark">
          <summary>{t('periodMark.open')}</summary>
          <PeriodMarkExplanation explanation={subject.explanation} />
        </details>
      ) : null}
    </li>
  );
}
