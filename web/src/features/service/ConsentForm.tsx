import type { MessageKey } from '@contract/i18n/translate';
import { CONSENT_LIMITS } from '@contract/limits';
import {
  CHILD_CONSENT_FIELDS,
  CONSENT_PURPOSES,
  IDENTIFYING_CHILD_FIELDS,
  IDENTIFYING_PARENT_FIELDS,
  PARENT_CONSENT_FIELDS,
} from '@contract/schemas/service';
import { type FormEvent, useId, useState } from 'react';
import { todayIso } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { type Consent, useRecordConsent } from './api/service';
import { FieldError, FormError } from './FieldError';

interface Props {
  schoolId: string;
  applicationId?: string | null;
  studentId?: string | null;
  parentId?: string | null;
  childFullName: string;
  parentFullName: string;
  onDone?: (consent: Consent) => void;
}

const FORM_FIELDS = ['childFullName', 'parentFullName', 'childFields', 'parentFields', 'purposes', 'signedOn'] as const;

/**
 * The consent of Приложение 2 as the parent signed it: which of the child's and the parent's fields
 * may be placed in the system (ticked boxes), the purposes, the date of signing.
 */
export function ConsentForm({ schoolId, applicationId, studentId, parentId, childFullName, parentFullName, onDone }: Props) {
  const t = useT();
  const record = useRecordConsent(schoolId);
  const base = useId();
  const [names, setNames] = useState({ childFullName, parentFullName });
  const [childFields, setChildFields] = useState<string[]>([]);
  const [parentFields, setParentFields] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>([...CONSENT_PURPOSES]);
  const [signedOn, setSignedOn] = useState(todayIso());
  const [error, setError] = useState<unknown>(null);

  const depersonalised =
    !childFields.some((f) => (IDENTIFYING_CHILD_FIELDS as readonly string[]).includes(f)) ||
    !parentFields.some((f) => (IDENTIFYING_PARENT_FIELDS as readonly string[]).includes(f));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const consent = await record.mutateAsync({
        applicationId: applicationId ?? undefined,
        studentId: studentId ?? undefined,
        parentId: parentId ?? undefined,
        childFullName: names.childFullName.trim(),
        parentFullName: names.parentFullName.trim(),
        childFields: CHILD_CONSENT_FIELDS.filter((f) => childFields.includes(f)),
        parentFields: PARENT_CONSENT_FIELDS.filter((f) => parentFields.includes(f)),
        purposes: CONSENT_PURPOSES.filter((p) => purposes.includes(p)),
        signedOn,
      });
      onDone?.(consent);
    } catch (err) {
      setError(err);
    }
  };

  const column = (
    kind: 'child' | 'parent',
    all: readonly string[],
    chosen: string[],
    setChosen: (next: string[]) => void,
    legend: MessageKey,
  ) => {
    const name = kind === 'child' ? 'childFields' : 'parentFields';
    const errorId = `${base}-${name}-error`;
    return (
      <fieldset className="consent-column" aria-describedby={errorId} data-testid={`consent-${kind}`}>
        <legend>{t(legend)}</legend>
        <div className="consent-column__tools">
          <button type="button" className="button button--quiet button--small" onClick={() => setChosen([...all])}>
            {t('serviceWeb.consent.all')}
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => setChosen([])}>
            {t('serviceWeb.consent.none')}
          </button>
        </div>
        <ul className="checklist">
          {all.map((field) => (
            <li key={field}>
              <label className="field--checkbox">
                <input
                  type="checkbox"
                  name={name}
                  value={field}
                  checked={chosen.includes(field)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, field] : chosen.filter((c) => c !== field))}
                />
                <span>{t(`service.${kind}Field.${field}` as MessageKey)}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError error={error} names={[name]} id={errorId} label={legend} />
      </fieldset>
    );
  };

  return (
    <form className="form form--wide consent-form" onSubmit={submit} noValidate data-testid="consent-form">
      <div className="form__grid consent-form__names">
        <div className="field">
          <label className="field__label" htmlFor={`${base}-child`}>
            {t('service.pdf.childName')} <span aria-hidden="true">*</span>
          </label>
          <input
            id={`${base}-child`}
            name="childFullName"
            required
            maxLength={CONSENT_LIMITS.childFullName}
            value={names.childFullName}
            aria-describedby={`${base}-childFullName-error`}
            onChange={(e) => setNames((n) => ({ ...n, childFullName: e.target.value }))}
          />
          <FieldError error={error} names={['childFullName']} id={`${base}-childFullName-error`} label="service.pdf.childName" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${base}-parent`}>
            {t('service.pdf.parentName')} <span aria-hidden="true">*</span>
          </label>
          <input
            id={`${base}-parent`}
            name="parentFullName"
            required
            maxLength={CONSENT_LIMITS.parentFullName}
            value={names.parentFullName}
            aria-describedby={`${base}-parentFullName-error`}
            onChange={(e) => setNames((n) => ({ ...n, parentFullName: e.target.value }))}
          />
          <FieldError error={error} names={['parentFullName']} id={`${base}-parentFullName-error`} label="service.pdf.parentName" />
        </div>
      </div>

      <p>{t('service.pdf.consentAllow')}</p>
      <div className="consent-columns">
        {column('child', CHILD_CONSENT_FIELDS, childFields, setChildFields, 'service.pdf.childColumn')}
        {column('parent', PARENT_CONSENT_FIELDS, parentFields, setParentFields, 'service.pdf.parentColumn')}
      </div>
      {depersonalised ? (
        <p className="notice notice--warning" role="status">
          {t('serviceWeb.consent.depersonalisedWarning')}
        </p>
      ) : null}

      <fieldset className="consent-purposes" aria-describedby={`${base}-purposes-error`}>
        <legend>{t('service.pdf.purposesTitle')}</legend>
        <ul className="checklist checklist--wide">
          {CONSENT_PURPOSES.map((p) => (
            <li key={p}>
              <label className="field--checkbox">
                <input
                  type="checkbox"
                  name="purposes"
                  value={p}
                  checked={purposes.includes(p)}
                  onChange={(e) => setPurposes(e.target.checked ? [...purposes, p] : purposes.filter((x) => x !== p))}
                />
                <span>{t(`service.purpose.${p}` as MessageKey)}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError error={error} names={['purposes']} id={`${base}-purposes-error`} label="service.pdf.purposesTitle" />
      </fieldset>
      <p className="muted">{t('service.pdf.consentValidity')}</p>

      <div className="field field--narrow">
        <label className="field__label" htmlFor={`${base}-signed`}>
          {t('serviceWeb.consent.signedOn')} <span aria-hidden="true">*</span>
        </label>
        <input
          id={`${base}-signed`}
          name="signedOn"
          type="date"
          required
          value={signedOn}
          aria-describedby={`${base}-signedOn-error`}
          onChange={(e) => setSignedOn(e.target.value)}
        />
        <FieldError error={error} names={['signedOn']} id={`${base}-signedOn-error`} label="serviceWeb.consent.signedOn" />
      </div>

      <FormError error={error} fields={FORM_FIELDS} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? t('web.form.saving') : t('serviceWeb.consent.submit')}
        </button>
      </div>
    </form>
  );
}
