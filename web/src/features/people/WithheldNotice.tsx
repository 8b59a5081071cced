import type { MessageKey } from '@contract/i18n/translate';
import { useT } from '../../lib/i18n';

/** Names the fields the family's consent does not allow (Приложение 2): closed, neither kept nor shown. */
export function WithheldNotice({ kind, withheld }: { kind: 'student' | 'parent'; withheld: readonly string[] }) {
  const t = useT();
  if (withheld.length === 0) return null;
  const fields = withheld.map((f) => t(`people.${kind}.${f}` as MessageKey)).join(', ');
  return (
    <p className="status status--empty" role="note" data-testid="consent-withheld">
      {t('web.consentFields.withheld', { fields })}
    </p>
  );
}
