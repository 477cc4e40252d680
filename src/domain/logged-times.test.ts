import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { assertLoggedTimesFit, type LoggedTimes, loggedTimesFromWallClock } from './logged-times.ts';

const BERLIN = 'Europe/Berlin';
/** 18:00 in Berlin on Tuesday 7 April 2026. */
const NOW = new Date('2026-04-07T16:00:00Z');
const times = (startedAt: string, endedAt: string): LoggedTimes => ({
  startedAt: new Date(startedAt),
  endedAt: new Date(endedAt),
});

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.fields ?? {};
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('loggedTimesFromWallClock', () => {
  it('reads local times on the session’s day in its time zone', () => {
    expect(loggedTimesFromWallClock('2026-04-06', { startTime: '14:00', endTime: '14:45' }, BERLIN)).toEqual(
      times('2026-04-06T12:00:00Z', '2026-04-06T12:45:00Z'),
    );
  });

  it('reads an end before the start as after midnight', () => {
    expect(loggedTimesFromWallClock('2026-04-06', { startTime: '23:30', endTime: '00:15' }, BERLIN)).toEqual(
      times('2026-04-06T21:30:00Z', '2026-04-06T22:15:00Z'),
    );
  });

  it('is right across a change of the clocks', () => {
    // 29 March 2026: Berlin goes from 02:00 CET to 03:00 CEST, so 01:30..03:30 is one hour.
    expect(loggedTimesFromWallClock('2026-03-29', { startTime: '01:30', endTime: '03:30' }, BERLIN)).toEqual(
      times('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'),
    );
  });

  it('refuses a time the clocks skipped, and a malformed one', () => {
    const skipped = fieldsOf(() =>
      loggedTimesFromWallClock('2026-03-29', { startTime: '02:30', endTime: '03:30' }, BERLIN),
    );
    expect(skipped.startTime).toMatch(/clocks skipped 02:30/);
    const malformed = fieldsOf(() =>
      loggedTimesFromWallClock('2026-04-06', { startTime: '14:00', endTime: '2pm' }, BERLIN),
    );
    expect(malformed.endTime).toBe('Use a time such as 14:30.');
  });
});

describe('assertLoggedTimesFit', () => {
  const fitsDay =
    (t: LoggedTimes, date = '2026-04-06', now = NOW) =>
    () =>
      assertLoggedTimesFit(t, date, BERLIN, now);

  it.each([
    ['a session inside its day', '2026-04-06T12:00:00Z', '2026-04-06T12:45:00Z'],
    ['one starting at its local midnight', '2026-04-05T22:00:00Z', '2026-04-05T22:45:00Z'],
    ['one ending exactly at the next midnight', '2026-04-06T21:00:00Z', '2026-04-06T22:00:00Z'],
    ['one running past midnight', '2026-04-06T21:30:00Z', '2026-04-06T22:30:00Z'],
    ['one ending right now', '2026-04-07T15:15:00Z', '2026-04-07T16:00:00Z'],
  ])('accepts %s', (_, start, end) => {
    const date = start.startsWith('2026-04-07') ? '2026-04-07' : '2026-04-06';
    expect(fitsDay(times(start, end), date)).not.toThrow();
  });

  it.each([
    ['an end before the start', '2026-04-06T12:45:00Z', '2026-04-06T12:00:00Z', 'endedAt', /after the start/],
    [
      'an end equal to the start',
      '2026-04-06T12:00:00Z',
      '2026-04-06T12:00:00Z',
      'endedAt',
      /after the start/,
    ],
    [
      'a start the day before (Berlin time)',
      '2026-04-05T21:59:00Z',
      '2026-04-05T22:30:00Z',
      'startedAt',
      /own day, 2026-04-06 \(in Europe\/Berlin\)/,
    ],
    ['a start on the next day', '2026-04-06T22:00:00Z', '2026-04-06T22:30:00Z', 'startedAt', /own day/],
    ['an end in the future', '2026-04-07T15:30:00Z', '2026-04-07T16:01:00Z', 'endedAt', /still to come/],
    [
      'more than 12 hours between them',
      '2026-04-06T05:00:00Z',
      '2026-04-06T17:01:00Z',
      'endedAt',
      /12 hours/,
    ],
  ])('refuses %s', (_, start, end, field, message) => {
    const date = start.startsWith('2026-04-07') ? '2026-04-07' : '2026-04-06';
    expect(fieldsOf(fitsDay(times(start, end), date))[field]).toMatch(message);
  });

  it('measures the day in local time across DST: 29 March in Berlin has 23 hours', () => {
    expect(fitsDay(times('2026-03-28T23:00:00Z', '2026-03-28T23:30:00Z'), '2026-03-29')).not.toThrow();
    expect(
      fieldsOf(fitsDay(times('2026-03-29T22:00:00Z', '2026-03-29T22:30:00Z'), '2026-03-29')),
    ).toHaveProperty('startedAt');
  });
});
