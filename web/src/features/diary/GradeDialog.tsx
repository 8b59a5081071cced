import { useEffect, useId, useRef } from 'react';
import { formatDate, formatInstant, numberFormat } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import type { DiaryGrade } from './api/diary';

export interface OpenGrade {
  grade: DiaryGrade;
  subjectName: string;
}

/**
 * A grade's details (work type, weight, comment, dates) in the browser's own modal dialog: it
 * traps focus, closes on Escape and gives focus back to the grade that opened it.
 */
export function GradeDialog({ open, onClose }: { open: OpenGrade | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const grade = open?.grade;
  return (
    <dialog ref={ref} className="diary-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="grade-details">
      {grade ? (
        <>
          <h2 id={titleId} className="diary-dialog__title">
            <span className="diary-grade diary-grade--large" aria-hidden="true">
              {grade.value}
            </span>
            {t('diaryWeb.grade.details', { value: grade.value })}
          </h2>
          <dl className="facts">
            <dt>{t('diaryWeb.grade.subject')}</dt>
            <dd>{open.subjectName}</dd>
            <dt>{t('diaryWeb.grade.workType')}</dt>
            <dd>
              {grade.workTypeName}
              {grade.isControl ? ` (${t('diaryWeb.grade.control')})` : ''}
            </dd>
            <dt>{t('diaryWeb.grade.weight')}</dt>
            <dd>{numberFormat(locale).format(grade.weight)}</dd>
            <dt>{t('diaryWeb.grade.comment')}</dt>
            <dd>{grade.comment || <span className="muted">{t('diaryWeb.grade.noComment')}</span>}</dd>
            <dt>{t('diaryWeb.grade.date')}</dt>
            <dd>{formatDate(locale, grade.date)}</dd>
            <dt>{t('diaryWeb.grade.enteredAt')}</dt>
            <dd>{formatInstant(locale, grade.enteredAt)}</dd>
          </dl>
          <form method="dialog" className="diary-dialog__actions">
            {/* autoFocus: the dialog opens on its only action, so Enter or Escape closes it. */}
            {/* biome-ignore lint/a11y/noAutofocus: focus belongs inside a just-opened modal dialog */}
            <button type="submit" className="button" autoFocus>
              {t('diaryWeb.grade.close')}
            </button>
          </form>
        </>
      ) : null}
    </dialog>
  );
}

/** A grade as a badge that opens its details; «new» when entered since the last visit. */
export function GradeBadge({ grade, subjectName, onOpen }: { grade: DiaryGrade; subjectName: string; onOpen: (g: OpenGrade) => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className={`diary-grade${grade.isControl ? ' diary-grade--control' : ''}${grade.isNew ? ' diary-grade--new' : ''}`}
      aria-label={`${t('diaryWeb.grade.label', { value: grade.value, workType: grade.workTypeName })}${grade.isNew ? ` (${t('diaryWeb.new')})` : ''}`}
      onClick={() => onOpen({ grade, subjectName })}
      data-testid="grade-badge"
    >
      {grade.value}
      {grade.isNew ? (
        <span className="diary-new" aria-hidden="true">
          {t('diaryWeb.new')}
        </span>
      ) : null}
    </button>
  );
}
