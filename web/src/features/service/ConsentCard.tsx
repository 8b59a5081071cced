import type { MessageKey } from '@contract/i18n/translate';
import { useId, useRef, useState } from 'react';
import { errorText } from '../../components/status';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { type Consent, pdfLinks, useWithdrawConsent } from './api/service';

/** A consent as recorded: dates, ticked fields, purposes, validity, the PDF. */
export function ConsentCard({
  schoolId,
  consent,
  canWithdraw,
  family,
}: {
  schoolId: string;
  consent: Consent;
  canWithdraw: boolean;
  family?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const labelled = (kind: 'child' | 'parent', fields: string[]) =>
    fields.length ? fields.map((f) => t(`service.${kind}Field.${f}` as MessageKey)).join(', ') : t('serviceWeb.consent.nothing');
  return (
    <article
      className="consent-card"
      data-testid="consent-card"
      aria-label={t('serviceWeb.consent.of', { date: formatDate(locale, consent.signedOn) })}
    >
      <p className="consent-card__state">
        {consent.withdrawnOn ? (
          <span className="tag tag--danger">{t('serviceWeb.consent.withdrawnOn', { date: formatDate(locale, consent.withdrawnOn) })}</span>
        ) : consent.valid ? (
          <span className="tag tag--success">{t('serviceWeb.consent.valid')}</span>
        ) : (
          <span className="tag tag--danger">{t('serviceWeb.consent.invalid')}</span>
        )}
        {consent.depersonalisedOnly ? <span className="tag tag--danger">{t('serviceWeb.consent.depersonalised')}</span> : null}
      </p>
      <dl className="facts">
        <dt>{t('service.pdf.childName')}</dt>
        <dd>{consent.childFullName}</dd>
        <dt>{t('service.pdf.parentName')}</dt>
        <dd>{consent.parentFullName}</dd>
        <dt>{t('serviceWeb.consent.signedOn')}</dt>
        <dd>{formatDate(locale, consent.signedOn)}</dd>
        <dt>{t('service.pdf.childColumn')}</dt>
        <dd>{labelled('child', consent.childFields)}</dd>
        <dt>{t('service.pdf.parentColumn')}</dt>
        <dd>{labelled('parent', consent.parentFields)}</dd>
        <dt>{t('serviceWeb.consent.purposes')}</dt>
        <dd>
          <ul className="plain-list">
            {consent.purposes.map((p) => (
              <li key={p}>{t(`service.purpose.${p}` as MessageKey)}</li>
            ))}
          </ul>
        </dd>
        {family ? null : (
          <>
            <dt>{t('serviceWeb.consent.operatorCopy')}</dt>
            <dd>
              {consent.operatorCopySentOn
                ? t('serviceWeb.consent.copySent', {
                    date: formatDate(locale, consent.operatorCopySentOn),
                    method: consent.operatorCopyMethod ?? '',
                  })
                : t('serviceWeb.consent.copyDue', { date: formatDate(locale, consent.operatorCopyDueOn) })}
            </dd>
          </>
        )}
      </dl>
      <div className="form__actions no-print">
        <a className="button button--secondary" href={pdfLinks.consent(schoolId, consent.id)} target="_blank" rel="noopener">
          {t('serviceWeb.consent.pdf')}
        </a>
        {canWithdraw && !consent.withdrawnOn ? <WithdrawConsent schoolId={schoolId} consent={consent} family={family} /> : null}
      </div>
    </article>
  );
}

/**
 * Withdrawal of consent (152-FZ art. 9 п. 2) behind an explicit confirmation that says what stops:
 * the diary, the notifications and the family's access to this child.
 */
export function WithdrawConsent({ schoolId, consent, family }: { schoolId: string; consent: Consent; family?: boolean }) {
  const t = useT();
  const withdraw = useWithdrawConsent(schoolId);
  const [open, setOpen] = useState(false);
  const questionId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  if (!open) {
    return (
      <button ref={opener} type="button" className="button button--danger" onClick={() => setOpen(true)} data-testid="withdraw-consent">
        {t('serviceWeb.withdraw.button')}
      </button>
    );
  }
  return (
    <fieldset className="confirm confirm--wide" aria-labelledby={questionId} data-testid="withdraw-confirm">
      <p className="confirm__question" id={questionId}>
        {t('serviceWeb.withdraw.question', { child: consent.childFullName })}
      </p>
      <ul className="confirm__consequences">
        <li>{t(family ? 'serviceWeb.withdraw.family.diary' : 'serviceWeb.withdraw.staff.diary')}</li>
        <li>{t('serviceWeb.withdraw.notifications')}</li>
        <li>{t('serviceWeb.withdraw.erased')}</li>
        <li>{t('serviceWeb.withdraw.kept')}</li>
      </ul>
      {withdraw.error ? (
        <p className="field__error" role="alert">
          {errorText(t, withdraw.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={withdraw.isPending}
          // biome-ignore lint/a11y/noAutofocus: the confirmation takes focus so the keyboard user answers it at once
          autoFocus
          onClick={() => withdraw.mutate({ id: consent.id }, { onSuccess: () => setOpen(false) })}
          data-testid="withdraw-yes"
        >
          {withdraw.isPending ? t('web.form.saving') : t('serviceWeb.withdraw.yes')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('web.common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
