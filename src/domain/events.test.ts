import { describe, expect, it } from 'vitest';
import {
  type DeepsheetEvent,
  describeEvents,
  EVENT_TYPES,
  exportUpdated,
  insightsUpdated,
  parseEvent,
  parseStreamMessage,
  preferencesUpdated,
  sessionUpdated,
} from './events.ts';

const SESSION = {
  sessionId: '0b0e5c4e-1c1f-4d39-9a43-4b0d2d7e6c11',
  date: '2026-03-02',
  slot: 2,
  state: 'active',
  version: 7,
} as const;

// What goes on the wire: the stream writes `{"type": …, …fields}` as JSON text.
const wire = (event: DeepsheetEvent) => JSON.stringify(event);

describe('event builders', () => {
  it.each<[string, DeepsheetEvent, string]>([
    [
      'session.updated',
      sessionUpdated(SESSION),
      '{"type":"session.updated","sessionId":"0b0e5c4e-1c1f-4d39-9a43-4b0d2d7e6c11","date":"2026-03-02","slot":2,"state":"active","version":7}',
    ],
    [
      'preferences.updated',
      preferencesUpdated({
        timeZone: 'Europe/Berlin',
        sessionLengthMinutes: 90,
        weeklyFocusTargetMinutes: 600,
        weekStart: 'monday',
        theme: 'dark',
      }),
      '{"type":"preferences.updated","timeZone":"Europe/Berlin","sessionLengthMinutes":90,"weeklyFocusTargetMinutes":600,"weekStart":"monday","theme":"dark"}',
    ],
    [
      'insights.updated after a recompute',
      insightsUpdated({ count: 3 }),
      '{"type":"insights.updated","count":3}',
    ],
    [
      'insights.updated after a dismissal',
      insightsUpdated({ dismissedId: 'a1' }),
      '{"type":"insights.updated","dismissedId":"a1"}',
    ],
    [
      'export.updated',
      exportUpdated({ id: 'e1', status: 'running', progress: 40 }),
      '{"type":"export.updated","id":"e1","status":"running","progress":40}',
    ],
  ])('sends %s as the JSON clients have always read, and parses it back', (_name, event, json) => {
    expect(wire(event)).toBe(json);
    expect(parseStreamMessage(json)).toEqual(event);
  });

  it('sends only the declared fields, in their order, whatever else the row passed in holds', () => {
    const row = {
      version: 7,
      state: 'active',
      slot: 2,
      date: '2026-03-02',
      sessionId: SESSION.sessionId,
      notes: 'x',
    };
    expect(Object.keys(sessionUpdated(row as typeof SESSION))).toEqual([
      'type',
      'sessionId',
      'date',
      'slot',
      'state',
      'version',
    ]);
  });
});

describe('parseStreamMessage', () => {
  it('knows the stream notices hello and resync', () => {
    expect(parseStreamMessage('{"type":"hello"}')).toEqual({ type: 'hello' });
    expect(parseStreamMessage('{"type":"resync"}')).toEqual({ type: 'resync' });
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['JSON that is not an object', '42'],
    ['null', 'null'],
    ['an object without a type', '{"sessionId":"s"}'],
    ['a type it does not know', '{"type":"day.updated","date":"2026-03-02"}'],
    ['a missing field', '{"type":"export.updated","id":"e1","status":"ready"}'],
    ['a number sent as text', '{"type":"export.updated","id":"e1","status":"ready","progress":"100"}'],
    [
      'a fraction where an integer belongs',
      '{"type":"export.updated","id":"e1","status":"ready","progress":0.5}',
    ],
    ['a value outside the set', '{"type":"export.updated","id":"e1","status":"lost","progress":0}'],
    [
      'a date that is not a local date',
      JSON.stringify({ type: 'session.updated', ...SESSION, date: '2 March' }),
    ],
  ])('refuses %s', (_name, data) => {
    expect(parseStreamMessage(data)).toBeUndefined();
  });

  it('keeps fields a newer server added, so an older page still reads the event', () => {
    const data = JSON.stringify({ type: 'session.updated', ...SESSION, teamId: 't1' });
    expect(parseEvent(JSON.parse(data))).toMatchObject({ ...SESSION, teamId: 't1' });
  });
});

describe('the event documentation', () => {
  it('lists every event type with each of its fields', () => {
    const table = describeEvents();
    for (const [type, fields] of Object.entries(EVENT_TYPES)) {
      expect(table).toContain(`| \`${type}\` |`);
      for (const name of Object.keys(fields)) expect(table).toContain(`\`${name}\` (`);
    }
  });
});
