import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/status';
import { formatDate, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDiaryWeek, useMarkSeen } from './api/diary';
import { DayCard } from './DayCard';
import { GradeDialog, type OpenGrade } from './GradeDialog';
import { LiveStatus } from './LiveStatus';
import { isIsoDate, mondayOf } from './week';

/** R5.1: one week of one student — days as cards, previous/next week, a date picker and print. */
export function WeekView({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const asked = params.get('week');
  const weekOf = isIsoDate(asked) ? mondayOf(asked) : null;
  const week = useDiaryWeek(schoolId, studentId, weekOf);
  const markSeen = useMarkSeen(schoolId, studentId);
  const [openGrade, setOpenGrade] = useState<OpenGrade | null>(null);
  const dateId = useId();
  const today = todayIso();

  const goTo = (date: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (date) next.set('week', mondayOf(date));
      else next.delete('week');
      return next;
    });

  const data = week.data;
  const hasNew = data?.days.some(
    (d) => d.otherGrades.some((g) => g.isNew) || d.lessons.some((l) => l.attendance?.isNew || l.grades.some((g) => g.isNew)),
  );

  return (
    <section className="diary-week" aria-labelledby="diary-week-heading" aria-busy={week.isFetching}>
      <div className="diary-weekbar no-print">
        <button
          type="button"
          className="button button--secondary diary-weekbar__previous"
          onClick={() => goTo(data?.previousWeek ?? null)}
          disabled={!data?.previousWeek}
          data-testid="week-previous"
        >
          <span aria-hidden="true">←</span> {t('diaryWeb.week.previous')}
        </button>
        <button
          type="button"
          className="button button--quiet diary-weekbar__today"
          onClick={() => goTo(null)}
          disabled={weekOf === null || weekOf === mondayOf(today)}
        >
          {t('diaryWeb.week.today')}
        </button>
        <button
          type="button"
          className="button button--secondary diary-weekbar__next"
          onClick={() => goTo(data?.nextWeek ?? null)}
          disabled={!data?.nextWeek}
          data-testid="week-next"
        >
          {t('diaryWeb.week.next')} <span aria-hidden="true">→</span>
        </button>
        <div className="field diary-weekbar__date">
          <label className="field__label" htmlFor={dateId}>
            {t('diaryWeb.week.pickDate')}
          </label>
          <input
            id={dateId}
            type="date"
            value={data?.weekStart ?? weekOf ?? ''}
            min={data?.year?.startsOn}
            max={data?.year?.endsOn}
            onChange={(e) => {
              if (isIsoDate(e.target.value)) goTo(e.target.value);
            }}
            data-testid="week-date"
          />
        </div>
        <button type="button" className="button button--quiet diary-weekbar__print" onClick={() => window.print()} disabled={!data}>
          {t('diaryWeb.week.print')}
        </button>
      </div>

      {/* Announces loading and the week shown to screen readers without moving their focus. */}
      <LiveStatus busy={week.isFetching} label={t('diaryWeb.week.loading')} />

      {week.isError && !data ? <ErrorNotice error={week.error} onRetry={() => week.refetch()} /> : null}

      {data ? (
        <>
          <h2 id="diary-week-heading" data-testid="week-heading">
            {t('diaryWeb.week.heading', { from: formatDate(locale, data.weekStart), to: formatDate(locale, data.weekEnd) })}
          </h2>
          {data.year ? null : <p className="muted">{t('diaryWeb.week.outsideYear')}</p>}
          {hasNew ? (
            <div className="diary-newbar no-print">
              <p>{t('diaryWeb.week.newSince')}</p>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => markSeen.mutate()}
                disabled={markSeen.isPending}
              >
                {t('diaryWeb.week.markSeen')}
              </button>
            </div>
          ) : null}
          <ol className="diary-days" data-testid="diary-week" data-week={data.weekStart}>
            {data.days.map((day) => (
              <li key={day.date}>
                <DayCard day={day} today={today} onOpenGrade={setOpenGrade} />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <h2 id="diary-week-heading" className="visually-hidden">
          {t('diaryWeb.view.week')}
        </h2>
      )}
      <GradeDialog open={openGrade} onClose={() => setOpenGrade(null)} />
    </section>
  );
}
