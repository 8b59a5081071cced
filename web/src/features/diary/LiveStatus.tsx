import '../../components/status.css';

/**
 * A live region that stays in the page and only changes its text, so screen readers announce
 * "loading" each time (a region mounted together with its text is often not announced).
 */
export function LiveStatus({ busy, label }: { busy: boolean; label: string }) {
  return (
    <div className="diary-live" role="status" aria-live="polite">
      {busy ? (
        <span className="status status--loading">
          <span className="status__spinner" aria-hidden="true" />
          {label}
        </span>
      ) : null}
    </div>
  );
}
