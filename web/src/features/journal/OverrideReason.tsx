import { REASON_MAX } from '@contract/limits';
import { useId } from 'react';
import { useT } from '../../lib/i18n';

/**
 * R4.2: a closed period's records are read-only; a school admin may still correct one, but only
 * with a written reason, which the server keeps in the record's history and the audit log. The
 * controls of the change stay disabled until the reason is written.
 */
export function OverrideReason({ period, value, onChange }: { period: string; value: string; onChange: (reason: string) => void }) {
  const t = useT();
  const id = useId();
  const hintId = useId();
  return (
    <section className="journal-override" data-testid="override">
      <h3>{t('journalWeb.override.title')}</h3>
      <p id={hintId}>{t('journalWeb.override.text', { period })}</p>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('journalWeb.cell.reason')}
        </label>
        <textarea
          id={id}
          value={value}
          maxLength={REASON_MAX}
          rows={2}
          required
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.value)}
          data-testid="override-reason"
        />
        {value.trim() === '' ? <span className="field__hint">{t('journalWeb.override.reasonRequired')}</span> : null}
      </div>
    </section>
  );
}
