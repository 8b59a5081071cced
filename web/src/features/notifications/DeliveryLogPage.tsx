import type { MessageKey } from '@contract/i18n/translate';
import { NOTIFY_CHANNELS, NOTIFY_STATUSES } from '@contract/schemas/notifications';
import { type FormEvent, useId, useState } from 'react';
import { useSession } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading, SuccessNotice } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import type { Query } from '../../lib/resource';
import { useDocumentTitle } from '../../lib/use-title';
import { useDeliveryLog, useSendTest, useSetSmsBudget, useSmsUsage } from './api/notifications';
import { reasonText, StatusTag } from './NotificationsPage';
import './notifications.css';

/** The school administrator's delivery log: every notice's status, filters, the reason of each failure; the SMS budget; a channel check. */
export function DeliveryLogPage() {
  const t = useT();
  const { locale } = useLocale();
  const { school } = useSession();
  useDocumentTitle(t('notifyWeb.log.title'));
  const ids = { status: useId(), channel: useId(), from: useId(), to: useId() };
  const [draft, setDraft] = useState({ status: '', channel: '', from: '', to: '' });
  const [query, setQuery] = useState<Query>({});
  const log = useDeliveryLog(school.id, query);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')));
  };
  return (
    <div className="notify">
      <header className="page-header">
        <h1>{t('notifyWeb.log.title')}</h1>
      </header>
      <UsagePanel />
      <TestPanel />
      <section className="panel" aria-labelledby="notify-log">
        <h2 id="notify-log">{t('notifyWeb.log.nav')}</h2>
        <form className="form form--inline" onSubmit={apply}>
          <div className="field field--short">
            <label className="field__label" htmlFor={ids.status}>
              {t('notifyWeb.status')}
            </label>
            <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t('web.common.all')}</option>
              {NOTIFY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`notify.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--short">
            <label className="field__label" htmlFor={ids.channel}>
              {t('notifyWeb.channel')}
            </label>
            <select id={ids.channel} value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value })}>
              <option value="">{t('web.common.all')}</option>
              {NOTIFY_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`notify.channel.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--short">
            <label className="field__label" htmlFor={ids.from}>
              {t('notifyWeb.log.from')}
            </label>
            <input id={ids.from} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="field field--short">
            <label className="field__label" htmlFor={ids.to}>
              {t('notifyWeb.log.to')}
            </label>
            <input id={ids.to} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button">
              {t('notifyWeb.log.filter')}
            </button>
          </div>
        </form>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorNotice error={log.error} onRetry={() => log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <Empty>{t('notifyWeb.log.empty')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="delivery-log">
              <thead>
                <tr>
                  <th scope="col">{t('notifyWeb.when')}</th>
                  <th scope="col">{t('notifyWeb.log.event')}</th>
                  <th scope="col">{t('notifyWeb.channel')}</th>
                  <th scope="col">{t('notifyWeb.log.recipient')}</th>
                  <th scope="col">{t('notifyWeb.status')}</th>
                  <th scope="col">{t('notifyWeb.log.attempts')}</th>
                  <th scope="col">{t('notifyWeb.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatInstant(locale, r.createdAt)}</td>
                    <td>
                      {t(
                        (r.event === 'verify' || r.event === 'test'
                          ? `notifyWeb.event.${r.event}`
                          : `notify.event.${r.event}`) as MessageKey,
                      )}
                    </td>
                    <td>{t(`notify.channel.${r.channel}` as MessageKey)}</td>
                    <td>{r.recipient}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                    <td>{r.attempts}</td>
                    <td>{reasonText(t, r.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function UsagePanel() {
  const t = useT();
  const { school } = useSession();
  const usage = useSmsUsage(school.id);
  const setBudget = useSetSmsBudget(school.id);
  const id = useId();
  const [budget, setDraft] = useState<string | null>(null);
  if (usage.isPending) return <Loading />;
  if (usage.isError) return <ErrorNotice error={usage.error} onRetry={() => usage.refetch()} />;
  const u = usage.data;
  const value = budget ?? (u.budget === null ? '' : String(u.budget));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBudget.mutate(value.trim() === '' ? null : Number(value), { onSuccess: () => setDraft(null) });
  };
  return (
    <section className="panel" aria-labelledby="notify-usage">
      <h2 id="notify-usage">{t('notifyWeb.usage')}</h2>
      <p data-testid="sms-usage">{t('notifyWeb.usage.count', { month: u.month, count: u.segments })}</p>
      {u.overBudget ? (
        <p className="status status--error" role="alert">
          {t('notifyWeb.usage.over')}
        </p>
      ) : null}
      <p className="muted">
        {t('notifyWeb.usage.channels', {
          email: t(`notifyWeb.channelKind.${u.channels.email}` as MessageKey),
          sms: t(`notifyWeb.channelKind.${u.channels.sms}` as MessageKey),
        })}
      </p>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field field--short">
          <label className="field__label" htmlFor={id}>
            {t('notifyWeb.usage.budget')}
          </label>
          <input id={id} type="number" min={0} max={10_000_000} value={value} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={setBudget.isPending}>
            {t('notifyWeb.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TestPanel() {
  const t = useT();
  const { school } = useSession();
  const send = useSendTest(school.id);
  const ids = { channel: useId(), address: useId() };
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [address, setAddress] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate({ channel, address });
  };
  return (
    <section className="panel" aria-labelledby="notify-test">
      <h2 id="notify-test">{t('notifyWeb.test')}</h2>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.channel}>
            {t('notifyWeb.channel')}
          </label>
          <select id={ids.channel} value={channel} onChange={(e) => setChannel(e.target.value === 'sms' ? 'sms' : 'email')}>
            <option value="email">{t('notify.channel.email')}</option>
            <option value="sms">{t('notify.channel.sms')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.address}>
            {t('notifyWeb.test.address')}
          </label>
          <input id={ids.address} maxLength={254} value={address} onChange={(e) => setAddress(e.target.value)} required />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={send.isPending}>
            {t('notifyWeb.test.send')}
          </button>
        </div>
      </form>
      {send.isSuccess ? <SuccessNotice>{t('notifyWeb.test.queued')}</SuccessNotice> : null}
      {send.isError ? (
        <p className="field__error" role="alert">
          {errorText(t, send.error)}
        </p>
      ) : null}
    </section>
  );
}
