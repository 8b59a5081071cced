import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { DeleteButton } from '../../components/DeleteButton';
import { errorText } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { type Translate, useLocale, useT } from '../../lib/i18n';
import {
  ATTACHMENT_LIMITS,
  type Attachment,
  attachmentUrl,
  deleteAttachment,
  type JournalPage,
  type LessonRecord,
  lessonKeys,
  uploadAttachment,
  useLessonRecord,
  writeLesson,
} from './api/journal';
import type { Column } from './JournalGrid';
import type { JournalStore, LessonMeta } from './journal-store';

const MAX_BYTES = ATTACHMENT_LIMITS.maxMegabytes * 1024 * 1024;
const ACCEPT = ATTACHMENT_LIMITS.extensions.map((e) => `.${e}`).join(',');

function fileSize(t: Translate, bytes: number): string {
  if (bytes < 1024 * 1024) return t('journalWeb.size.kb', { n: Math.max(1, Math.round(bytes / 1024)) });
  return t('journalWeb.size.mb', { n: (bytes / 1024 / 1024).toFixed(1) });
}

type UploadState = { kind: 'idle' } | { kind: 'uploading' } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/**
 * Homework files of a lesson (R3.1): the list with download links for everyone who may read the
 * journal; upload and removal for its writers while the period is open. The limits are shown
 * before an upload; a file over the size limit is stopped here, and whatever the server refuses
 * (413 size, 415 type, 422 too many) is shown with the server's own message.
 */
export function LessonFiles({
  schoolId,
  page,
  store,
  column,
  lesson,
  canChange,
  onLessonRecord,
}: {
  schoolId: string;
  page: JournalPage;
  store: JournalStore;
  column: Column;
  lesson: LessonMeta;
  canChange: boolean;
  /** The lesson record the upload had to create first (a lesson with no record has no id yet). */
  onLessonRecord: (record: LessonRecord) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), input: useId(), hint: useId() };
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const record = useLessonRecord(schoolId, lesson.attachmentCount > 0 ? lesson.id : null);
  const files: readonly Attachment[] = lesson.attachmentCount > 0 ? (record.data?.attachments ?? []) : [];
  const full = lesson.attachmentCount >= ATTACHMENT_LIMITS.perLesson;

  const setCount = (change: (n: number) => number) =>
    store.updateLesson(column.key, (l) => ({ ...l, attachmentCount: Math.max(0, change(l.attachmentCount)) }));
  const setFiles = (lessonId: string, change: (files: Attachment[]) => Attachment[]) =>
    queryClient.setQueryData<LessonRecord>(lessonKeys.record(schoolId, lessonId), (old) =>
      old ? { ...old, attachments: change(old.attachments) } : old,
    );

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      if (file.size > MAX_BYTES) {
        // The same words the server would answer with (413), without sending megabytes for nothing.
        setState({ kind: 'error', message: t('error.attachment.tooLarge', { limit: ATTACHMENT_LIMITS.maxMegabytes }) });
        return;
      }
      setState({ kind: 'uploading' });
      let lessonId = lesson.id;
      if (!lessonId) {
        const created = await writeLesson(schoolId, page.curriculum.id, column.date, column.lessonNumber, { version: lesson.version });
        onLessonRecord(created);
        queryClient.setQueryData(lessonKeys.record(schoolId, created.id), created);
        lessonId = created.id;
      }
      const added = await uploadAttachment(schoolId, lessonId, file, locale);
      setFiles(lessonId, (list) => [...list, added]);
      setCount((n) => n + 1);
      setState({ kind: 'done', message: t('journalWeb.lesson.uploaded', { name: added.fileName }) });
    } catch (err) {
      setState({ kind: 'error', message: errorText(t, err) });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const remove = async (file: Attachment) => {
    if (!lesson.id) return;
    await deleteAttachment(schoolId, lesson.id, file.id);
    setFiles(lesson.id, (list) => list.filter((f) => f.id !== file.id));
    setCount((n) => n - 1);
    setState({ kind: 'done', message: t('journalWeb.lesson.fileRemoved') });
  };

  return (
    <section className="journal-files" aria-labelledby={ids.title} data-testid="lesson-files">
      <h3 id={ids.title}>{t('journalWeb.lesson.files')}</h3>
      {lesson.attachmentCount > 0 && record.isPending ? (
        <p className="muted">{t('journalWeb.lesson.attachments', { count: lesson.attachmentCount })}</p>
      ) : record.isError ? (
        <p className="field__error">{errorText(t, record.error)}</p>
      ) : files.length === 0 ? (
        <p className="muted">{t('journalWeb.lesson.filesNone')}</p>
      ) : (
        <ul className="journal-files__list">
          {files.map((f) =>
            lesson.id ? (
              <li key={f.id} data-testid="lesson-file">
                <a href={attachmentUrl(schoolId, lesson.id, f.id)} download={f.fileName}>
                  {f.fileName}
                </a>{' '}
                <span className="muted">
                  {fileSize(t, f.size)} · {formatInstant(locale, f.uploadedAt)}
                </span>
                {canChange ? (
                  <DeleteButton
                    name={f.fileName}
                    onDelete={() => remove(f)}
                    texts={{
                      action: t('journalWeb.lesson.removeFile'),
                      actionOf: t('journalWeb.lesson.removeFileLabel', { name: f.fileName }),
                      question: t('web.form.confirmDelete', { name: f.fileName }),
                      confirm: t('web.form.confirmDeleteYes'),
                    }}
                  />
                ) : null}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {canChange ? (
        full ? (
          <p className="muted">{t('journalWeb.lesson.filesFull', { count: lesson.attachmentCount })}</p>
        ) : (
          <div className="field">
            <label className="field__label" htmlFor={ids.input}>
              {t('journalWeb.lesson.attach')}
            </label>
            <input
              ref={inputRef}
              id={ids.input}
              type="file"
              accept={ACCEPT}
              aria-describedby={ids.hint}
              disabled={state.kind === 'uploading'}
              onChange={(e) => void upload(e)}
              data-testid="attach-file"
            />
            <span className="field__hint" id={ids.hint}>
              {t('journalWeb.lesson.filesLimits', { mb: ATTACHMENT_LIMITS.maxMegabytes, count: ATTACHMENT_LIMITS.perLesson })}
            </span>
          </div>
        )
      ) : column.locked ? (
        <p className="muted">{t('journalWeb.lesson.filesLocked')}</p>
      ) : null}
      {state.kind === 'uploading' ? (
        <p className="muted" role="status">
          {t('journalWeb.lesson.uploading')}
        </p>
      ) : state.kind === 'done' ? (
        <p className="form__saved" role="status">
          {state.message}
        </p>
      ) : state.kind === 'error' ? (
        <p className="field__error" role="alert" data-testid="attach-error">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
