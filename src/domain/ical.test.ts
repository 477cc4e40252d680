import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtc, type IcalEvent, renderCalendar } from './ical.ts';

const octets = (line: string) => new TextEncoder().encode(line).length;

function event(overrides: Partial<IcalEvent> = {}): IcalEvent {
  return {
    uid: 'abc@deepsheet.test',
    stamp: new Date('2026-04-06T08:00:00Z'),
    start: { at: new Date('2026-04-06T07:00:00Z') },
    end: { at: new Date('2026-04-06T07:45:00Z') },
    summary: 'Personal 1 · Draft the note',
    status: 'CONFIRMED',
    isTransparent: false,
    ...overrides,
  };
}

const calendar = (events: IcalEvent[]) =>
  renderCalendar({ prodId: '-//Test//EN', name: 'Deepsheet', refreshMinutes: 60, events });

describe('escapeText', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\nline two', 'line one\\nline two'],
    ['windows\r\nbreak and old mac\rbreak', 'windows\\nbreak and old mac\\nbreak'],
    ['bell\u0007 and tab\t', 'bell and tab\t'],
    ['\\;,', '\\\\\\;\\,'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds the 76th onto a line starting with a space', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('keeps every folded line within 75 octets and unfolds to the original', () => {
    const line = `SUMMARY:${'Deep work on the sync design, '.repeat(12)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const piece of lines) expect(octets(piece)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a multi-byte character, counting octets rather than characters', () => {
    // ü is 2 octets, € is 3, the emoji 4: with characters counted the lines would overflow.
    const line = `SUMMARY:${'ü€🙂'.repeat(20)}`;
    const lines = foldLine(line).split('\r\n');
    for (const piece of lines) {
      expect(octets(piece)).toBeLessThanOrEqual(75);
      expect(piece).not.toContain('\uFFFD');
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(piece))).toBe(piece);
    }
    expect(
      lines
        .join('')
        .replace(/^SUMMARY:/, '')
        .replaceAll(' ', ''),
    ).toBe('ü€🙂'.repeat(20));
    // 8 ASCII octets, 7 groups of 2 + 3 + 4, the next ü: 73; its € would make 76.
    expect(octets(lines[0]!)).toBe(8 + 7 * 9 + 2);
    expect(lines[1]!.startsWith(' €')).toBe(true);
  });
});

describe('renderCalendar', () => {
  it('writes CRLF line ends only, a final CRLF and the calendar properties subscribers need', () => {
    const text = calendar([event()]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    expect(lines).toContain('X-WR-CALNAME:Deepsheet');
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT60M');
    expect(lines).toContain('X-PUBLISHED-TTL:PT60M');
  });

  it('writes a timed event in UTC and an all-day event as dates with an exclusive end', () => {
    const text = calendar([
      event(),
      event({
        uid: 'day@x',
        start: { date: '2026-04-07' },
        end: { date: '2026-04-08' },
        isTransparent: true,
      }),
    ]);
    expect(text).toContain('DTSTART:20260406T070000Z\r\nDTEND:20260406T074500Z\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20260407\r\nDTEND;VALUE=DATE:20260408\r\n');
    expect(text).toContain('TRANSP:TRANSPARENT');
    expect(text).toContain('TRANSP:OPAQUE');
  });

  it('is read back by a real iCalendar parser with the same texts and times', () => {
    const summary = 'Personal 2 · Review, then ship; no \\ surprises\nreally '.repeat(3);
    const text = calendar([
      event({ summary, description: 'Zeit für Überlegungen: 45 min, 😌' }),
      event({
        uid: 'day@x',
        start: { date: '2026-04-07' },
        end: { date: '2026-04-08' },
        status: 'TENTATIVE',
      }),
    ]);
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const [timed, allDay] = vcalendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(timed!.summary).toBe(summary);
    expect(timed!.description).toBe('Zeit für Überlegungen: 45 min, 😌');
    expect(timed!.startDate.toJSDate().toISOString()).toBe('2026-04-06T07:00:00.000Z');
    expect(timed!.endDate.toJSDate().toISOString()).toBe('2026-04-06T07:45:00.000Z');
    expect(allDay!.startDate.isDate).toBe(true);
    expect(allDay!.startDate.toString()).toBe('2026-04-07');
    expect(allDay!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });
});

describe('formatUtc', () => {
  it('pads every part and drops milliseconds', () => {
    expect(formatUtc(new Date('0999-01-02T03:04:05.678Z'))).toBe('09990102T030405Z');
  });
});
