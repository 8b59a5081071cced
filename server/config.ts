import path from 'node:path';

export const DatabaseKind = { sqlite: 'sqlite', postgres: 'postgres' } as const;
export type DatabaseKind = (typeof DatabaseKind)[keyof typeof DatabaseKind];

export interface Config {
  databaseUrl: string;
  databaseKind: DatabaseKind;
  host: string;
  port: number;
  dataDir: string;
  /** Public address of the system, printed on access-code slips. */
  publicUrl: string;
  /** Session idle expiry in minutes. */
  sessionIdleMinutes: number;
  /** Session absolute expiry in hours. */
  sessionAbsoluteHours: number;
  /** Whether the session cookie requires HTTPS. */
  secureCookies: boolean;
  services: ReadonlyArray<'web' | 'worker'>;
  logLevel: string;
  /** Serve the built web app from web/dist when present. */
  serveWeb: boolean;
  /** Which proxies' X-Forwarded-For to believe: none, a hop count, or their addresses/CIDRs. */
  trustProxy: false | number | string[];
  /**
   * Operators, school admins and directors must enrol a second factor (TOTP) before their first
   * session (MFA_REQUIRED, default true; the demo school's accounts are exempt). Issue 12 item 3.
   */
  mfaRequired: boolean;
  /** Seals the stored TOTP secrets (AES-256-GCM) when set (MFA_KEY, at least 32 characters). */
  mfaKey: string | null;
  /** log2 of scrypt's N for new password hashes (PASSWORD_HASH_COST, default 17: OWASP's N=2^17). */
  passwordHashCost: number;
  /**
   * Records of personal data one account may be served per hour and per day (READ_BUDGET_PER_HOUR,
   * READ_BUDGET_PER_DAY; 0 turns a window off): copying protection, R7.2, decision 013.
   */
  readBudget: { perHour: number; perDay: number };
  /** Notification channels and the worker (issue 13); with no channel set, a development channel keeps messages in the database. */
  notify: NotifyConfig;
  /** Backups, the restore drill and monitoring (issue 16). */
  backup: BackupConfig;
  /** METRICS_TOKEN: the bearer token /metrics asks for; null: /metrics is off. */
  metricsToken: string | null;
}

export interface BackupConfig {
  /** BACKUP_DIR (default $DATA_DIR/backups): where archives are written and the drill finds them. */
  dir: string;
  /** BACKUP_KEY: encrypts archives (AES-256-GCM) when set, at least 32 characters; needed to restore them. */
  key: string | null;
  /** BACKUP_TIME: 'HH:MM' UTC of the worker's daily backup and drill; null (BACKUP_TIME=off): none. */
  time: string | null;
  /** BACKUP_KEEP: successful archives kept in BACKUP_DIR; older ones are deleted after a new one. */
  keep: number;
}

/** BACKUP_* (issue 16): a key too short or a time that is not HH:MM is refused at start. */
export function backupConfigFrom(env: NodeJS.ProcessEnv, dataDir: string): BackupConfig {
  const key = env.BACKUP_KEY ?? '';
  if (key !== '' && key.length < 32)
    throw new ConfigError(`BACKUP_KEY must be at least 32 characters (a random secret), got ${key.length}`);
  const time = (env.BACKUP_TIME ?? '02:30').trim();
  if (time !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    throw new ConfigError(`BACKUP_TIME must be HH:MM (UTC) or off, got "${time}"`);
  }
  return {
    dir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
    key: key === '' ? null : key,
    time: time === 'off' ? null : time,
    keep: intFrom(env, 'BACKUP_KEEP', 7, 1, 1000),
  };
}

export interface NotifyConfig {
  /** SMTP_URL (smtp:// or smtps://, credentials in the URL); null: e-mail goes to the development channel. */
  smtpUrl: string | null;
  /** SMTP_FROM: the From address of notices. */
  smtpFrom: string;
  /** SMPP_URL (smpp://host:port or ssmpp://), SMPP_SYSTEM_ID, SMPP_PASSWORD, SMPP_SOURCE_ADDR. */
  smpp: { url: string; systemId: string; password: string; sourceAddr: string } | null;
  /** SMS_HTTP_URL and SMS_HTTP_TOKEN: a generic JSON gateway, used when SMPP is not set. */
  smsHttp: { url: string; token: string } | null;
  /** NOTIFY_POLL_MS: how often an idle worker looks at the outbox. */
  pollMs: number;
  /** NOTIFY_COALESCE_SECONDS: grades of one child within this window go out as one message. */
  coalesceSeconds: number;
  /** NOTIFY_MAX_ATTEMPTS: tries before a notice is marked failed. */
  maxAttempts: number;
  /** NOTIFY_SEND_TIMEOUT_MS: how long one gateway call may take before it counts as failed. */
  sendTimeoutMs: number;
  /** NOTIFY_LEASE_SECONDS: how long a claim holds a notice; after a worker dies, its notices are claimed again after this. */
  leaseSeconds: number;
}

function urlFrom(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')}), got something else`);
  }
  if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}://`).join(' or ')}, got ${url.protocol}//…`);
  }
  return raw;
}

/** The notification channels from SMTP_*, SMPP_* and SMS_HTTP_* (issue 13); a half-set channel is refused. */
export function notifyConfigFrom(env: NodeJS.ProcessEnv): NotifyConfig {
  const smppUrl = urlFrom(env, 'SMPP_URL', ['smpp', 'ssmpp']);
  let smpp: NotifyConfig['smpp'] = null;
  if (smppUrl) {
    const systemId = env.SMPP_SYSTEM_ID ?? '';
    const sourceAddr = env.SMPP_SOURCE_ADDR ?? '';
    if (systemId === '' || sourceAddr === '') {
      throw new ConfigError('SMPP_URL needs SMPP_SYSTEM_ID and SMPP_SOURCE_ADDR (and usually SMPP_PASSWORD) from the SMS provider');
    }
    smpp = { url: smppUrl, systemId, password: env.SMPP_PASSWORD ?? '', sourceAddr };
  }
  const httpUrl = urlFrom(env, 'SMS_HTTP_URL', ['http', 'https']);
  let smsHttp: NotifyConfig['smsHttp'] = null;
  if (httpUrl) {
    const token = env.SMS_HTTP_TOKEN ?? '';
    if (token === '') throw new ConfigError('SMS_HTTP_URL needs SMS_HTTP_TOKEN (the gateway’s bearer token)');
    smsHttp = { url: httpUrl, token };
  }
  const smtpFrom = env.SMTP_FROM || 'Отметка <noreply@localhost>';
  if (!/@/.test(smtpFrom)) throw new ConfigError(`SMTP_FROM must be an e-mail address, got "${smtpFrom}"`);
  const sendTimeoutMs = intFrom(env, 'NOTIFY_SEND_TIMEOUT_MS', 10_000, 100, 120_000);
  const leaseSeconds = intFrom(env, 'NOTIFY_LEASE_SECONDS', 300, 1, 3600);
  // A claim that ran out while its send still waits for the gateway would let another worker send it again.
  if (leaseSeconds * 1000 <= sendTimeoutMs * 2) {
    throw new ConfigError(`NOTIFY_LEASE_SECONDS (${leaseSeconds}) must be more than twice NOTIFY_SEND_TIMEOUT_MS (${sendTimeoutMs} ms)`);
  }
  return {
    smtpUrl: urlFrom(env, 'SMTP_URL', ['smtp', 'smtps']),
    smtpFrom,
    smpp,
    smsHttp,
    pollMs: intFrom(env, 'NOTIFY_POLL_MS', 1000, 10, 60_000),
    coalesceSeconds: intFrom(env, 'NOTIFY_COALESCE_SECONDS', 120, 0, 3600),
    maxAttempts: intFrom(env, 'NOTIFY_MAX_ATTEMPTS', 5, 1, 20),
    sendTimeoutMs,
    leaseSeconds,
  };
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function mfaKeyFrom(env: NodeJS.ProcessEnv): string | null {
  const raw = env.MFA_KEY;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError(`MFA_KEY must be at least 32 characters (a random secret), got ${raw.length}`);
  return raw;
}

function metricsTokenFrom(env: NodeJS.ProcessEnv): string | null {
  const raw = env.METRICS_TOKEN ?? '';
  if (raw === '') return null;
  if (raw.length < 16) throw new ConfigError(`METRICS_TOKEN must be at least 16 characters, got ${raw.length}`);
  return raw;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

function isProxyAddress(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && IPV6.test(address);
  if (!v4 && !v6) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (v4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset/false trusts no proxy; a hop count (1 = one reverse proxy in front) or a
 * comma-separated list of proxy addresses/CIDRs. `true` (believe any X-Forwarded-For) is refused.
 */
export function trustProxyFrom(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase())) {
    throw new ConfigError(
      'TRUST_PROXY=true would believe any client-sent X-Forwarded-For; give the hop count of your reverse proxies ' +
        '(TRUST_PROXY=1 for one proxy in front) or their addresses (TRUST_PROXY=10.0.0.5,192.168.0.0/16)',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a hop count between 1 and 10 or proxy addresses, got "${raw}"`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count (e.g. 1) or a comma-separated list of proxy IP addresses or CIDR networks, got "${bad}"`,
    );
  }
  return entries;
}

export function databaseKindOf(url: string): DatabaseKind {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return DatabaseKind.postgres;
  if (url.startsWith('sqlite:') || url === ':memory:') return DatabaseKind.sqlite;
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${url.replace(/\/\/[^@]*@/, '//***@')}"`);
}

/** Reads and validates configuration from the environment; throws ConfigError with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'otmetka.db')}`;
  const databaseKind = databaseKindOf(databaseUrl);
  const port = intFrom(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const servicesRaw = (env.SERVICES ?? 'web,worker')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of servicesRaw) {
    if (s !== 'web' && s !== 'worker') throw new ConfigError(`SERVICES may contain only web and worker, got "${s}"`);
  }
  const publicUrl = env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`);
  }
  return {
    databaseUrl,
    databaseKind,
    host,
    port,
    dataDir,
    publicUrl,
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
    sessionAbsoluteHours: intFrom(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    secureCookies: boolFrom(env, 'SECURE_COOKIES', publicUrl.startsWith('https://')),
    services: servicesRaw as Config['services'],
    logLevel: env.LOG_LEVEL || 'info',
    serveWeb: boolFrom(env, 'SERVE_WEB', true),
    trustProxy: trustProxyFrom(env),
    mfaRequired: boolFrom(env, 'MFA_REQUIRED', true),
    mfaKey: mfaKeyFrom(env),
    passwordHashCost: intFrom(env, 'PASSWORD_HASH_COST', 17, 14, 20),
    readBudget: {
      perHour: intFrom(env, 'READ_BUDGET_PER_HOUR', 5000, 0, 10_000_000),
      perDay: intFrom(env, 'READ_BUDGET_PER_DAY', 20_000, 0, 100_000_000),
    },
    notify: notifyConfigFrom(env),
    backup: backupConfigFrom(env, dataDir),
    metricsToken: metricsTokenFrom(env),
  };
}
