import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../../lib/i18n';

/**
 * A modal dialog on the native <dialog>: focus moves in and is kept inside, Escape closes, and
 * focus returns where it was (the grid) after closing.
 */
export function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const closed = () => onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      returnTo?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="journal-dialog" aria-labelledby={titleId} data-testid={testId}>
      <header className="journal-dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--quiet button--small" onClick={() => ref.current?.close()}>
          {t('journalWeb.cell.close')}
        </button>
      </header>
      {children}
    </dialog>
  );
}
