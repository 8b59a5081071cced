import type { MessageKey } from '@contract/i18n/translate';
import { DECISION_LIMITS, ORDER_LIMITS } from '@contract/limits';
import { REFUSAL_GROUNDS } from '@contract/schemas/service';
import { type FormEvent, useId, useState } from 'react';
import { EntityForm, withLimits } from '../../components/EntityForm';
import { todayIso } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { useDecide, useSignOrder } from './api/service';
import { FieldError, FormError } from './FieldError';

/** The director's decision (seed 002 §3.2.3): grant, or refuse on a ground of §2.8. */
export function DecisionForm({ schoolId, applicationId }: { schoolId: string; applicationId: string }) {
  const t = useT();
  const decide = useDecide(schoolId, applicationId);
  const base = useId();
  const [decision, setDecision] = useState<'granted' | 'refused' | ''>('');
  const [ground, setGround] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await decide.mutateAsync({
        decision: decision || undefined,
        ...(decision === 'refused' && ground ? { ground } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="decision-form">
      <fieldset className="field" aria-describedby={`${base}-decision-error`}>
        <legend className="field__label">{t('serviceWeb.decision.choose')}</legend>
        <label className="field--checkbox">
          <input type="radio" name="decision" value="granted" checked={decision === 'granted'} onChange={() => setDecision('granted')} />
          <span>{t('serviceWeb.decision.grant')}</span>
        </label>
        <label className="field--checkbox">
          <input type="radio" name="decision" value="refused" checked={decision === 'refused'} onChange={() => setDecision('refused')} />
          <span>{t('serviceWeb.decision.refuse')}</span>
        </label>
        <FieldError error={error} names={['decision']} id={`${base}-decision-error`} label="serviceWeb.decision.choose" />
      </fieldset>
      {decision === 'refused' ? (
        <fieldset className="field" aria-describedby={`${base}-ground-error`}>
          <legend className="field__label">{t('serviceWeb.decision.ground')}</legend>
          {REFUSAL_GROUNDS.map((g) => (
            <label key={g} className="field--checkbox">
              <input type="radio" name="ground" value={g} checked={ground === g} onChange={() => setGround(g)} />
              <span>{t(`service.refusalGround.${g}` as MessageKey)}</span>
            </label>
          ))}
          <FieldError error={error} names={['ground']} id={`${base}-ground-error`} label="serviceWeb.decision.ground" />
        </fieldset>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`${base}-note`}>
          {t('serviceWeb.decision.note')}
        </label>
        <textarea
          id={`${base}-note`}
          name="note"
          rows={2}
          maxLength={DECISION_LIMITS.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <FieldError error={error} names={['note']} id={`${base}-note-error`} label="serviceWeb.decision.note" />
      </div>
      <FormError error={error} fields={['decision', 'ground', 'note']} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={decide.isPending || !decision}>
          {decide.isPending ? t('web.form.saving') : t('serviceWeb.decision.submit')}
        </button>
      </div>
    </form>
  );
}

/** The director's order granting the service (seed 002 §3.2.4: within 7 days of the decision). */
export function OrderForm({ schoolId, applicationId }: { schoolId: string; applicationId: string }) {
  const sign = useSignOrder(schoolId, applicationId);
  return (
    <EntityForm
      testId="order-form"
      submitLabel="serviceWeb.order.submit"
      keepValues
      initial={{ orderDate: todayIso() }}
      fields={withLimits(ORDER_LIMITS, [
        { name: 'orderNumber', label: 'serviceWeb.order.number', required: true },
        { name: 'orderDate', label: 'serviceWeb.order.date', type: 'date', required: true },
      ])}
      onSubmit={(body) => sign.mutateAsync(body)}
    />
  );
}
