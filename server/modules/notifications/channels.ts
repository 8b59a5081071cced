import { createRequire } from 'node:module';
import nodemailer from 'nodemailer';
import type { NotifyConfig } from '../../config.js';
import { concatHeader, splitSms } from './sms-segments.js';

/** A send that did not happen; permanent ones (a refused address) are not tried again. */
export class ChannelError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
  ) {
    super(reason);
  }
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notice, so a receiving server can tell a resend (after a crash) from a new message. */
  messageId: string;
  /** One-click unsubscribe address (RFC 8058), when the notice has one. */
  unsubscribeUrl?: string;
}

export interface SmsMessage {
  to: string;
  text: string;
  /** Sent to an HTTP gateway as Idempotency-Key: one per notice, the same on every try. */
  key: string;
}

export interface SentSms {
  /** The provider's id of each part (SMPP message_id); receipts name these. */
  parts: string[];
  segments: number;
}

export interface EmailChannel {
  name: 'smtp' | 'dev';
  send(message: EmailMessage): Promise<string>;
  close(): Promise<void>;
}

export interface SmsChannel {
  name: 'smpp' | 'http' | 'dev';
  send(message: SmsMessage): Promise<SentSms>;
  close(): Promise<void>;
}

export interface Receipt {
  providerId: string;
  delivered: boolean;
  state: string;
}

export interface Channels {
  email: EmailChannel;
  sms: SmsChannel;
}

let devCounter = 0;
const devId = () => `dev-${Date.now().toString(36)}-${(++devCounter).toString(36)}`;

/** With nothing configured: the message is kept in the outbox row itself (its subject and text), nothing leaves the machine. */
export const devEmail: EmailChannel = { name: 'dev', send: async () => devId(), close: async () => {} };
export const devSms: SmsChannel = {
  name: 'dev',
  send: async (m) => ({ parts: [devId()], segments: splitSms(m.text).length }),
  close: async () => {},
};

/** E-mail over SMTP (nodemailer): a plain-text part, List-Unsubscribe with one-click POST (RFC 8058). */
export function smtpChannel(url: string, from: string, timeoutMs: number): EmailChannel {
  // A pool of kept connections: a fresh TCP and SMTP greeting per notice made the worker wait on
  // handshakes (the notify bench).
  const transport = nodemailer.createTransport(url, {
    pool: true,
    maxConnections: 8,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as never);
  return {
    name: 'smtp',
    async send(m) {
      try {
        const info = await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: m.messageId,
          ...(m.unsubscribeUrl
            ? { list: { unsubscribe: { url: m.unsubscribeUrl } }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
            : {}),
        });
        return String(info.messageId ?? m.messageId);
      } catch (err) {
        throw smtpError(err);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function smtpError(err: unknown): ChannelError {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    // 5xx: the server refuses this message or address for good; 4xx: try again later.
    return new ChannelError(`SMTP ${e.responseCode}: ${(e.response ?? e.message ?? '').slice(0, 200)}`, e.responseCode >= 500);
  }
  if (e.code === 'EENVELOPE') return new ChannelError(`SMTP envelope: ${(e.message ?? '').slice(0, 200)}`, true);
  return new ChannelError(`SMTP ${e.code ?? 'error'}: ${(e.message ?? String(err)).slice(0, 200)}`, false);
}

// ------------------------------------------------------------------ SMPP 3.4

const require = createRequire(import.meta.url);
// smpp ships no types: the few calls used here are typed by hand.
interface SmppPdu {
  command_status: number;
  message_id?: string;
  esm_class?: number;
  receipted_message_id?: string;
  message_state?: number;
  short_message?: { message?: string | Buffer } | string;
}
interface SmppSession {
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  removeAllListeners(event?: string): void;
  bind_transceiver(options: Record<string, unknown>, callback: (pdu: SmppPdu) => void): void;
  submit_sm(options: Record<string, unknown>, callback: (pdu: SmppPdu) => void): boolean;
  send(pdu: unknown): boolean;
  close(callback?: () => void): void;
  destroy?(): void;
  socket: { destroy(): void; writable: boolean };
}
const smpp = require('smpp') as {
  connect(options: { url: string; auto_enquire_link_period?: number }): SmppSession;
};

/** SMPP command_status values that no resend will change (SMPP 3.4 §5.1.3). */
const PERMANENT_SMPP = new Set([0x0a, 0x0b, 0x0c, 0x33, 0x34, 0x45, 0x48, 0x49, 0x50, 0x51]);

const RECEIPT_STATES: Record<number, string> = {
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/** Reads a delivery receipt (esm_class 0x04): the TLVs when present, else the text of SMPP 3.4 Appendix B. */
export function parseReceipt(pdu: SmppPdu): Receipt | null {
  if (((pdu.esm_class ?? 0) & 0x04) === 0) return null;
  const raw = typeof pdu.short_message === 'string' ? pdu.short_message : pdu.short_message?.message;
  const text = raw === undefined ? '' : Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  const id = pdu.receipted_message_id ?? /id:(\S+)/i.exec(text)?.[1];
  const state = (pdu.message_state !== undefined ? RECEIPT_STATES[pdu.message_state] : undefined) ?? /stat:(\S+)/i.exec(text)?.[1];
  if (!id || !state) return null;
  return { providerId: id, delivered: state.toUpperCase() === 'DELIVRD', state: state.toUpperCase() };
}

/**
 * One bound transceiver session, opened at the first send and again after a drop. Every part of a
 * long text is a submit_sm with a concatenation header, UCS-2, and a delivery receipt asked for.
 */
export function smppChannel(
  c: { url: string; systemId: string; password: string; sourceAddr: string },
  timeoutMs: number,
  onReceipt: (r: Receipt) => Promise<void>,
): SmsChannel {
  let bound: Promise<SmppSession> | null = null;
  let ref = Math.floor(Math.random() * 256);

  const withTimeout = <T>(what: string, run: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ChannelError(`SMPP ${what}: no answer in ${timeoutMs} ms`, false)), timeoutMs);
      run(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });

  const drop = (session: SmppSession) => {
    session.removeAllListeners();
    session.on('error', () => {});
    session.socket.destroy();
  };

  const open = () =>
    withTimeout<SmppSession>('bind', (resolve, reject) => {
      const session = smpp.connect({ url: c.url, auto_enquire_link_period: 30_000 });
      const fail = (e: Error) => {
        drop(session);
        bound = null;
        reject(new ChannelError(`SMPP connect: ${e.message}`, false));
      };
      session.once('error', fail);
      session.once('connect', () => {
        session.bind_transceiver({ system_id: c.systemId, password: c.password }, (pdu) => {
          if (pdu.command_status !== 0) {
            drop(session);
            bound = null;
            reject(new ChannelError(`SMPP bind refused: status 0x${pdu.command_status.toString(16)}`, false));
            return;
          }
          session.removeAllListeners('error');
          session.on('error', () => {
            bound = null;
          });
          session.on('close', () => {
            bound = null;
          });
          session.on('deliver_sm', (pdu: SmppPdu & { response(): unknown }) => {
            session.send(pdu.response());
            const receipt = parseReceipt(pdu);
            if (receipt) void onReceipt(receipt).catch(() => {});
          });
          resolve(session);
        });
      });
    }).catch((e: unknown) => {
      bound = null;
      throw e;
    });

  return {
    name: 'smpp',
    async send(m) {
      bound ??= open();
      const session = await bound;
      const texts = splitSms(m.text);
      ref = (ref + 1) % 256;
      const parts: string[] = [];
      for (const [i, text] of texts.entries()) {
        const concat = texts.length > 1;
        const pdu = await withTimeout<SmppPdu>('submit_sm', (resolve, reject) => {
          const ok = session.submit_sm(
            {
              source_addr_ton: 5,
              source_addr_npi: 0,
              source_addr: c.sourceAddr,
              dest_addr_ton: 1,
              dest_addr_npi: 1,
              destination_addr: m.to.replace(/^\+/, ''),
              registered_delivery: 1,
              data_coding: 8,
              esm_class: concat ? 0x40 : 0,
              short_message: concat ? { udh: concatHeader(ref, texts.length, i + 1), message: text } : { message: text },
            },
            resolve,
          );
          if (!ok) {
            bound = null;
            reject(new ChannelError('SMPP: connection closed', false));
          }
        });
        if (pdu.command_status !== 0) {
          throw new ChannelError(`SMPP submit_sm status 0x${pdu.command_status.toString(16)}`, PERMANENT_SMPP.has(pdu.command_status));
        }
        parts.push(String(pdu.message_id ?? ''));
      }
      return { parts, segments: texts.length };
    },
    async close() {
      const pending = bound;
      bound = null;
      if (!pending) return;
      const session = await pending.catch(() => null);
      if (session) drop(session);
    },
  };
}

// ------------------------------------------------------------------ a generic HTTP gateway

/**
 * POST {to, text, segments} as JSON with a bearer token and the notice's Idempotency-Key; a 2xx
 * answer may carry {id}. 4xx (but 408 and 429) is the gateway refusing this message for good.
 */
export function httpSmsChannel(c: { url: string; token: string }, timeoutMs: number): SmsChannel {
  return {
    name: 'http',
    async send(m) {
      const segments = splitSms(m.text).length;
      let res: Response;
      try {
        res = await fetch(c.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}`, 'idempotency-key': m.key },
          body: JSON.stringify({ to: m.to, text: m.text, segments }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        const what = e.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : ((e.cause as Error | undefined)?.message ?? e.message);
        throw new ChannelError(`HTTP gateway: ${what}`, false);
      }
      const body = await res.text().catch(() => '');
      if (!res.ok) {
        const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        throw new ChannelError(`HTTP gateway ${res.status}: ${body.slice(0, 200)}`, permanent);
      }
      let id = '';
      try {
        id = String((JSON.parse(body) as { id?: unknown }).id ?? '');
      } catch {
        id = '';
      }
      return { parts: id ? [id] : [], segments };
    },
    close: async () => {},
  };
}

/** The channels this configuration asks for; the development ones where nothing is set. */
export function channelsFrom(config: NotifyConfig, onReceipt: (r: Receipt) => Promise<void>): Channels {
  const email = config.smtpUrl ? smtpChannel(config.smtpUrl, config.smtpFrom, config.sendTimeoutMs) : devEmail;
  const sms = config.smpp
    ? smppChannel(config.smpp, config.sendTimeoutMs, onReceipt)
    : config.smsHttp
      ? httpSmsChannel(config.smsHttp, config.sendTimeoutMs)
      : devSms;
  return { email, sms };
}
