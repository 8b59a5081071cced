import { REASON_MAX } from '@contract/limits';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useSchool } from '../../app/school-context';
import { errorText } from '../../components/status';
import { ApiError } from '../../lib/api';
import { formatDate, todayInZone } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { closePeriod, type Period, reopenPeriod } from './api/journal';
import { Modal } from './Modal';

/**
 * The admin's close / reopen of the period shown (R4.2), each behind a confirmation: closing
 * locks the period's grades and marks in every journal it applies to; reopening needs a reason,
 * which the server keeps in the audit log. A period that has not ended yet (its last day is after
 * the school's today) closes only early, on purpose, with a reason (decision 008); the server
 * decides, and its refusal also turns the dialog into the early close. The journal reloads
 * afterwards to show the new state.
 */
export function PeriodCloseButton({ schoolId, period }: { schoolId: string; period: Period }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const name = period.name || t('journalWeb.period.none');

  const finished = async (message: string) => {
    setAsking(false);
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: ['journal', schoolId] });
  };

  return (
    <>
      <button
        type="button"
        className={`button button--small ${period.closed ? 'button--secondary' : 'button--danger'}`}
        onClick={() => {
          setDone(null);
          setAsking(true);
        }}
        data-testid={period.closed ? 'period-reopen' : 'period-close'}
      >
        {period.closed ? t('journalWeb.period.reopen') : t('journalWeb.period.close')}
      </button>
      {done ? (
        <p className="form__saved" role="status">
          {done}
        </p>
      ) : null}
      {asking ? (
        <Modal
          title={period.closed ? t('journalWeb.period.reopenTitle', { period: name }) : t('journalWeb.period.closeTitle', { period: name })}
          onClose={() => setAsking(false)}
          testId="period-confirm"
        >
          <PeriodConfirm
            schoolId={schoolId}
            period={period}
            onDone={() => void finished(t(period.closed ? 'journalWeb.period.reopened' : 'journalWeb.period.closed', { period: name }))}
            onCancel={() => setAsking(false)}
          />
        </Modal>
      ) : null}
    </>
  );
}

function PeriodConfirm({
  schoolId,
  period,
  onDone,
  onCancel,
}: {
  schoolId: string;
  period: Period;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { timezone } = useSchool();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [early, setEarly] = useState(() => !period.closed && todayInZone(timezone) < period.endsOn);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const needsReason = period.closed || early;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsReason && reason.trim() === '') return;
    setState({ busy: true, error: null });
    try {
      if (period.closed) await reopenPeriod(schoolId, period.id, reason.trim());
      else await closePeriod(schoolId, period.id, early ? { early: true, reason: reason.trim() } : {});
      onDone();
    } catch (err) {
      // The school's day may differ from the device's: the server's refusal asks for the reason.
      if (err instanceof ApiError && err.code === 'period_not_ended') setEarly(true);
      setState({ busy: false, error: errorText(t, err) });
    }
  };

  return (
    <form className="form journal-dialog__section" onSubmit={submit}>
      <p>{period.closed ? t('journalWeb.period.reopenText') : t('journalWeb.period.closeText')}</p>
      {early ? (
        <p className="field__hint" data-testid="period-early-warning">
          {t('journalWeb.period.earlyText', { date: formatDate(locale, period.endsOn) })}
        </p>
      ) : null}
      {needsReason ? (
        <div className="field">
          <label className="field__label" htmlFor={reasonId}>
            {period.closed ? t('journalWeb.period.reopenReason') : t('journalWeb.period.earlyReason')}
          </label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={REASON_MAX}
            rows={2}
            required
            onChange={(e) => setReason(e.target.value)}
            data-testid={period.closed ? 'reopen-reason' : 'early-reason'}
          />
        </div>
      ) : null}
      {state.error ? (
        <p className="field__error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="submit"
          className={`button ${period.closed ? '' : 'button--danger'}`}
          disabled={state.busy || (needsReason && reason.trim() === '')}
          data-testid="period-confirm-button"
        >
          {period.closed
            ? t('journalWeb.period.reopenConfirm')
            : early
              ? t('journalWeb.period.earlyConfirm')
              : t('journalWeb.period.closeConfirm')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('journalWeb.period.cancel')}
        </button>
      </div>
    </form>
  );
}
