import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, session } from '../../../test/support/insight-facts.ts';
import { bestHours } from './best-hours.ts';
import type { SessionFact } from './types.ts';

/** `count` completed personal sessions started at `utcHour`:15 on successive days back from this Monday. */
function startedAt(utcHour: number, count: number, from = 0): SessionFact[] {
  return Array.from({ length: count }, (_, i) => {
    const date = day(1, -(from + i));
    return completed(date, 1, 45, {
      startedAt: new Date(`${date}T${String(utcHour).padStart(2, '0')}:15:00Z`),
    });
  });
}

describe('best hours', () => {
  it.each<{ name: string; sessions: SessionFact[]; best: number | null }>([
    {
      name: 'says nothing under twelve sessions',
      sessions: [...startedAt(9, 8), ...startedAt(14, 3, 8)],
      best: null,
    },
    {
      name: 'leaves out logged sessions',
      sessions: [
        ...startedAt(9, 11),
        session(day(0, 1), 2, { state: 'completed', loggedAfterwards: true, focusSeconds: 2700 }),
      ],
      best: null,
    },
    {
      name: 'names the hour holding most starts',
      sessions: [...startedAt(9, 4), ...startedAt(14, 3, 4), ...startedAt(16, 3, 7), ...startedAt(8, 2, 10)],
      best: 9,
    },
    {
      name: 'needs four starts in the best hour',
      sessions: [9, 10, 11, 12, 13, 14].flatMap((hour, i) => startedAt(hour, 3, i * 3)),
      best: null,
    },
    {
      name: 'needs a quarter of the starts in the best hour',
      sessions: [9, 10, 11, 12].flatMap((hour, i) => startedAt(hour, 4, i * 4)).concat(startedAt(13, 1, 16)),
      best: null,
    },
    {
      name: 'names the earlier of two equal hours',
      sessions: [...startedAt(15, 6), ...startedAt(10, 6, 6)],
      best: 10,
    },
  ])('$name', ({ sessions, best }) => {
    const insight = bestHours(contextOf({ sessions }));
    if (best === null) expect(insight).toBeNull();
    else expect(insight?.evidence.find((e) => e.key === 'bestHour')?.value).toBe(best);
  });

  it('reads hours on the person’s own clock, across a change to summer time', () => {
    // Berlin moved to summer time on 2026-03-29: 09:15 there was 08:15 UTC before, 07:15 UTC after.
    const ninePast = (date: string) => (date < '2026-03-29' ? 8 : 7);
    const sessions = Array.from({ length: 8 }, (_, i) => {
      const date = day(1, 3 - i);
      return completed(date, 1, 45, { startedAt: new Date(`${date}T0${ninePast(date)}:15:00Z`) });
    });
    const insight = bestHours(
      contextOf({ sessions: [...sessions, ...startedAt(12, 4, 8)], timeZone: 'Europe/Berlin' }),
    );
    expect(insight?.title).toBe('Your best hour starts at 9:00');
    expect(insight?.message).toBe(
      'Of 12 completed sessions in the last 9 weeks, 8 started between 9:00 and 10:00. Next comes 13:00 with 4.',
    );
  });
});
