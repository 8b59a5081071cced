import type { MessageKey } from '@contract/i18n/translate';
import { fieldErrorText } from '../../components/EntityForm';
import { errorText } from '../../components/status';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';

/** The body property a server error names (error.field), if any. */
export const errorField = (error: unknown): string | null => (error instanceof ApiError && error.field ? error.field : null);

/**
 * The server's message under the field it names (hand-made forms; EntityForm does this itself).
 * `names` lists the body properties this spot stands for; the first part of a dotted or indexed
 * name counts too (childFields/3 → childFields).
 */
export function FieldError({ error, names, label, id }: { error: unknown; names: readonly string[]; label?: MessageKey; id: string }) {
  const t = useT();
  const field = errorField(error);
  if (!field) return null;
  const base = field.split(/[./[]/)[0] ?? field;
  if (!names.includes(field) && !names.includes(base)) return null;
  return (
    <p className="field__error" id={id}>
      {fieldErrorText(t, error, label)}
    </p>
  );
}

/** A form-level error: shown when the server's message concerns no field of the form. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const t = useT();
  if (!error) return null;
  const field = errorField(error);
  const base = field?.split(/[./[]/)[0];
  if (field && (fields.includes(field) || (base && fields.includes(base)))) {
    // Announced for screen readers; the visible message sits next to the field.
    return (
      <p className="visually-hidden" role="alert">
        {errorText(t, error)}
      </p>
    );
  }
  return (
    <p className="field__error" role="alert">
      {errorText(t, error)}
    </p>
  );
}
