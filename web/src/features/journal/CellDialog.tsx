import { GRADE_LIMITS } from '@contract/limits';
import { ATTENDANCE_MARKS, type AttendanceMark } from '@contract/schemas/journal';
import { useId, useState } from 'react';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatDate, formatInstant, fullName } from '../../lib/dates';
import { type Translate, useLocale, useT } from '../../lib/i18n';
import { type Grade, type HistoryEntry, type HistoryFilter, itemScaleValues, type JournalPage, useJournalHistory } from './api/journal';
import { gradeLabel, markLabel } from './cell-input';
import type { Column, Student } from './JournalGrid';
import { type Conflict, type JournalStore, useLessonMeta, useStudentRow } from './journal-store';
import { Modal } from './Modal';
import { OverrideReason } from './OverrideReason';
import type { JournalWriter } from './use-journal-writer';

interface CellDialogProps {
  schoolId: string;
  page: JournalPage;
  store: JournalStore;
  writer: JournalWriter;
  student: Student;
  column: Column;
  writable: boolean;
  /** A locked cell (closed period) an admin may still change, with a written reason (R4.2). */
  overridable: boolean;
  onClose: () => void;
}

/** Details of one cell: its grades with work type and comment, the mark, a conflict to settle, the history. */
export function CellDialog({ schoolId, page, store, writer, student, column, writable, overridable, onClose }: CellDialogProps) {
  const t = useT();
  const { locale } = useLocale();
  const row = useStudentRow(store, student.id);
  const lesson = useLessonMeta(store, column.key);
  const cell = row.cells[column.key];
  const grades = cell?.grades ?? [];
  const lessonId = lesson?.id ?? grades.find((g) => g.lessonId)?.lessonId ?? cell?.attendance?.lessonId ?? null;
  const markId = useId();
  const scaleValues = itemScaleValues(page);
  const defaultWorkType = lesson?.controlWorkTypeId ?? page.workTypes.find((w) => w.code === 'answer')?.id ?? page.workTypes[0]?.id ?? '';
  const [reason, setReason] = useState('');
  // In a closed period the admin's controls open only once the reason is written.
  const editable = writable || (overridable && reason.trim() !== '');
  const why = overridable ? reason.trim() : undefined;
  const save = (mark: AttendanceMark | null) => writer.saveCell(student.id, column.date, column.lessonNumber, { grades: null, mark }, why);

  return (
    <Modal
      title={t('journalWeb.cell.title', { student: fullName(student), date: formatDate(locale, column.date) })}
      onClose={onClose}
      testId="cell-dialog"
    >
      {cell?.conflict ? (
        <ConflictPanel
          conflict={cell.conflict}
          onChoose={(choice) => void writer.resolveCell(student.id, column.date, column.lessonNumber, choice)}
        />
      ) : null}
      {cell?.status === 'error' && cell.error ? (
        <p className="field__error" role="alert">
          {cell.error}
        </p>
      ) : null}
      {column.locked && !overridable ? <p className="muted">{t('journalWeb.journal.cell.locked')}</p> : null}
      {overridable ? <OverrideReason period={page.period.name} value={reason} onChange={setReason} /> : null}

      <section className="journal-dialog__section">
        <h3 id={markId}>{t('journalWeb.cell.attendance')}</h3>
        <div className="journal-marks" role="radiogroup" aria-labelledby={markId}>
          {[null, ...ATTENDANCE_MARKS].map((mark) => {
            const checked = (cell?.attendance?.mark ?? null) === mark;
            return (
              <label key={mark ?? 'present'} className={`journal-marks__option${checked ? ' is-checked' : ''}`}>
                <input type="radio" name={`${markId}-mark`} checked={checked} disabled={!editable} onChange={() => void save(mark)} />
                {mark ? markLabel(t, mark) : t('journalWeb.cell.present')}
              </label>
            );
          })}
        </div>
      </section>

      <section className="journal-dialog__section">
        <h3>{t('journalWeb.cell.grades')}</h3>
        {grades.length === 0 ? <p className="muted">{t('journalWeb.cell.noGrades')}</p> : null}
        {grades.map((g) => (
          <GradeEditor
            key={`${g.id}:${g.version}`}
            page={page}
            grade={g}
            scaleValues={scaleValues}
            writable={editable}
            onSave={(fields) => void writer.changeGrade(student.id, column.date, column.lessonNumber, g.id, fields, why)}
            onDelete={() => void writer.removeGrade(student.id, column.date, column.lessonNumber, g.id, why)}
          />
        ))}
        {editable ? (
          <NewGrade
            page={page}
            scaleValues={scaleValues}
            defaultWorkType={defaultWorkType}
            onAdd={(fields) => void writer.addGrade(student.id, column.date, column.lessonNumber, fields, why)}
          />
        ) : null}
      </section>

      <section className="journal-dialog__section">
        <h3>{t('journalWeb.cell.history')}</h3>
        {lessonId ? (
          <HistoryList
            schoolId={schoolId}
            curriculumId={page.curriculum.id}
            filter={{ studentId: student.id, lessonId }}
            revision={[cell?.attendance?.version ?? 0, ...grades.map((g) => `${g.id}:${g.version}`)].join(',')}
            page={page}
          />
        ) : (
          <p className="muted">{t('journalWeb.cell.noHistory')}</p>
        )}
      </section>
    </Modal>
  );
}

function GradeEditor({
  page,
  grade,
  scaleValues,
  writable,
  onSave,
  onDelete,
}: {
  page: JournalPage;
  grade: Grade;
  scaleValues: readonly string[];
  writable: boolean;
  onSave: (fields: { value?: string; workTypeId?: string; comment?: string }) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState({ value: grade.value, workTypeId: grade.workTypeId, comment: grade.comment });
  const ids = { value: useId(), workType: useId(), comment: useId() };
  const changed = draft.value !== grade.value || draft.workTypeId !== grade.workTypeId || draft.comment !== grade.comment;
  return (
    <form
      className="journal-grade-form"
      data-testid="grade-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...(draft.value !== grade.value ? { value: draft.value } : {}),
          ...(draft.workTypeId !== grade.workTypeId ? { workTypeId: draft.workTypeId } : {}),
          ...(draft.comment !== grade.comment ? { comment: draft.comment } : {}),
        });
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={ids.value}>
          {t('journalWeb.cell.value')}
        </label>
        <select id={ids.value} value={draft.value} disabled={!writable} onChange={(e) => setDraft({ ...draft, value: e.target.value })}>
          {(scaleValues.includes(grade.value) ? scaleValues : [grade.value, ...scaleValues]).map((v) => (
            <option key={v} value={v}>
              {gradeLabel(t, v)}
            </option>
          ))}
        </select>
      </div>
      <WorkTypeSelect
        id={ids.workType}
        page={page}
        value={draft.workTypeId}
        disabled={!writable}
        onChange={(workTypeId) => setDraft({ ...draft, workTypeId })}
      />
      <div className="field journal-grade-form__comment">
        <label className="field__label" htmlFor={ids.comment}>
          {t('journalWeb.cell.comment')}
        </label>
        <input
          id={ids.comment}
          value={draft.comment}
          maxLength={GRADE_LIMITS.comment}
          disabled={!writable}
          onChange={(e) => setDraft({ ...draft, comment: e.target.value })}
        />
      </div>
      {writable ? (
        <div className="form__actions">
          <button type="submit" className="button button--small" disabled={!changed}>
            {t('journalWeb.cell.saveGrade')}
          </button>
          <button type="button" className="button button--danger button--small" onClick={onDelete}>
            {t('journalWeb.cell.deleteGrade')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function NewGrade({
  page,
  scaleValues,
  defaultWorkType,
  onAdd,
}: {
  page: JournalPage;
  scaleValues: readonly string[];
  defaultWorkType: string;
  onAdd: (fields: { value: string; workTypeId: string; comment?: string }) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState({ value: scaleValues[scaleValues.length - 1] ?? '', workTypeId: defaultWorkType, comment: '' });
  const ids = { value: useId(), workType: useId(), comment: useId() };
  return (
    <form
      className="journal-grade-form journal-grade-form--new"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.value || !draft.workTypeId) return;
        onAdd({ value: draft.value, workTypeId: draft.workTypeId, ...(draft.comment.trim() ? { comment: draft.comment.trim() } : {}) });
        setDraft({ ...draft, comment: '' });
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={ids.value}>
          {t('journalWeb.cell.value')}
        </label>
        <select id={ids.value} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })}>
          {scaleValues.map((v) => (
            <option key={v} value={v}>
              {gradeLabel(t, v)}
            </option>
          ))}
        </select>
      </div>
      <WorkTypeSelect
        id={ids.workType}
        page={page}
        value={draft.workTypeId}
        onChange={(workTypeId) => setDraft({ ...draft, workTypeId })}
      />
      <div className="field journal-grade-form__comment">
        <label className="field__label" htmlFor={ids.comment}>
          {t('journalWeb.cell.comment')}
        </label>
        <input
          id={ids.comment}
          value={draft.comment}
          maxLength={GRADE_LIMITS.comment}
          onChange={(e) => setDraft({ ...draft, comment: e.target.value })}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary button--small">
          {t('journalWeb.cell.addGrade')}
        </button>
      </div>
    </form>
  );
}

function WorkTypeSelect({
  id,
  page,
  value,
  disabled,
  onChange,
}: {
  id: string;
  page: JournalPage;
  value: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('journalWeb.cell.workType')}
      </label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {page.workTypes.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.weight})
          </option>
        ))}
      </select>
    </div>
  );
}

/** A 409: the other person's value next to the teacher's, and the teacher decides. */
export function ConflictPanel({ conflict, onChoose }: { conflict: Conflict; onChoose: (choice: 'theirs' | 'mine') => void }) {
  const t = useT();
  const [theirs, mine] = conflictValues(t, conflict);
  return (
    <section className="journal-conflict" role="alert" data-testid="conflict">
      <h3>{t('journalWeb.conflict.title')}</h3>
      <p>{t('journalWeb.conflict.text')}</p>
      <ul>
        <li>{t('journalWeb.conflict.theirs', { value: theirs })}</li>
        <li>{t('journalWeb.conflict.mine', { value: mine })}</li>
      </ul>
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={() => onChoose('theirs')}>
          {t('journalWeb.conflict.keepTheirs')}
        </button>
        <button type="button" className="button" onClick={() => onChoose('mine')}>
          {t('journalWeb.conflict.useMine')}
        </button>
      </div>
    </section>
  );
}

function conflictValues(t: Translate, conflict: Conflict): [string, string] {
  const empty = t('journalWeb.conflict.empty');
  if (conflict.kind === 'attendance') {
    return [conflict.theirs ? markLabel(t, conflict.theirs.mark) : empty, conflict.mineMark ? markLabel(t, conflict.mineMark) : empty];
  }
  return [conflict.theirs ? gradeLabel(t, conflict.theirs.value) : empty, conflict.mineValue ? gradeLabel(t, conflict.mineValue) : empty];
}

/** What a history entry's value looks like: a grade, a mark or a period grade. */
function historyValue(t: Translate, page: JournalPage, value: Record<string, unknown> | null): string {
  if (!value) return '—';
  if (typeof value.mark === 'string') return markLabel(t, value.mark as AttendanceMark);
  const parts: string[] = [];
  if (typeof value.value === 'string') parts.push(gradeLabel(t, value.value));
  if (typeof value.workTypeId === 'string') {
    const type = page.workTypes.find((w) => w.id === value.workTypeId);
    if (type) parts.push(`(${type.name})`);
  }
  if (typeof value.comment === 'string' && value.comment) parts.push(`«${value.comment}»`);
  if (typeof value.topic === 'string') parts.push(value.topic);
  return parts.join(' ') || '—';
}

const ACTION_KEYS = {
  create: 'journalWeb.history.created',
  update: 'journalWeb.history.updated',
  delete: 'journalWeb.history.deleted',
} as const;

/** The change history (R3.4): who, when, old → new. */
export function HistoryList({
  schoolId,
  curriculumId,
  filter,
  revision,
  page,
}: {
  schoolId: string;
  curriculumId: string;
  filter: HistoryFilter;
  revision: string;
  page: JournalPage;
}) {
  const t = useT();
  const { locale } = useLocale();
  const history = useJournalHistory(schoolId, curriculumId, filter, revision);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorNotice error={history.error} onRetry={() => history.refetch()} />;
  if (history.data.items.length === 0) return <Empty>{t('journalWeb.cell.noHistory')}</Empty>;
  return (
    <ol className="journal-history" data-testid="cell-history">
      {history.data.items.map((entry: HistoryEntry) => (
        <li key={entry.id} data-testid="history-entry">
          <span className="journal-history__change">
            <span className="journal-history__old">{historyValue(t, page, entry.oldValue)}</span>
            {' → '}
            <span className="journal-history__new">{historyValue(t, page, entry.newValue)}</span>
          </span>{' '}
          <span className="muted">
            {entry.action in ACTION_KEYS ? t(ACTION_KEYS[entry.action as keyof typeof ACTION_KEYS]) : entry.action} ·{' '}
            {t('journalWeb.history.by', {
              who: entry.changedByName ?? t('journalWeb.history.unknown'),
              when: formatInstant(locale, entry.changedAt),
            })}
          </span>
          {entry.reason ? <span className="journal-history__reason"> — {entry.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}
