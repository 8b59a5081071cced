import type { MessageKey } from '@contract/i18n/translate';
import { NOTIFY_EVENTS, type NotifyEvent } from '@contract/schemas/notifications';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSession } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import {
  type Contact,
  type NotifySettings,
  type NotifySettingsBody,
  useConfirmSms,
  useContacts,
  useFeed,
  useHistory,
  useMarkFeedRead,
  useNotifySettings,
  useRemoveContact,
  useSaveNotifySettings,
  useSetContact,
} from './api/notifications';
import './notifications.css';

const CHANNELS = ['email', 'sms', 'inapp'] as const;

/** A status as a coloured tag: delivered and sent green, failed red, cancelled grey. */
export function StatusTag({ status }: { status: string }) {
  const t = useT();
  const tone = status === 'failed' ? 'tag--danger' : status === 'delivered' || status === 'sent' ? 'tag--success' : '';
  return (
    <span className={`tag ${tone}`} data-status={status}>
      {t(`notify.status.${status}` as MessageKey)}
    </span>
  );
}

/** Why a notice was not sent, in words where the reason is ours, as the gateway said where it is theirs. */
export function reasonText(t: (k: MessageKey) => string, reason: string | null): string {
  if (!reason) return '';
  const known = ['consent', 'no_contact', 'sms_budget', 'deleted', 'unsubscribed'];
  return known.includes(reason) ? t(`notify.reason.${reason}` as MessageKey) : reason;
}

/**
 * The family's notifications (R8; seed 002 §3.2.5, §3.3: the parent sets up SMS reception
 * themself): the in-app feed, verified contacts, per child what comes by which channel with quiet
 * hours and language, and the history of e-mails and SMS with their status.
 */
export function NotificationsPage() {
  const t = useT();
  const { school } = useSession();
  useDocumentTitle(t('notifyWeb.title'));
  const settings = useNotifySettings(school.id);
  const contacts = useContacts();
  return (
    <div className="notify">
      <header className="page-header">
        <h1>{t('notifyWeb.title')}</h1>
        <p className="page-header__subtitle">{t('notifyWeb.subtitle')}</p>
      </header>
      <FeedPanel />
      <section className="panel" aria-labelledby="notify-contacts">
        <h2 id="notify-contacts">{t('notifyWeb.contacts')}</h2>
        <p className="muted">{t('notifyWeb.contacts.intro')}</p>
        {contacts.isPending ? (
          <Loading />
        ) : contacts.isError ? (
          <ErrorNotice error={contacts.error} onRetry={() => contacts.refetch()} />
        ) : (
          <>
            <ContactForm channel="email" contact={contacts.data.items.find((c) => c.channel === 'email')} />
            <ContactForm channel="sms" contact={contacts.data.items.find((c) => c.channel === 'sms')} />
          </>
        )}
      </section>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        settings.data.items.map((s) => <ChildSettings key={s.studentId} settings={s} contacts={contacts.data?.items ?? []} />)
      )}
      <HistoryPanel />
    </div>
  );
}

function FeedPanel() {
  const t = useT();
  const { locale } = useLocale();
  const feed = useFeed();
  const markRead = useMarkFeedRead();
  return (
    <section className="panel" aria-labelledby="notify-feed">
      <h2 id="notify-feed">
        {t('notifyWeb.feed')}{' '}
        {feed.data && feed.data.unread > 0 ? (
          <span className="notify__badge" data-testid="notify-unread">
            {t('notifyWeb.feed.unread', { count: feed.data.unread })}
          </span>
        ) : null}
      </h2>
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <ErrorNotice error={feed.error} onRetry={() => feed.refetch()} />
      ) : feed.data.items.length === 0 ? (
        <Empty>{t('notifyWeb.feed.empty')}</Empty>
      ) : (
        <>
          <ul className="notify__feed" data-testid="notify-feed">
            {feed.data.items.slice(0, 20).map((n) => (
              <li key={n.id} className={n.readAt ? '' : 'notify__unread'}>
                <strong>{n.subject}</strong>
                <span className="muted"> · {formatInstant(locale, n.createdAt)}</span>
                <div className="notify__text">{n.text.split('\n').slice(2).join('\n') || n.text}</div>
              </li>
            ))}
          </ul>
          {feed.data.unread > 0 ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => markRead.mutate(undefined)}
              disabled={markRead.isPending}
            >
              {t('notifyWeb.feed.markRead')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function ContactForm({ channel, contact }: { channel: 'email' | 'sms'; contact: Contact | undefined }) {
  const t = useT();
  const ids = { address: useId(), code: useId() };
  const [address, setAddress] = useState(contact?.address ?? '');
  const [code, setCode] = useState('');
  const set = useSetContact(channel);
  const confirm = useConfirmSms();
  const remove = useRemoveContact(channel);
  useEffect(() => setAddress(contact?.address ?? ''), [contact?.address]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate(address);
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code, { onSuccess: () => setCode('') });
  };
  const pending = contact && !contact.verified;
  return (
    <div className="notify__contact" data-testid={`contact-${channel}`}>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={ids.address}>
            {t(channel === 'email' ? 'notifyWeb.email' : 'notifyWeb.phone')}
          </label>
          <input
            id={ids.address}
            type={channel === 'email' ? 'email' : 'tel'}
            autoComplete={channel === 'email' ? 'email' : 'tel'}
            inputMode={channel === 'email' ? 'email' : 'tel'}
            maxLength={254}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            required
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={set.isPending}>
            {t(channel === 'email' ? 'notifyWeb.sendLink' : 'notifyWeb.sendCode')}
          </button>
          {contact ? (
            <button type="button" className="button button--quiet" onClick={() => remove.mutate(undefined)} disabled={remove.isPending}>
              {t('notifyWeb.remove')}
            </button>
          ) : null}
        </div>
      </form>
      {set.isError ? (
        <p className="field__error" role="alert">
          {errorText(t, set.error)}
        </p>
      ) : null}
      {contact?.verified ? <span className="tag tag--success">{t('notifyWeb.verified')}</span> : null}
      {pending ? <p className="muted">{t(channel === 'email' ? 'notifyWeb.pendingEmail' : 'notifyWeb.pendingSms')}</p> : null}
      {pending && channel === 'sms' ? (
        <form className="form form--inline" onSubmit={submitCode}>
          <div className="field field--narrow">
            <label className="field__label" htmlFor={ids.code}>
              {t('notifyWeb.code')}
            </label>
            <input
              id={ids.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button" disabled={confirm.isPending}>
              {t('notifyWeb.confirm')}
            </button>
          </div>
          {confirm.isError ? (
            <p className="field__error" role="alert">
              {errorText(t, confirm.error)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function ChildSettings({ settings, contacts }: { settings: NotifySettings; contacts: Contact[] }) {
  const t = useT();
  const { school } = useSession();
  const ids = { from: useId(), to: useId(), language: useId() };
  const [draft, setDraft] = useState<NotifySettingsBody>(() => ({
    events: settings.events,
    quietFrom: settings.quietFrom,
    quietTo: settings.quietTo,
    language: settings.language === 'en' ? 'en' : 'ru',
  }));
  const save = useSaveNotifySettings(school.id, settings.studentId);
  const toggle = (event: NotifyEvent, key: 'email' | 'sms' | 'inapp' | 'night') =>
    setDraft((d) => ({ ...d, events: { ...d.events, [event]: { ...d.events[event], [key]: !d.events[event][key] } } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  const verified = (channel: string) => contacts.some((c) => c.channel === channel && c.verified);
  const missing = (['email', 'sms'] as const).filter((c) => NOTIFY_EVENTS.some((e) => draft.events[e][c]) && !verified(c));
  return (
    <section className="panel" aria-labelledby={`child-${settings.studentId}`} data-testid={`notify-child-${settings.studentId}`}>
      <h2 id={`child-${settings.studentId}`}>{t('notifyWeb.child', { name: settings.studentName })}</h2>
      <form className="form" onSubmit={submit}>
        {NOTIFY_EVENTS.map((event) => (
          <fieldset key={event} className="notify__event">
            <legend>{t(`notify.event.${event}` as MessageKey)}</legend>
            <div className="notify__choices">
              {([...CHANNELS, 'night'] as const).map((key) => (
                <label key={key} className="notify__choice">
                  <input
                    type="checkbox"
                    data-testid={`notify-${event}-${key}`}
                    checked={draft.events[event][key]}
                    onChange={() => toggle(event, key)}
                  />
                  {key === 'night' ? t('notifyWeb.night') : t(`notify.channel.${key}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        {missing.map((c) => (
          <p key={c} className="muted" role="note">
            {t('notifyWeb.needContact', { channel: t(`notify.channel.${c}` as MessageKey) })}
          </p>
        ))}
        <fieldset className="notify__quiet">
          <legend>{t('notifyWeb.quiet')}</legend>
          <label htmlFor={ids.from}>{t('notifyWeb.quietFrom')}</label>
          <input
            id={ids.from}
            type="time"
            value={draft.quietFrom}
            onChange={(e) => setDraft({ ...draft, quietFrom: e.target.value })}
            required
          />
          <label htmlFor={ids.to}>{t('notifyWeb.quietTo')}</label>
          <input id={ids.to} type="time" value={draft.quietTo} onChange={(e) => setDraft({ ...draft, quietTo: e.target.value })} required />
        </fieldset>
        <div className="field field--narrow">
          <label className="field__label" htmlFor={ids.language}>
            {t('notifyWeb.language')}
          </label>
          <select
            id={ids.language}
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.target.value === 'en' ? 'en' : 'ru' })}
          >
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={save.isPending} data-testid="notify-save">
            {t('notifyWeb.save')}
          </button>
          {save.isSuccess ? <span className="form__saved">{t('notifyWeb.saved')}</span> : null}
        </div>
        {save.isError ? (
          <p className="field__error" role="alert">
            {errorText(t, save.error)}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function HistoryPanel() {
  const t = useT();
  const { locale } = useLocale();
  const history = useHistory();
  return (
    <section className="panel" aria-labelledby="notify-history">
      <h2 id="notify-history">{t('notifyWeb.history')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorNotice error={history.error} onRetry={() => history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <Empty>{t('notifyWeb.history.empty')}</Empty>
      ) : (
        <ul className="notify__history" data-testid="notify-history">
          {history.data.items.map((n) => (
            <li key={n.id}>
              <div>
                <StatusTag status={n.status} /> {t(`notify.channel.${n.channel}` as MessageKey)} ·{' '}
                <span className="muted">{formatInstant(locale, n.sentAt ?? n.createdAt)}</span>
              </div>
              <div className="notify__text">{n.subject || t(`notifyWeb.event.${n.event}` as MessageKey)}</div>
              {n.reason && n.status !== 'sent' && n.status !== 'delivered' ? (
                <div className="field__error">{reasonText(t, n.reason)}</div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
