import type { MessageKey } from '@contract/i18n/translate';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ApiError } from '../lib/api';
import { type Translate, useT } from '../lib/i18n';
import { errorText } from './status';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  /** Body property; dotted for nested objects (account.login) — matches the server's error.field. */
  name: string;
  label: MessageKey;
  type?: 'text' | 'tel' | 'textarea' | 'date' | 'time' | 'number' | 'select' | 'yesno' | 'checkbox' | 'password' | 'email' | 'multiselect';
  required?: boolean;
  /** When editing, an emptied field is sent as null (the server's Nullable fields) instead of ''. */
  nullable?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: FieldOption[];
  hint?: MessageKey;
  autoComplete?: string;
  /** Consecutive fields with the same group are drawn in one fieldset with this legend. */
  group?: MessageKey;
  /** Shown (and sent) only when this holds, e.g. the class of a movement only for enrol/transfer. */
  when?: (values: FormValues) => boolean;
}

export type FormValues = Record<string, string | boolean | string[]>;

/**
 * The fields with each one's maxLength from the contract's limits of the body they fill
 * (contract/limits.ts, by the field's name, dotted for nested bodies): the web never repeats them.
 */
export function withLimits(limits: Readonly<Record<string, number>>, fields: FieldSpec[]): FieldSpec[] {
  return fields.map((field) => {
    const maxLength = limits[field.name];
    return maxLength === undefined ? field : { ...field, maxLength };
  });
}

/** A text value as the body wants it: trimmed (passwords as typed), numbers parsed, yes/no as booleans. */
function parsed(field: FieldSpec, raw: string): unknown {
  const text = field.type === 'password' ? raw : raw.trim();
  if (field.type === 'number') return Number(text);
  if (field.type === 'yesno') return text === 'true';
  return text;
}

function put(body: Record<string, unknown>, name: string, value: unknown): void {
  const path = name.split('.');
  let target = body;
  for (const part of path.slice(0, -1)) {
    target[part] ??= {};
    target = target[part] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** Form values → JSON body: empty optional fields are left out, numbers parsed, dotted names nested. */
export function toBody(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (raw === undefined || (field.when && !field.when(values))) continue;
    if (typeof raw !== 'string') {
      put(body, field.name, raw);
      continue;
    }
    if ((field.type === 'password' ? raw : raw.trim()) === '') continue;
    put(body, field.name, parsed(field, raw));
  }
  return body;
}

/**
 * The body of a PATCH: only the fields changed since `initial`. An emptied field becomes null when
 * the server allows it, otherwise '' so the server names the field that may not be empty.
 */
export function changedBody(fields: FieldSpec[], values: FormValues, initial: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    const before = initial[field.name] ?? emptyValue(field);
    if (field.when && !field.when(values)) continue;
    if (raw === undefined || JSON.stringify(raw) === JSON.stringify(before)) continue;
    if (typeof raw !== 'string') {
      put(body, field.name, raw);
      continue;
    }
    const empty = (field.type === 'password' ? raw : raw.trim()) === '';
    put(body, field.name, empty ? (field.nullable ? null : '') : parsed(field, raw));
  }
  return body;
}

const emptyValue = (field: FieldSpec) => (field.type === 'checkbox' ? false : field.type === 'multiselect' ? [] : '');

export function initialValues(fields: FieldSpec[], given: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const f of fields) values[f.name] = given[f.name] ?? emptyValue(f);
  return values;
}

/**
 * The server's validation message names the raw body property («letter»); next to the input we
 * name it by its label instead («Буква»). The message is rebuilt from the same catalogue entry.
 */
export function fieldErrorText(t: Translate, error: unknown, label: MessageKey | undefined): string {
  if (label && error instanceof ApiError && error.code === 'validation' && error.field) {
    for (const quoted of [`«${error.field}»`, `"${error.field}"`]) {
      const at = error.message.indexOf(quoted);
      if (at >= 0) return `${error.message.slice(0, at)}${quoted[0]}${t(label)}${quoted.at(-1)}${error.message.slice(at + quoted.length)}`;
    }
  }
  return errorText(t, error);
}

/** Which field a server error belongs to: exact name, or a parent of a nested one (enrolment ← enrolment.classId). */
export function fieldOfError(fields: FieldSpec[], error: unknown): FieldSpec | undefined {
  const name = error instanceof ApiError && error.field ? error.field : null;
  if (!name) return undefined;
  return fields.find((f) => f.name === name) ?? fields.find((f) => name.startsWith(`${f.name}.`) || f.name.startsWith(`${name}.`));
}

interface EntityFormProps {
  fields: FieldSpec[];
  submitLabel: MessageKey;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  initial?: FormValues;
  /** 'edit' sends only the changed fields (PATCH) and keeps the values after saving. */
  mode?: 'create' | 'edit';
  /** Called after a successful save; a create form clears itself unless `keepValues`. */
  onDone?: () => void;
  onCancel?: () => void;
  keepValues?: boolean;
  legend?: string;
  children?: ReactNode;
  testId?: string;
}

/**
 * A labelled form whose server errors land next to the field they name (error.field) or, when
 * they concern no single field, above the buttons.
 */
export function EntityForm({
  fields,
  submitLabel,
  onSubmit,
  initial,
  mode = 'create',
  onDone,
  onCancel,
  keepValues,
  legend,
  children,
  testId,
}: EntityFormProps) {
  const t = useT();
  const baseId = useId();
  const [start, setStart] = useState<FormValues>(() => initialValues(fields, initial));
  const [values, setValues] = useState<FormValues>(start);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const visible = fields.filter((f) => !f.when || f.when(values));
  const matched = fieldOfError(visible, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body = mode === 'edit' ? changedBody(fields, values, start) : toBody(fields, values);
      // Nothing changed: there is nothing to send (the server refuses an empty PATCH).
      if (mode === 'edit' && Object.keys(body).length === 0) {
        onDone?.();
        return;
      }
      await onSubmit(body);
      if (mode === 'edit') setStart(values);
      else if (!keepValues) setValues(initialValues(fields, initial));
      setSaved(true);
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const set = (name: string, value: string | boolean | string[]) => setValues((v) => ({ ...v, [name]: value }));

  const renderField = (field: FieldSpec) => {
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
    const errorLine = invalid ? (
      <p className="field__error" id={errorId}>
        {fieldErrorText(t, error, field.label)}
      </p>
    ) : null;
    let control: ReactNode;
    if (field.type === 'checkbox') {
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(field.name, e.target.checked)} />;
    } else if (field.type === 'select' || field.type === 'yesno') {
      const options =
        field.type === 'yesno'
          ? [
              { value: 'true', label: t('web.common.yes') },
              { value: 'false', label: t('web.common.no') },
            ]
          : (field.options ?? []);
      control = (
        <select {...common} value={String(value ?? '')} onChange={(e) => set(field.name, e.target.value)}>
          {field.required ? null : <option value="">—</option>}
          {field.required && !value ? <option value="">{t('web.form.choose')}</option> : null}
          {options.map((o) => (
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
                name={field.name}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => set(field.name, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
              <span>{o.label}</span>
            </label>
          ))}
          {errorLine}
        </fieldset>
      );
    } else if (field.type === 'textarea') {
      control = (
        <textarea
          {...common}
          maxLength={field.maxLength}
          rows={2}
          value={String(value ?? '')}
          onChange={(e) => set(field.name, e.target.value)}
        />
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
        {errorLine}
      </div>
    );
  };

  // Consecutive fields of one group share a fieldset (the consent form's sections).
  const blocks: Array<{ group?: MessageKey; fields: FieldSpec[] }> = [];
  for (const field of visible) {
    const last = blocks.at(-1);
    if (last && field.group && last.group === field.group) last.fields.push(field);
    else blocks.push({ group: field.group, fields: [field] });
  }

  const body = (
    <>
      {blocks.map((block) =>
        block.group ? (
          <fieldset key={`group-${block.fields[0]?.name}`} className="form__group">
            <legend>{t(block.group)}</legend>
            <div className="form form__grid">{block.fields.map(renderField)}</div>
          </fieldset>
        ) : (
          block.fields.map(renderField)
        ),
      )}
      {children}
      {error && !matched ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {matched ? (
        <p className="visually-hidden" role="alert">
          {fieldErrorText(t, error, matched.label)}
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
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('web.common.cancel')}
          </button>
        ) : null}
      </div>
    </>
  );

  return (
    <form className="form entity-form" onSubmit={submit} noValidate data-testid={testId}>
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
