import type { MessageKey } from '@contract/i18n/index';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ApiError } from '../lib/api';
import { useT } from '../lib/i18n';
import { errorText } from './status';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  /** Body property; dotted for nested objects (account.login) — matches the server's error.field. */
  name: string;
  label: MessageKey;
  type?: 'text' | 'date' | 'time' | 'number' | 'select' | 'checkbox' | 'password' | 'email' | 'multiselect';
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: FieldOption[];
  hint?: MessageKey;
  autoComplete?: string;
}

export type FormValues = Record<string, string | boolean | string[]>;

/** Form values → JSON body: empty optional fields are left out, numbers parsed, dotted names nested. */
export function toBody(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    let value: unknown = raw;
    if (field.type === 'checkbox' || field.type === 'multiselect') value = raw;
    else if (typeof raw === 'string') {
      const text = field.type === 'password' ? raw : raw.trim();
      if (text === '') continue;
      value = field.type === 'number' ? Number(text) : text;
    }
    if (value === undefined) continue;
    const path = field.name.split('.');
    let target = body;
    for (const part of path.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  return body;
}

export function initialValues(fields: FieldSpec[], given: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const f of fields) values[f.name] = given[f.name] ?? (f.type === 'checkbox' ? false : f.type === 'multiselect' ? [] : '');
  return values;
}

interface EntityFormProps {
  fields: FieldSpec[];
  submitLabel: MessageKey;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  initial?: FormValues;
  /** Called after a successful save; the form clears itself unless `keepValues`. */
  onDone?: () => void;
  keepValues?: boolean;
  legend?: string;
  children?: ReactNode;
}

/**
 * A labelled form whose server errors land next to the field they name (error.field) or, when
 * they concern no single field, above the buttons.
 */
export function EntityForm({ fields, submitLabel, onSubmit, initial, onDone, keepValues, legend, children }: EntityFormProps) {
  const t = useT();
  const baseId = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, initial));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const fieldError = error instanceof ApiError && error.field ? error.field : null;
  const matched = fieldError ? fields.find((f) => f.name === fieldError || fieldError.startsWith(`${f.name}.`)) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await onSubmit(toBody(fields, values));
      if (!keepValues) setValues(initialValues(fields, initial));
      setSaved(true);
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const set = (name: string, value: string | boolean | string[]) => setValues((v) => ({ ...v, [name]: value }));

  const body = (
    <>
      {fields.map((field) => {
        const id = `${baseId}-${field.name}`;
        const errorId = `${id}-error`;
        const hintId = `${id}-hint`;
        const invalid = matched === field;
        const describedBy = [invalid ? errorId : null, field.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: field.name,
          required: field.required,
          'aria-invalid': invalid || undefined,
          'aria-describedby': describedBy,
        };
        const value = values[field.name];
        let control: ReactNode;
        if (field.type === 'checkbox') {
          control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(field.name, e.target.checked)} />;
        } else if (field.type === 'select') {
          control = (
            <select {...common} value={String(value ?? '')} onChange={(e) => set(field.name, e.target.value)}>
              {field.required ? null : <option value="">—</option>}
              {field.required && !value ? <option value="">{t('web.form.choose')}</option> : null}
              {(field.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        } else if (field.type === 'multiselect') {
          const chosen = Array.isArray(value) ? value : [];
          return (
            <fieldset key={field.name} className="field" aria-describedby={describedBy} aria-invalid={invalid || undefined}>
              <legend className="field__label">{t(field.label)}</legend>
              {(field.options ?? []).map((o) => (
                <label key={o.value} className="field--checkbox field">
                  <input
                    type="checkbox"
                    checked={chosen.includes(o.value)}
                    onChange={(e) => set(field.name, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
                  />
                  <span>{o.label}</span>
                </label>
              ))}
              {invalid ? (
                <p className="field__error" id={errorId}>
                  {errorText(t, error)}
                </p>
              ) : null}
            </fieldset>
          );
        } else {
          control = (
            <input
              {...common}
              type={field.type ?? 'text'}
              maxLength={field.maxLength}
              min={field.min}
              max={field.max}
              autoComplete={field.autoComplete}
              value={String(value ?? '')}
              onChange={(e) => set(field.name, e.target.value)}
            />
          );
        }
        return (
          <div key={field.name} className={`field${field.type === 'checkbox' ? ' field--checkbox' : ''}`}>
            {field.type === 'checkbox' ? control : null}
            <label className="field__label" htmlFor={id}>
              {t(field.label)}
              {field.required ? <span aria-hidden="true"> *</span> : null}
            </label>
            {field.type === 'checkbox' ? null : control}
            {field.hint ? (
              <span className="field__hint" id={hintId}>
                {t(field.hint)}
              </span>
            ) : null}
            {invalid ? (
              <p className="field__error" id={errorId}>
                {errorText(t, error)}
              </p>
            ) : null}
          </div>
        );
      })}
      {children}
      {error && !matched ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {matched ? (
        <p className="visually-hidden" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {saved && !error ? (
        <p className="form__saved" role="status">
          {t('web.form.saved')}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('web.form.saving') : t(submitLabel)}
        </button>
      </div>
    </>
  );

  return (
    <form className="form entity-form" onSubmit={submit} noValidate>
      {legend ? (
        <fieldset>
          <legend>{legend}</legend>
          <div className="form">{body}</div>
        </fieldset>
      ) : (
        body
      )}
    </form>
  );
}
