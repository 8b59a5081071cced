import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Permission } from '../../../contract/permissions.js';
import type { ContactChannel, NotifyEvent } from '../../../contract/schemas/notifications.js';
import type { Actor } from '../../access/actor.js';
import { familyStudentIds, isFamilyAccount, requireFamilyOf, requireSchoolPermission, visibleSchoolIds } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { schoolTimeZone, schoolToday } from '../school/school.service.js';
import * as repo from './notifications.repository.js';
import { type NoticePayload, renderNotice } from './notify-text.js';
import { createNotifyWorker, type NotifyWorker } from './notify-worker.js';
import { DEFAULT_QUIET, defaultEvents, type EventChoices, monthStart, parseEvents } from './settings.js';

export type { Channels } from './channels.js';
export { channelsFrom, devEmail, devSms, httpSmsChannel, parseReceipt, smppChannel, smtpChannel } from './channels.js';
export type { NotifyWorker } from './notify-worker.js';
export { createNotifyWorker } from './notify-worker.js';
export { smsSegments, splitSms } from './sms-segments.js';

/** A code typed back within 10 minutes, at most 5 tries; a link opened within 24 hours; at most 5 codes per address. */
export const CODE_TTL_MS = 10 * 60_000;
export const LINK_TTL_MS = 24 * 60 * 60_000;
export const CODE_ATTEMPTS = 5;
export const MAX_SENDS = 5;

const SETTINGS_ENTITY = 'notify_settings';
const CONTACT_ENTITY = 'notify_contact';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SettingsView {
  studentId: string;
  studentName: string;
  events: EventChoices;
  quietFrom: string;
  quietTo: string;
  language: string;
}

/** The family's choices for each of their children in a school (defaults, all off, where none are saved). */
export async function listSettings(deps: Deps, actor: Actor, schoolId: string): Promise<SettingsView[]> {
  const today = await schoolToday(deps, schoolId);
  const ids = await familyStudentIds(deps.db, actor, schoolId, today);
  if (ids.length === 0) {
    if (visibleSchoolIds(actor).includes(schoolId)) throw new AppError(403, 'forbidden', 'error.notify.notFamily');
    throw new AppError(404, 'not_found', 'error.notFound');
  }
  const saved = new Map((await repo.settingsOf(deps.db, actor.userId as string, schoolId)).map((s) => [s.student_id, s]));
  const names = await repo.studentNames(deps.db, schoolId, ids);
  return names.map((n) => {
    const s = saved.get(n.id);
    return {
      studentId: n.id,
      studentName: `${n.surname} ${n.name}`,
      events: s ? parseEvents(s.events) : defaultEvents(),
      quietFrom: s?.quiet_from ?? DEFAULT_QUIET.from,
      quietTo: s?.quiet_to ?? DEFAULT_QUIET.to,
      language: s?.language ?? actor.locale,
    };
  });
}

/** Saves what reaches this family member about one child (R8.1: the parent sets it up themself). */
export async function saveSettings(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  studentId: string,
  input: { events: EventChoices; quietFrom: string; quietTo: string; language: 'ru' | 'en' },
): Promise<SettingsView> {
  const today = await schoolToday(deps, schoolId);
  await requireFamilyOf(deps.db, actor, schoolId, studentId, today);
  const userId = actor.userId as string;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertSettings(
      trx,
      {
        user_id: userId,
        student_id: studentId,
        school_id: schoolId,
        events: JSON.stringify(input.events),
        quiet_from: input.quietFrom,
        quiet_to: input.quietTo,
        language: input.language,
      },
      randomBytes(24).toString('base64url'),
      now.toISOString(),
    );
    const on = Object.entries(input.events).filter(([, c]) => c.email || c.sms || c.inapp).length;
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.update,
      entity: SETTINGS_ENTITY,
      entityId: studentId,
      details: { eventsOn: on },
    });
  });
  const view = (await listSettings(deps, actor, schoolId)).find((s) => s.studentId === studentId);
  return view as SettingsView;
}

export interface ContactView {
  channel: string;
  address: string;
  verified: boolean;
  pendingUntil: string | null;
}

const presentContact = (c: {
  channel: string;
  address: string;
  verified_at: string | null;
  secret_expires_at: string | null;
}): ContactView => ({
  channel: c.channel,
  address: c.address,
  verified: c.verified_at !== null,
  pendingUntil: c.verified_at === null ? c.secret_expires_at : null,
});

function requireFamilyAccount(actor: Actor): string {
  if (!actor.userId || !isFamilyAccount(actor)) throw new AppError(403, 'forbidden', 'error.notify.notFamily');
  return actor.userId;
}

/** The account's e-mail and phone for notices. */
export async function listContacts(deps: Deps, actor: Actor): Promise<ContactView[]> {
  const userId = requireFamilyAccount(actor);
  return (await repo.contactsOf(deps.db, userId)).map(presentContact);
}

const EMAIL_RE = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An e-mail address as typed (trimmed, domain lower-cased), or a 422 in the user's language. */
export function normaliseEmail(raw: string): string {
  const value = raw.trim();
  if (!EMAIL_RE.test(value) || value.length > 254) throw invalid('error.notify.invalidEmail');
  const at = value.lastIndexOf('@');
  return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/** A mobile number as +<country><number> (8 9xx… is read as +7 9xx…), or a 422. */
export function normalisePhone(raw: string): string {
  let digits = raw.trim().replace(/[\s()\-.]/g, '');
  if (/^8\d{10}$/.test(digits)) digits = `+7${digits.slice(1)}`;
  if (!digits.startsWith('+')) digits = `+${digits}`;
  if (!/^\+[1-9]\d{9,14}$/.test(digits)) throw invalid('error.notify.invalidPhone');
  return digits;
}

/**
 * Sets the account's e-mail or phone and sends the link or the 6-digit code through the outbox.
 * Only where a consent in force allows placing that contact (Приложение 2; R6.5).
 */
export async function setContact(deps: Deps, actor: Actor, channel: ContactChannel, rawAddress: string): Promise<ContactView> {
  const userId = requireFamilyAccount(actor);
  const address = channel === 'email' ? normaliseEmail(rawAddress) : normalisePhone(rawAddress);
  const schoolId = await repo.schoolsAllowingContact(deps.db, userId, channel, (id) => schoolToday(deps, id));
  if (!schoolId) throw new AppError(422, 'no_consent', 'error.notify.noConsent');
  const existing = await repo.contactOf(deps.db, userId, channel);
  if (existing && existing.address === address && existing.sends >= MAX_SENDS) {
    throw new AppError(429, 'too_many_codes', 'error.notify.tooManySends');
  }
  const now = deps.clock.now();
  const secret = channel === 'sms' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + (channel === 'sms' ? CODE_TTL_MS : LINK_TTL_MS)).toISOString();
  const payload: NoticePayload =
    channel === 'sms'
      ? { kind: 'verify', address, code: secret }
      : { kind: 'verify', address, link: new URL(`/notifications/confirm#${secret}`, deps.config.publicUrl).toString() };
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveContact(trx, {
      id: existing?.id ?? newId(),
      user_id: userId,
      channel,
      address,
      secret_hash: sha256(secret),
      secret_expires_at: expires,
      created_at: now.toISOString(),
    });
    await repo.insertNotices(trx, [
      {
        id: newId(),
        school_id: schoolId,
        user_id: userId,
        student_id: null,
        channel,
        event: 'verify',
        entity_id: null,
        dedupe_key: `verify:${newId()}`,
        payload: JSON.stringify(payload),
        language: actor.locale,
        status: 'queued',
        not_before: now.toISOString(),
        created_at: now.toISOString(),
      },
    ]);
    await recordAudit(trx, actor, now, { schoolId: null, action: AuditAction.update, entity: CONTACT_ENTITY, details: { channel } });
  });
  return presentContact({ channel, address, verified_at: null, secret_expires_at: expires });
}

/** Types back the SMS code: wrong codes count, and after 5 or 10 minutes a new code is needed. */
export async function confirmSmsCode(deps: Deps, actor: Actor, code: string): Promise<ContactView> {
  const userId = requireFamilyAccount(actor);
  const contact = await repo.contactOf(deps.db, userId, 'sms');
  const now = deps.clock.now();
  if (!contact || contact.verified_at !== null) {
    if (contact?.verified_at) return presentContact(contact);
    throw new AppError(410, 'code_expired', 'error.notify.codeExpired');
  }
  if (
    !contact.secret_hash ||
    !contact.secret_expires_at ||
    contact.secret_expires_at <= now.toISOString() ||
    contact.attempts >= CODE_ATTEMPTS
  ) {
    throw new AppError(410, 'code_expired', 'error.notify.codeExpired');
  }
  const given = Buffer.from(sha256(code.trim()), 'hex');
  if (!timingSafeEqual(given, Buffer.from(contact.secret_hash, 'hex'))) {
    await repo.countAttempt(deps.db, contact.id);
    const left = CODE_ATTEMPTS - contact.attempts - 1;
    if (left <= 0) throw new AppError(410, 'code_expired', 'error.notify.codeExpired');
    throw new AppError(422, 'wrong_code', 'error.notify.codeWrong', { left });
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.markVerified(trx, contact.id, now.toISOString());
    await recordAudit(trx, actor, now, {
      schoolId: null,
      action: AuditAction.update,
      entity: CONTACT_ENTITY,
      details: { channel: 'sms', verified: true },
    });
  });
  return presentContact({ ...contact, verified_at: now.toISOString() });
}

/** Opens the e-mail link: the token alone proves the mailbox (the link may be opened on another device). */
export async function confirmEmailLink(deps: Deps, token: string): Promise<{ channel: string; verified: boolean }> {
  const contact = await repo.contactBySecret(deps.db, 'email', sha256(token.trim()));
  const now = deps.clock.now().toISOString();
  if (!contact?.secret_expires_at || contact.secret_expires_at <= now) {
    throw new AppError(410, 'link_invalid', 'error.notify.linkInvalid');
  }
  await repo.markVerified(deps.db, contact.id, now);
  return { channel: 'email', verified: true };
}

/** Forgets a contact: nothing more goes there. */
export async function removeContact(deps: Deps, actor: Actor, channel: ContactChannel): Promise<void> {
  const userId = requireFamilyAccount(actor);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteContact(trx, userId, channel);
    await recordAudit(trx, actor, now, { schoolId: null, action: AuditAction.delete, entity: CONTACT_ENTITY, details: { channel } });
  });
}

/** RFC 8058 one-click: the token of the e-mail's List-Unsubscribe turns off e-mail about that child. */
export async function unsubscribeByToken(deps: Deps, token: string): Promise<void> {
  const setting = await repo.settingByUnsubscribeToken(deps.db, token);
  if (!setting) throw new AppError(410, 'link_invalid', 'error.notify.linkInvalid');
  const events = parseEvents(setting.events);
  for (const e of Object.keys(events) as NotifyEvent[]) events[e].email = false;
  await repo.setEvents(deps.db, setting.user_id, setting.student_id, JSON.stringify(events), deps.clock.now().toISOString());
}

export interface NoticeView {
  id: string;
  schoolId: string;
  studentId: string | null;
  channel: string;
  event: string;
  status: string;
  subject: string;
  text: string;
  reason: string | null;
  attempts: number;
  segments: number | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

function presentNotice(r: repo.OutboxRow): NoticeView {
  // A queued notice has no text yet: it is rendered now from what was kept, as it will be sent.
  const payload = JSON.parse(r.payload) as NoticePayload;
  const rendered = r.subject === null ? renderNotice([payload], (r.language === 'en' ? 'en' : 'ru') as 'ru' | 'en') : null;
  const hideCode = r.event === 'verify' && r.provider !== 'dev';
  return {
    id: r.id,
    schoolId: r.school_id,
    studentId: r.student_id,
    channel: r.channel,
    event: r.event,
    status: r.status,
    subject: r.subject ?? rendered?.subject ?? '',
    text: hideCode ? '' : (r.body ?? (r.channel === 'sms' ? rendered?.sms : rendered?.text) ?? ''),
    reason: r.reason,
    attempts: r.attempts,
    segments: r.segments,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
    readAt: r.read_at,
  };
}

/** The in-app notices of this account, newest first, and how many are unread. */
export async function noticeFeed(deps: Deps, actor: Actor): Promise<{ items: NoticeView[]; unread: number }> {
  const userId = requireFamilyAccount(actor);
  const rows = await repo.feedOf(deps.db, userId, 100);
  return { items: rows.map((r) => presentNotice(r)), unread: await repo.unreadCount(deps.db, userId) };
}

/** Marks every in-app notice of the account as read. */
export async function markFeedRead(deps: Deps, actor: Actor): Promise<void> {
  const userId = requireFamilyAccount(actor);
  await repo.markRead(deps.db, userId, deps.clock.now().toISOString());
}

/** The account's e-mail and SMS notices with their status (queued … delivered, failed with why). */
export async function noticeHistory(deps: Deps, actor: Actor): Promise<NoticeView[]> {
  const userId = requireFamilyAccount(actor);
  return (await repo.historyOf(deps.db, userId, 200)).map((r) => presentNotice(r));
}

/** Shows enough of an address to tell whose it is, no more. */
export function maskAddress(address: string | null): string {
  if (!address) return '—';
  if (address.includes('@')) {
    const [local = '', domain = ''] = address.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${address.slice(0, 2)}******${address.slice(-2)}`;
}

/** The school's delivery log for its administrator: every notice with status, filters and the reason of failures. */
export async function deliveryLog(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: { status?: string; channel?: string; from?: string; to?: string },
) {
  requireSchoolPermission(actor, schoolId, Permission.notifyManage);
  const zone = await schoolTimeZone(deps, schoolId);
  const instant = (date: string) => dayStartIn(date, zone);
  const rows = await repo.deliveryLog(
    deps.db,
    schoolId,
    {
      ...(q.status ? { status: q.status } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.from ? { fromAt: instant(q.from) } : {}),
      ...(q.to ? { toAt: instant(addDay(q.to)) } : {}),
    },
    500,
  );
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.list,
    entity: 'notify_outbox',
    details: { count: rows.length },
  });
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { address?: string };
    return {
      id: r.id,
      channel: r.channel,
      event: r.event,
      status: r.status,
      recipient: r.channel === 'inapp' ? '—' : maskAddress(payload.address ?? r.address ?? null),
      reason: r.reason,
      attempts: r.attempts,
      segments: r.segments,
      provider: r.provider,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      deliveredAt: r.delivered_at,
    };
  });
}

const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The instant a school-local calendar day begins (filters by the school's days, not UTC's). */
function dayStartIn(date: string, zone: string): string {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(noonUtc);
  const offsetMin = Number(local.slice(0, 2)) * 60 + Number(local.slice(3, 5)) - 12 * 60;
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetMin * 60_000).toISOString();
}

/** This month's SMS parts of the school against its budget, and which channels are configured. */
export async function smsUsage(deps: Deps, actor: Actor, schoolId: string) {
  requireSchoolPermission(actor, schoolId, Permission.notifyManage);
  const zone = await schoolTimeZone(deps, schoolId);
  const now = deps.clock.now();
  const since = monthStart(now, zone);
  const segments = await repo.smsSegmentsSince(deps.db, schoolId, since.toISOString());
  const budget = await repo.smsBudget(deps.db, schoolId);
  const cfg = deps.config.notify;
  return {
    month: (await schoolToday(deps, schoolId)).slice(0, 7),
    segments,
    budget,
    overBudget: budget !== null && segments >= budget,
    channels: { email: cfg.smtpUrl ? 'smtp' : 'dev', sms: cfg.smpp ? 'smpp' : cfg.smsHttp ? 'http' : 'dev' },
  };
}

/** Sets the school's monthly SMS budget in parts (null: none). Over it, SMS stop and e-mail goes on. */
export async function setSmsBudget(deps: Deps, actor: Actor, schoolId: string, budget: number | null) {
  requireSchoolPermission(actor, schoolId, Permission.notifyManage);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.setSmsBudget(trx, schoolId, budget, now.toISOString());
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.update, entity: 'notify_sms_budget', details: { budget } });
  });
  return smsUsage(deps, actor, schoolId);
}

/** The channel check: queues a test message to an address the administrator gives; the log shows how it went. */
export async function sendTest(deps: Deps, actor: Actor, schoolId: string, input: { channel: ContactChannel; address: string }) {
  requireSchoolPermission(actor, schoolId, Permission.notifyManage);
  if (!actor.userId) throw forbidden();
  const address = input.channel === 'email' ? normaliseEmail(input.address) : normalisePhone(input.address);
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertNotices(trx, [
      {
        id,
        school_id: schoolId,
        user_id: actor.userId as string,
        student_id: null,
        channel: input.channel,
        event: 'test',
        entity_id: null,
        dedupe_key: `test:${id}`,
        payload: JSON.stringify({ kind: 'test', address, school: await repo.schoolName(trx, schoolId) } satisfies NoticePayload),
        language: actor.locale,
        status: 'queued',
        not_before: now.toISOString(),
        created_at: now.toISOString(),
      },
    ]);
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.create,
      entity: 'notify_test',
      entityId: id,
      details: { channel: input.channel },
    });
  });
  return { id, status: 'queued' };
}

/** The worker of this process (SERVICES includes worker): started by main, stopped at shutdown. */
export function startNotifyWorker(deps: Deps): NotifyWorker {
  const worker = createNotifyWorker(deps);
  worker.start();
  return worker;
}
