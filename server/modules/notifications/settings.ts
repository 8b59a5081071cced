import { NOTIFY_EVENTS, type NotifyEvent } from '../../../contract/schemas/notifications.js';

export interface EventChoice {
  email: boolean;
  sms: boolean;
  inapp: boolean;
  /** Sent even in quiet hours. */
  night: boolean;
}
export type EventChoices = Record<NotifyEvent, EventChoice>;

const OFF: EventChoice = { email: false, sms: false, inapp: false, night: false };

/** Nothing is on until the family turns it on (issue 13 item 1). */
export function defaultEvents(): EventChoices {
  return Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, { ...OFF }])) as EventChoices;
}

/** The stored choices, every event present and anything unknown read as off. */
export function parseEvents(json: string): EventChoices {
  const stored = JSON.parse(json) as Partial<Record<string, Partial<EventChoice>>>;
  const out = defaultEvents();
  for (const e of NOTIFY_EVENTS) {
    const s = stored[e];
    if (s) out[e] = { email: s.email === true, sms: s.sms === true, inapp: s.inapp === true, night: s.night === true };
  }
  return out;
}

export const DEFAULT_QUIET = { from: '21:00', to: '08:00' } as const;

/** Minutes since midnight of 'HH:MM'. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a local minute of the day falls in quiet hours [from, to), which may span midnight. */
export function inQuietHours(minute: number, from: string, to: string): boolean {
  const f = minutesOf(from);
  const t = minutesOf(to);
  if (f === t) return false;
  return f < t ? minute >= f && minute < t : minute >= f || minute < t;
}

/** The local hour and minute of an instant in a zone. */
export function localMinute(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** The next instant at which the zone's clock shows `hhmm` (quiet hours end then). */
export function nextLocalTime(instant: Date, timeZone: string, hhmm: string): Date {
  const now = localMinute(instant, timeZone);
  const wait = (minutesOf(hhmm) - now + 1440) % 1440 || 1440;
  const start = new Date(instant.getTime() - (instant.getTime() % 60_000));
  return new Date(start.getTime() + wait * 60_000);
}

/** The instant the zone's current calendar month began (the SMS budget counts from it). */
export function monthStart(instant: Date, timeZone: string): Date {
  const day = Number(new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit' }).format(instant));
  const start = new Date(instant.getTime() - (instant.getTime() % 60_000));
  return new Date(start.getTime() - ((day - 1) * 1440 + localMinute(instant, timeZone)) * 60_000);
}
