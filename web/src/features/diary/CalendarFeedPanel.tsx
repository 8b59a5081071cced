import { useId, useState } from 'react';
import { ErrorNotice, SuccessNotice } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { type CalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './api/diary';

/**
 * R10.2: the student's private iCalendar link. The server keeps only a hash of the token, so the
 * link can be shown (and copied) only right after it is made; making a new one replaces the old.
 */
export function CalendarFeedPanel({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const create = useCreateCalendarFeed(schoolId, studentId);
  const revoke = useRevokeCalendarFeed(schoolId, studentId);
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [revoked, setRevoked] = useState(false);
  const linkId = useId();

  const url = feed ? `${window.location.origin}${feed.path}` : '';
  const webcal = url.replace(/^https?:/, 'webcal:');

  const onCreate = () => {
    setRevoked(false);
    setCopy('idle');
    create.mutate(undefined, { onSuccess: setFeed });
  };
  const onRevoke = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setFeed(null);
        setRevoked(true);
      },
    });
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section className="panel diary-calendar" aria-labelledby="diary-calendar-heading">
      <h2 id="diary-calendar-heading">{t('diaryWeb.calendar.heading')}</h2>
      <p>{t('diaryWeb.calendar.intro')}</p>
      {feed ? (
        <div className="diary-calendar__link">
          <div className="field">
            <label className="field__label" htmlFor={linkId}>
              {t('diaryWeb.calendar.link')}
            </label>
            <input id={linkId} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="calendar-link" />
          </div>
          <div className="form__actions">
            <button type="button" className="button" onClick={onCopy}>
              {t('diaryWeb.calendar.copy')}
            </button>
            <a className="button button--secondary" href={webcal}>
              {t('diaryWeb.calendar.subscribe')}
            </a>
          </div>
          <div role="status">{copy === 'copied' ? <p className="form__saved">{t('diaryWeb.calendar.copied')}</p> : null}</div>
          {copy === 'failed' ? <p className="field__error">{t('diaryWeb.calendar.copyFailed')}</p> : null}
          <p className="muted">{t('diaryWeb.calendar.shownOnce')}</p>
          <p className="muted">{t('diaryWeb.calendar.created', { date: formatInstant(locale, feed.createdAt) })}</p>
        </div>
      ) : null}
      {revoked ? <SuccessNotice>{t('diaryWeb.calendar.revoked')}</SuccessNotice> : null}
      {create.isError ? <ErrorNotice error={create.error} /> : null}
      {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
      <div className="form__actions diary-calendar__actions">
        <button type="button" className={feed ? 'button button--secondary' : 'button'} onClick={onCreate} disabled={create.isPending}>
          {t(feed ? 'diaryWeb.calendar.recreate' : 'diaryWeb.calendar.create')}
        </button>
        <button type="button" className="button button--danger" onClick={onRevoke} disabled={revoke.isPending}>
          {t('diaryWeb.calendar.revoke')}
        </button>
      </div>
      <p className="muted">
        {t('diaryWeb.calendar.recreateHint')} {t('diaryWeb.calendar.revokeHint')}
      </p>
    </section>
  );
}
