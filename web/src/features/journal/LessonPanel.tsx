import { LESSON_RECORD_LIMITS } from '@contract/limits';
import { type FormEvent, useId, useState } from 'react';
import { errorText } from '../../components/status';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { conflictCurrent, type JournalPage, type LessonRecord, writeLesson } from './api/journal';
import type { Column } from './JournalGrid';
import { type JournalStore, type LessonMeta, useLessonMeta } from './journal-store';
import { LessonFiles } from './LessonFiles';
import { OverrideReason } from './OverrideReason';

/** The selected lesson's topic, homework (text, due date), control work and files (R3.1). */
export function LessonPanel({
  schoolId,
  page,
  store,
  column,
}: {
  schoolId: string;
  page: JournalPage;
  store: JournalStore;
  column: Column | null;
}) {
  const t = useT();
  const lesson = useLessonMeta(store, column?.key ?? null);
  if (!column || !lesson) {
    return (
      <aside className="panel journal-lesson no-print" aria-live="polite">
        <p className="muted">{t('journalWeb.lesson.chooseColumn')}</p>
      </aside>
    );
  }
  // Another lesson starts a fresh form; a save keeps the teacher's text in it.
  return <LessonForm key={column.key} schoolId={schoolId} page={page} store={store} column={column} lesson={lesson} />;
}

function LessonForm({
  schoolId,
  page,
  store,
  column,
  lesson,
}: {
  schoolId: string;
  page: JournalPage;
  store: JournalStore;
  column: Column;
  lesson: LessonMeta;
}) {
  const t = useT();
  const { locale } = useLocale();
  // R4.2: a closed period's lesson is read-only; an admin may still correct it with a reason.
  const overridable = page.canOverrideLock && column.locked;
  const [reason, setReason] = useState('');
  const writable = (page.canWrite && !column.locked) || (overridable && reason.trim() !== '');
  const [draft, setDraft] = useState({
    topic: lesson.topic ?? '',
    homework: lesson.homework ?? '',
    homeworkDueOn: lesson.homeworkDueOn ?? '',
    controlWorkTypeId: lesson.controlWorkTypeId ?? '',
  });
  const [state, setState] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string } | { kind: 'conflict'; theirs: LessonRecord | null }
  >({ kind: 'idle' });
  const ids = { topic: useId(), homework: useId(), due: useId(), control: useId() };
  const substitute = page.lessons.find((l) => l.date === column.date && l.lessonNumber === column.lessonNumber)?.substituteTeacherId;

  const apply = (record: LessonRecord) =>
    store.updateLesson(column.key, (l) => ({
      ...l,
      id: record.id,
      topic: record.topic ?? l.plannedTopic,
      homework: record.homework,
      homeworkDueOn: record.homeworkDueOn,
      controlWorkTypeId: record.controlWorkTypeId,
      attachmentCount: record.attachments.length,
      version: record.version,
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    try {
      const record = await writeLesson(schoolId, page.curriculum.id, column.date, column.lessonNumber, {
        topic: draft.topic.trim() || null,
        homework: draft.homework.trim() || null,
        homeworkDueOn: draft.homeworkDueOn || null,
        controlWorkTypeId: draft.controlWorkTypeId || null,
        version: lesson.version,
        reason: overridable ? reason.trim() : undefined,
      });
      apply(record);
      setState({ kind: 'saved' });
    } catch (err) {
      const current = conflictCurrent<LessonRecord>(err);
      if (current === undefined) {
        setState({ kind: 'error', message: errorText(t, err) });
        return;
      }
      // Show the other person's version next to the teacher's draft, which stays in the fields:
      // saving again (with the now current version) is the teacher's explicit choice.
      if (current) apply(current);
      setState({ kind: 'conflict', theirs: current });
    }
  };

  return (
    <aside className="panel journal-lesson no-print" aria-labelledby={ids.topic} data-testid="lesson-panel">
      <h2>{t('journalWeb.lesson.title', { date: formatDate(locale, column.date), number: column.lessonNumber })}</h2>
      {!column.scheduled ? <p className="muted">{t('journalWeb.journal.notScheduled')}</p> : null}
      {substitute ? <p className="muted">{t('journalWeb.lesson.substitute')}</p> : null}
      {state.kind === 'conflict' ? (
        <div className="journal-conflict" role="alert">
          <p>{t('journalWeb.lesson.conflict')}</p>
          {state.theirs ? (
            <dl className="facts">
              <dt>{t('journalWeb.lesson.topic')}</dt>
              <dd>{state.theirs.topic ?? '—'}</dd>
              <dt>{t('journalWeb.lesson.homework')}</dt>
              <dd>{state.theirs.homework ?? '—'}</dd>
            </dl>
          ) : null}
        </div>
      ) : null}
      {overridable ? <OverrideReason period={page.period.name} value={reason} onChange={setReason} /> : null}
      <form className="form journal-lesson__form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={ids.topic}>
            {t('journalWeb.lesson.topic')}
          </label>
          <input
            id={ids.topic}
            value={draft.topic}
            maxLength={LESSON_RECORD_LIMITS.topic}
            readOnly={!writable}
            onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
          />
          {lesson.plannedTopic && lesson.plannedTopic !== draft.topic ? (
            <span className="field__hint">{t('journalWeb.lesson.plannedTopic', { topic: lesson.plannedTopic })}</span>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.homework}>
            {t('journalWeb.lesson.homework')}
          </label>
          <textarea
            id={ids.homework}
            value={draft.homework}
            maxLength={LESSON_RECORD_LIMITS.homework}
            readOnly={!writable}
            onChange={(e) => setDraft({ ...draft, homework: e.target.value })}
          />
        </div>
        <div className="journal-lesson__row">
          <div className="field">
            <label className="field__label" htmlFor={ids.due}>
              {t('journalWeb.lesson.dueOn')}
            </label>
            <input
              id={ids.due}
              type="date"
              value={draft.homeworkDueOn}
              readOnly={!writable}
              onChange={(e) => setDraft({ ...draft, homeworkDueOn: e.target.value })}
            />
            <span className="field__hint">{t('journalWeb.lesson.dueOnHint')}</span>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.control}>
              {t('journalWeb.lesson.controlWork')}
            </label>
            <select
              id={ids.control}
              value={draft.controlWorkTypeId}
              disabled={!writable}
              onChange={(e) => setDraft({ ...draft, controlWorkTypeId: e.target.value })}
            >
              <option value="">{t('journalWeb.lesson.noControlWork')}</option>
              {page.workTypes
                .filter((w) => w.isControl)
                .map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        {writable ? (
          <div className="form__actions">
            <button type="submit" className="button" disabled={state.kind === 'saving'}>
              {t('journalWeb.lesson.save')}
            </button>
            {state.kind === 'saved' ? (
              <p className="form__saved" role="status">
                {t('journalWeb.lesson.saved')}
              </p>
            ) : null}
            {state.kind === 'error' ? (
              <p className="field__error" role="alert">
                {state.message}
              </p>
            ) : null}
          </div>
        ) : null}
      </form>
      <LessonFiles
        schoolId={schoolId}
        page={page}
        store={store}
        column={column}
        lesson={lesson}
        canChange={page.canWrite && !column.locked}
        onLessonRecord={apply}
      />
    </aside>
  );
}
