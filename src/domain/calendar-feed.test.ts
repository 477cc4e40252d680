import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type FeedSession, feedWindow, sessionCalendar, sessionEvent } from './calendar-feed.ts';

const NOW = new Date('2026-04-06T12:00:00Z');
const HOST = 'deepsheet.test';

function session(overrides: Partial<FeedSession> = {}): FeedSession {
  return {
    id: '00504501-efba-8ae1-91ef-9dcee42d3c7f',
    localDate: '2026-04-06',
    slot: 2,
    goal: 'Draft the sync design note',
    state: 'planned',
    plannedMinutes: 45,
    extensionSeconds: 0,
    startedAt: null,
    endedAt: null,
    focusSeconds: null,
    loggedAfterwards: false,
    outcome: null,
    outcomeNote: '',
    version: 3,
    updatedAt: new Date('2026-04-06T06:00:00Z'),
    ...overrides,
  };
}

function completed(overrides: Partial<FeedSession> = {}): FeedSession {
  return session({
    state: 'completed',
    startedAt: new Date('2026-04-06T07:00:00Z'),
    endedAt: new Date('2026-04-06T07:47:00Z'),
    focusSeconds: 45 * 60,
    outcome: 'done',
    ...overrides,
  });
}

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('sessionEvent', () => {
  it('puts a completed session at its real start and end, confirmed and busy', () => {
    const event = sessionEvent(completed({ outcomeNote: 'Sent for review' }), HOST, NOW);
    expect(event).toMatchObject({
      uid: `00504501-efba-8ae1-91ef-9dcee42d3c7f@${HOST}`,
      start: { at: new Date('2026-04-06T07:00:00Z') },
      end: { at: new Date('2026-04-06T07:47:00Z') },
      summary: 'Personal 2 · Draft the sync design note',
      status: 'CONFIRMED',
      isTransparent: false,
      sequence: 3,
    });
    expect(event.description).toBe('45 minutes of focus.\nOutcome: Done (Sent for review).');
  });

  it('makes a planned session with a goal a tentative all-day event that leaves the day free', () => {
    const event = sessionEvent(session(), HOST, NOW);
    expect(event).toMatchObject({
      start: { date: '2026-04-06' },
      end: { date: '2026-04-07' },
      status: 'TENTATIVE',
      isTransparent: true,
      description: 'Planned for 45 minutes.',
    });
  });

  it('names the slot alone when there is no goal', () => {
    expect(sessionEvent(completed({ goal: '  ', slot: 4 }), HOST, NOW).summary).toBe('Admin');
  });

  it('puts a session logged with its real start and end at those times, busy', () => {
    const event = sessionEvent(
      completed({
        startedAt: new Date('2026-04-06T12:00:00Z'),
        endedAt: new Date('2026-04-06T12:45:00Z'),
        loggedAfterwards: true,
      }),
      HOST,
      NOW,
    );
    expect(event).toMatchObject({
      start: { at: new Date('2026-04-06T12:00:00Z') },
      end: { at: new Date('2026-04-06T12:45:00Z') },
      isTransparent: false,
    });
    expect(event.description).toContain('Logged afterwards.');
  });

  it('keeps a session logged with minutes only on its day, since it has no times', () => {
    const event = sessionEvent(
      completed({ startedAt: null, endedAt: new Date('2026-04-08T20:00:00Z'), loggedAfterwards: true }),
      HOST,
      NOW,
    );
    expect(event).toMatchObject({ start: { date: '2026-04-06' }, end: { date: '2026-04-07' } });
    expect(event.description).toContain('Logged afterwards.');
  });

  it('gives a running session at least its target length', () => {
    const running = session({
      state: 'active',
      startedAt: new Date('2026-04-06T11:50:00Z'),
      extensionSeconds: 600,
    });
    expect(sessionEvent(running, HOST, NOW)).toMatchObject({
      start: { at: new Date('2026-04-06T11:50:00Z') },
      end: { at: new Date('2026-04-06T12:45:00Z') },
      status: 'CONFIRMED',
      description: 'In progress.',
    });
  });
});

describe('sessionCalendar', () => {
  it('leaves out skipped sessions and planned ones without a goal, and orders by day and slot', () => {
    const text = sessionCalendar(
      [
        completed({ id: 'c', slot: 3 }),
        session({ id: 'a', slot: 1, localDate: '2026-04-07' }),
        session({ id: 'skipped', state: 'skipped', endedAt: NOW }),
        session({ id: 'empty', slot: 4, goal: '' }),
        completed({ id: 'b', slot: 1 }),
      ],
      { host: HOST, now: NOW, timeZone: 'Europe/Berlin' },
    );
    expect(parse(text).map((e) => e.uid)).toEqual([`b@${HOST}`, `c@${HOST}`, `a@${HOST}`]);
    expect(text).toContain('X-WR-TIMEZONE:Europe/Berlin');
  });

  it('reads the same on every fetch while nothing changes', () => {
    const sessions = [completed(), session({ id: 'p', localDate: '2026-04-07' })];
    const first = sessionCalendar(sessions, { host: HOST, now: NOW, timeZone: 'UTC' });
    const later = sessionCalendar(sessions, {
      host: HOST,
      now: new Date('2026-04-06T18:00:00Z'),
      timeZone: 'UTC',
    });
    expect(later).toBe(first);
  });
});

describe('around a change of clocks in Europe/Berlin (2026-03-29, 02:00 -> 03:00)', () => {
  it('keeps a session at 09:00 summer time at 07:00 UTC, and a planned one on its own whole day', () => {
    const text = sessionCalendar(
      [
        completed({
          id: 'morning',
          localDate: '2026-03-29',
          startedAt: new Date('2026-03-29T07:00:00Z'),
          endedAt: new Date('2026-03-29T07:45:00Z'),
        }),
        // 00:30 local time, still winter time: 23:30 UTC the day before.
        completed({
          id: 'night',
          slot: 3,
          localDate: '2026-03-29',
          startedAt: new Date('2026-03-28T23:30:00Z'),
          endedAt: new Date('2026-03-29T00:15:00Z'),
        }),
        session({ id: 'plan', slot: 1, localDate: '2026-03-29' }),
      ],
      { host: HOST, now: NOW, timeZone: 'Europe/Berlin' },
    );
    const events = Object.fromEntries(parse(text).map((e) => [e.uid.split('@')[0], e]));
    expect(text).toContain('DTSTART:20260329T070000Z');
    expect(events.morning!.startDate.toJSDate().toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(events.night!.startDate.toJSDate().toISOString()).toBe('2026-03-28T23:30:00.000Z');
    // The 23-hour day is still one whole day for the all-day event.
    expect(events.plan!.startDate.toString()).toBe('2026-03-29');
    expect(events.plan!.endDate.toString()).toBe('2026-03-30');
    expect(events.plan!.duration.toSeconds()).toBe(86_400);
  });

  it('counts the window from the local date, which the clock change does not shift', () => {
    // 22:30 UTC on 29 March is already 00:30 on 30 March in Berlin (UTC+2 since that morning).
    expect(feedWindow(new Date('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toEqual({
      from: '2025-12-30',
      to: '2026-04-29',
    });
    // A day before, in winter time (UTC+1), 22:30 UTC is 23:30 on the same day, the 28th.
    expect(feedWindow(new Date('2026-03-28T22:30:00Z'), 'Europe/Berlin').to).toBe('2026-04-27');
  });
});
