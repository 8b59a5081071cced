import { useEffect, useRef, useState } from 'react';
import { useT } from '../lib/i18n';
import { errorText } from './status';

/**
 * Delete with a confirmation step in place (no modal: works the same with a keyboard, a screen
 * reader and on a phone). The server's refusal — «Нельзя удалить: запись используется» (409) —
 * is shown right there.
 */
export function DeleteButton({
  name,
  onDelete,
  onDeleted,
  texts,
}: {
  name: string;
  onDelete: () => Promise<unknown>;
  onDeleted?: () => void;
  /** Other words for the same step, e.g. «Отвязать» a parent. */
  texts?: { action: string; actionOf: string; question: string; confirm: string };
}) {
  const t = useT();
  const words = texts ?? {
    action: t('web.form.delete'),
    actionOf: t('web.form.deleteOf', { name }),
    question: t('web.form.confirmDelete', { name }),
    confirm: t('web.form.confirmDeleteYes'),
  };
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openRef.current?.focus();
    }
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
      setAsking(false);
      onDeleted?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button button--quiet button--small"
        aria-label={words.actionOf}
        onClick={() => setAsking(true)}
      >
        {words.action}
      </button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form field set
    <div className="confirm" role="group" aria-label={words.actionOf}>
      <p className="confirm__question">{words.question}</p>
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button ref={confirmRef} type="button" className="button button--danger button--small" disabled={busy} onClick={confirm}>
          {words.confirm}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            returnFocus.current = true;
            setError(null);
            setAsking(false);
          }}
        >
          {t('web.common.cancel')}
        </button>
      </div>
    </div>
  );
}
