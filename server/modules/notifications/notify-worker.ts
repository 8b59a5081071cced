import { isLocale, type Locale, translate } from '../../../contract/i18n/index.js';
import type { Deps } from '../../lib/deps.js';
import { newId } from '../../lib/ids.js';
import { schoolTimeZone, schoolToday } from '../school/school.service.js';
import { ChannelError, type Channels, channelsFrom, type Receipt } from './channels.js';
import * as repo from './notifications.repository.js';
import { type NoticePayload, renderNotice } from './notify-text.js';
import { inQuietHours, localMinute, monthStart, nextLocalTime, parseEvents } from './settings.js';
import { smsSegments } from './sms-segments.js';

const CLAIM = 50;
const PARALLEL = 16;

export interface NotifyWorker {
  /** Claims and sends what is due now; answers how many notices it handled. */
  runOnce(): Promise<number>;
  /** Starts polling (every NOTIFY_POLL_MS when idle). */
  start(): void;
  stop(): Promise<void>;
  channels: Channels;
}

/** 30 s, 1 min, 2 min … up to an hour between tries. */
export function backoffMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

const unsubscribeUrl = (deps: Deps, token: string) => new URL(`/api/notifications/unsubscribe/${token}`, deps.config.publicUrl).toString();
const settingsUrl = (deps: Deps) => new URL('/notifications', deps.config.publicUrl).toString();

export function createNotifyWorker(deps: Deps, channels?: Channels): NotifyWorker {
  const onReceipt = async (r: Receipt) => {
    await repo.applyReceipt(deps.db, 'smpp', r.providerId, r.delivered, r.state, deps.clock.now().toISOString());
  };
  const ch = channels ?? channelsFrom(deps.config.notify, onReceipt);
  const cfg = deps.config.notify;
  // How long a claim holds a notice; a worker killed mid-send leaves it to be claimed again after this.
  const LEASE_MS = cfg.leaseSeconds * 1000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();

  async function send(batch: repo.OutboxRow[], batchId: string): Promise<void> {
    const head = batch[0] as repo.OutboxRow;
    const ids = batch.map((r) => r.id);
    const now = deps.clock.now();
    const payloads = batch.map((r) => JSON.parse(r.payload) as NoticePayload);
    const first = payloads[0] as NoticePayload;
    const direct = first.kind === 'verify' || first.kind === 'test';
    let language: Locale = isLocale(head.language) ? head.language : 'ru';
    let unsubscribe: string | undefined;

    if (!direct) {
      const setting = head.student_id ? await repo.settingFor(deps.db, head.user_id, head.student_id) : undefined;
      const choice = setting ? parseEvents(setting.events)[head.event as 'grade'] : undefined;
      if (!setting || !choice?.[head.channel as 'email']) return repo.markCancelled(deps.db, ids, batchId, 'unsubscribed');
      language = isLocale(setting.language) ? setting.language : language;
      const today = await schoolToday(deps, head.school_id);
      if (!(await repo.consentAllows(deps.db, head.school_id, head.user_id, head.student_id as string, head.channel, today))) {
        return repo.markCancelled(deps.db, ids, batchId, 'consent');
      }
      if (head.channel !== 'inapp' && !choice.night) {
        const zone = await schoolTimeZone(deps, head.school_id);
        if (inQuietHours(localMinute(now, zone), setting.quiet_from, setting.quiet_to)) {
          return repo.defer(deps.db, ids, batchId, nextLocalTime(now, zone, setting.quiet_to).toISOString());
        }
      }
      unsubscribe = unsubscribeUrl(deps, setting.unsubscribe_token);
    }

    const rendered = renderNotice(payloads, language);
    if (head.channel === 'inapp') {
      return repo.markSent(deps.db, ids, batchId, {
        now: now.toISOString(),
        provider: 'inapp',
        providerId: null,
        subject: rendered.subject,
        body: rendered.text,
        segments: null,
        parts: [],
      });
    }
    const address = direct ? (first as { address: string }).address : await repo.verifiedAddress(deps.db, head.user_id, head.channel);
    if (!address) return repo.markCancelled(deps.db, ids, batchId, 'no_contact');

    try {
      if (head.channel === 'email') {
        const footer = unsubscribe ? `\n\n—\n${renderFooter(language, settingsUrl(deps), unsubscribe)}` : '';
        const text = `${rendered.text}${footer}`;
        const providerId = await ch.email.send({
          to: address,
          subject: rendered.subject,
          text,
          messageId: `<${head.dedupe_key.replace(/[^A-Za-z0-9.-]/g, '.')}@otmetka>`,
          ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
        });
        await repo.markSent(deps.db, ids, batchId, {
          now: deps.clock.now().toISOString(),
          provider: ch.email.name,
          providerId,
          subject: rendered.subject,
          body: text,
          segments: null,
          parts: [],
        });
        return;
      }
      // SMS: the school's monthly budget first (issue 13 item 4); e-mail is not limited by it.
      const segments = smsSegments(rendered.sms);
      const budget = await repo.smsBudget(deps.db, head.school_id);
      if (budget !== null) {
        const zone = await schoolTimeZone(deps, head.school_id);
        const used = await repo.smsSegmentsSince(deps.db, head.school_id, monthStart(now, zone).toISOString());
        if (used + segments > budget) {
          return repo.markFailed(deps.db, ids, batchId, 'sms_budget', { subject: rendered.subject, body: rendered.sms });
        }
      }
      const sent = await ch.sms.send({ to: address, text: rendered.sms, key: head.dedupe_key });
      await repo.markSent(deps.db, ids, batchId, {
        now: deps.clock.now().toISOString(),
        provider: ch.sms.name,
        providerId: sent.parts[0] ?? null,
        subject: rendered.subject,
        body: rendered.sms,
        segments: sent.segments,
        parts: ch.sms.name === 'smpp' ? sent.parts.filter(Boolean) : [],
      });
    } catch (err) {
      const reason = err instanceof ChannelError ? err.reason : `error: ${(err as Error).message ?? String(err)}`.slice(0, 300);
      const permanent = err instanceof ChannelError && err.permanent;
      if (permanent || head.attempts >= cfg.maxAttempts) {
        await repo.markFailed(deps.db, ids, batchId, reason.slice(0, 300), {
          subject: rendered.subject,
          body: head.channel === 'sms' ? rendered.sms : rendered.text,
        });
      } else {
        await repo.markRetry(
          deps.db,
          ids,
          batchId,
          new Date(deps.clock.now().getTime() + backoffMs(head.attempts)).toISOString(),
          reason.slice(0, 300),
        );
      }
    }
  }

  async function runOnce(): Promise<number> {
    const now = deps.clock.now();
    const batchId = newId();
    const claimed = await repo.claimDue(deps.db, {
      now: now.toISOString(),
      coalesceCutoff: new Date(now.getTime() - cfg.coalesceSeconds * 1000).toISOString(),
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      batchId,
      limit: CLAIM,
      rowLocks: deps.dialect.supportsRowLocks,
    });
    if (claimed.length === 0) return 0;
    // Grades of one child for one recipient and channel go out as one message (coalescing).
    const messages = new Map<string, repo.OutboxRow[]>();
    for (const row of claimed) {
      const key = row.event === 'grade' && row.channel !== 'inapp' ? `${row.user_id}:${row.student_id}:${row.channel}` : row.id;
      messages.set(key, [...(messages.get(key) ?? []), row]);
    }
    let handled = claimed.length;
    const groups = [...messages.values()];
    for (let i = 0; i < groups.length; i += PARALLEL) {
      await Promise.all(
        groups.slice(i, i + PARALLEL).map(async (group) => {
          const head = group[0] as repo.OutboxRow;
          if (head.event === 'grade' && head.channel !== 'inapp') {
            const more = await repo.claimSiblings(deps.db, head, {
              leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
              batchId,
              rowLocks: deps.dialect.supportsRowLocks,
            });
            group.push(...more);
            handled += more.length;
          }
          group.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
          await send(group, batchId);
        }),
      );
    }
    return handled;
  }

  const loop = () => {
    if (!running) return;
    current = runOnce()
      .catch((err: unknown) => {
        // The outbox holds the truth; a failed round is tried again at the next poll.
        console.error(`notify worker: ${(err as Error).message}`);
        return 0;
      })
      .then((n) => {
        if (running) timer = setTimeout(loop, n > 0 ? 0 : cfg.pollMs);
      });
  };

  return {
    channels: ch,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await current.catch(() => {});
      await ch.email.close();
      await ch.sms.close();
    },
  };
}

function renderFooter(language: Locale, link: string, unsubscribe: string): string {
  return translate(language, 'notify.email.footer', { link, unsubscribe });
}
