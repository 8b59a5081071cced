import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real local gateways for tests, the e2e suite and the bench: an SMTP server (smtp-server), an
 * SMPP 3.4 server (smpp's createServer) and a JSON HTTP gateway (node:http), all on 127.0.0.1.
 * They record what arrives; nothing is mocked.
 */

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  headers: ParsedMail['headers'];
  raw: string;
  at: number;
}

export interface LocalSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Addresses the server refuses with 550 at RCPT TO. */
  refuse: Set<string>;
  /** How long the server takes to accept each message (a slow relay). */
  mode: { delayMs: number };
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

async function waitUntil<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startLocalSmtp(): Promise<LocalSmtp> {
  const mails: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const mode = { delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const err = new Error('mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            for (const rcpt of session.envelope.rcptTo) {
              mails.push({
                to: rcpt.address,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                headers: parsed.headers,
                raw,
                at: Date.now(),
              });
            }
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    refuse,
    mode,
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => mails.find(predicate), timeoutMs, 'an e-mail'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ------------------------------------------------------------------ SMPP

const require = createRequire(import.meta.url);
interface ServerPdu {
  command_status: number;
  system_id?: string;
  password?: string;
  destination_addr?: string;
  source_addr?: string;
  esm_class?: number;
  data_coding?: number;
  short_message?: { message?: string; udh?: Buffer[] };
  response(options?: Record<string, unknown>): unknown;
}
interface ServerSession {
  on(event: string, listener: (pdu: ServerPdu) => void): void;
  send(pdu: unknown): boolean;
  deliver_sm(options: Record<string, unknown>): boolean;
  close(): void;
  socket: { destroy(): void };
}
const smpp = require('smpp') as {
  createServer(
    options: Record<string, unknown>,
    listener: (session: ServerSession) => void,
  ): {
    listen(port: number, host: string, cb: () => void): void;
    close(cb?: () => void): void;
    address(): AddressInfo;
  };
};

export interface ReceivedSms {
  id: string;
  to: string;
  from: string;
  text: string;
  dataCoding: number;
  /** The concatenation header's (reference, total, index) when the SMS is a part of a longer one. */
  part: { ref: number; total: number; index: number } | null;
  at: number;
}

export interface LocalSmpp {
  url: string;
  systemId: string;
  password: string;
  received: ReceivedSms[];
  binds: number;
  /** What the next submit_sm answers get: 0 = OK; any other SMPP command_status; 'silent' never answers. */
  mode: { status: number | 'silent'; receipts: 'DELIVRD' | 'UNDELIV' | null };
  /** The whole texts, parts joined by their concatenation reference. */
  messages(): Array<{ to: string; text: string; parts: number; ids: string[] }>;
  waitFor(
    predicate: (m: { to: string; text: string }) => boolean,
    timeoutMs?: number,
  ): Promise<{ to: string; text: string; parts: number; ids: string[] }>;
  close(): Promise<void>;
}

export async function startLocalSmpp(systemId = 'otmetka', password = 'secret'): Promise<LocalSmpp> {
  const received: ReceivedSms[] = [];
  const sessions = new Set<ServerSession>();
  let counter = 0;
  const state: LocalSmpp = {
    url: '',
    systemId,
    password,
    received,
    binds: 0,
    mode: { status: 0, receipts: 'DELIVRD' },
    messages() {
      const out: Array<{ to: string; text: string; parts: number; ids: string[] }> = [];
      const long = new Map<string, ReceivedSms[]>();
      for (const r of received) {
        if (!r.part) {
          out.push({ to: r.to, text: r.text, parts: 1, ids: [r.id] });
          continue;
        }
        const key = `${r.to}:${r.part.ref}:${r.part.total}`;
        const list = [...(long.get(key) ?? []), r];
        long.set(key, list);
        if (list.length === r.part.total) {
          list.sort((a, b) => (a.part?.index ?? 0) - (b.part?.index ?? 0));
          out.push({ to: r.to, text: list.map((p) => p.text).join(''), parts: list.length, ids: list.map((p) => p.id) });
          long.delete(key);
        }
      }
      return out;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return waitUntil(() => state.messages().find(predicate), timeoutMs, 'an SMS');
    },
    close: async () => {
      for (const s of sessions) s.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = smpp.createServer({}, (session) => {
    sessions.add(session);
    session.on('error' as never, () => {});
    session.on('close' as never, () => sessions.delete(session));
    session.on('bind_transceiver', (pdu) => {
      state.binds += 1;
      const ok = pdu.system_id === systemId && pdu.password === password;
      session.send(pdu.response(ok ? {} : { command_status: 0x0e }));
    });
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu) => {
      if (state.mode.status === 'silent') return;
      if (state.mode.status !== 0) {
        session.send(pdu.response({ command_status: state.mode.status }));
        return;
      }
      const id = `m${++counter}`;
      const udh = pdu.short_message?.udh?.[0];
      received.push({
        id,
        to: pdu.destination_addr ?? '',
        from: pdu.source_addr ?? '',
        text: pdu.short_message?.message ?? '',
        dataCoding: pdu.data_coding ?? 0,
        part: udh && udh[0] === 0x00 ? { ref: udh[2] as number, total: udh[3] as number, index: udh[4] as number } : null,
        at: Date.now(),
      });
      session.send(pdu.response({ message_id: id }));
      const receipt = state.mode.receipts;
      if (receipt) {
        setTimeout(() => {
          session.deliver_sm({
            source_addr: pdu.destination_addr,
            destination_addr: pdu.source_addr,
            esm_class: 0x04,
            short_message: `id:${id} sub:001 dlvrd:${receipt === 'DELIVRD' ? '001' : '000'} submit date:2611231100 done date:2611231100 stat:${receipt} err:000 text:`,
          });
        }, 5);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smpp://127.0.0.1:${server.address().port}`;
  return state;
}

// ------------------------------------------------------------------ HTTP gateway

export interface LocalHttpGateway {
  url: string;
  token: string;
  received: Array<{ to: string; text: string; key: string; at: number }>;
  /** 200 answers {id}; another status answers an error; delayMs holds the answer. */
  mode: { status: number; delayMs: number };
  close(): Promise<void>;
}

export async function startLocalHttpGateway(token = 'gateway-token'): Promise<LocalHttpGateway> {
  let counter = 0;
  const state: LocalHttpGateway = { url: '', token, received: [], mode: { status: 200, delayMs: 0 }, close: async () => {} };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const answer = () => {
        if (req.headers.authorization !== `Bearer ${token}`) return res.writeHead(401).end('{"error":"token"}');
        if (state.mode.status !== 200)
          return res.writeHead(state.mode.status, { 'content-type': 'application/json' }).end('{"error":"gateway"}');
        const parsed = JSON.parse(body) as { to: string; text: string };
        state.received.push({ to: parsed.to, text: parsed.text, key: String(req.headers['idempotency-key'] ?? ''), at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `h${++counter}` }));
      };
      if (state.mode.delayMs > 0) setTimeout(answer, state.mode.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
