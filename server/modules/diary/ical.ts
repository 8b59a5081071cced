/**
 * A minimal iCalendar (RFC 5545) writer for the diary feed: CRLF line ends (§3.1), lines folded at
 * 75 octets without splitting a UTF-8 character (§3.1), TEXT escaping (§3.3.11), local times with
 * a TZID whose VTIMEZONE is a fixed offset taken from the zone (Russian zones have had no daylight
 * saving since 2014), UTC DTSTAMP (§3.8.7.2).
 */

export interface CalendarEvent {
  uid: string;
  /** 'YYYY-MM-DD' and 'HH:MM' in the school's zone. */
  date: string;
  startsAt: string;
  endsAt: string;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
}

/** TEXT value escaping: backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into ≤ 75-octet pieces joined by CRLF + space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line may hold 75 octets; continuation lines start with a space, so 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');
const localStamp = (date: string, hhmm: string) => `${compactDate(date)}T${hhmm.replace(':', '')}00`;
const utcStamp = (instant: Date) => `${instant.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** The zone's UTC offset at an instant as '+0300'. */
export function utcOffset(timeZone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!m) return '+0000';
  return `${m[1]}${m[2]}${m[3] ?? '00'}`;
}

/** The whole calendar text. */
export function renderCalendar(input: { name: string; timeZone: string; now: Date; events: readonly CalendarEvent[] }): string {
  const offset = utcOffset(input.timeZone, input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Otmetka//Diary//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${input.timeZone}`,
    'BEGIN:VTIMEZONE',
    `TZID:${input.timeZone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const stamp = utcStamp(input.now);
  for (const e of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${input.timeZone}:${localStamp(e.date, e.startsAt)}`,
      `DTEND;TZID=${input.timeZone}:${localStamp(e.date, e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
