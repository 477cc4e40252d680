import type { LocalDate } from './local-date.ts';

/**
 * A small writer of iCalendar text (RFC 5545) for a published, read-only feed: one VCALENDAR of
 * VEVENTs, times either as UTC instants or as whole dates, so no VTIMEZONE is ever needed.
 * Pure: it formats what it is given and reads no clock.
 */

/** When an event happens: a UTC instant, or a whole day (an all-day event). */
export type IcalTime = { date: LocalDate } | { at: Date };

export type IcalStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface IcalEvent {
  /** Globally unique and stable across fetches, so clients update an event instead of adding a copy. */
  uid: string;
  stamp: Date;
  lastModified?: Date;
  /** Rises with each change of the event. */
  sequence?: number;
  start: IcalTime;
  /** Exclusive: the day after the last day for an all-day event. */
  end: IcalTime;
  summary: string;
  description?: string;
  status: IcalStatus;
  /** Transparent events do not mark the person busy for free/busy lookups. */
  isTransparent: boolean;
}

export interface IcalCalendar {
  prodId: string;
  name: string;
  description?: string;
  /** The IANA zone the calendar is meant for; a hint (X-WR-TIMEZONE) for clients that show it. */
  timeZone?: string;
  /** How often subscribers should fetch again, in minutes. */
  refreshMinutes: number;
  events: readonly IcalEvent[];
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash, every
 * line break becomes `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line into lines of at most 75 octets of UTF-8 (RFC 5545 3.1), each
 * continuation starting with a space. A character is never split, so a multi-byte one moves
 * whole to the next line.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      pieces.push(current);
      current = ` ${char}`;
      octets = 1 + size;
    } else {
      current += char;
      octets += size;
    }
  }
  pieces.push(current);
  return pieces.join(CRLF);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 20260406T070000Z: a UTC DATE-TIME, whole seconds. */
export function formatUtc(at: Date): string {
  return (
    `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}` +
    `T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`
  );
}

function timeProperty(name: 'DTSTART' | 'DTEND', time: IcalTime): string {
  return 'date' in time
    ? `${name};VALUE=DATE:${time.date.replaceAll('-', '')}`
    : `${name}:${formatUtc(time.at)}`;
}

function eventLines(event: IcalEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    timeProperty('DTSTART', event.start),
    timeProperty('DTEND', event.end),
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  lines.push(`STATUS:${event.status}`, `TRANSP:${event.isTransparent ? 'TRANSPARENT' : 'OPAQUE'}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar as iCalendar text: CRLF line ends, folded lines, a final CRLF. */
export function renderCalendar(calendar: IcalCalendar): string {
  const refresh = `PT${Math.max(1, Math.round(calendar.refreshMinutes))}M`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.description) {
    lines.push(
      `DESCRIPTION:${escapeText(calendar.description)}`,
      `X-WR-CALDESC:${escapeText(calendar.description)}`,
    );
  }
  if (calendar.timeZone) lines.push(`X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`);
  // RFC 7986 REFRESH-INTERVAL for clients that know it, X-PUBLISHED-TTL for Outlook and Apple.
  lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${refresh}`, `X-PUBLISHED-TTL:${refresh}`);
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
