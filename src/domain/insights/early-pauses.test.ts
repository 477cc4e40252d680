import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, session } from '../../../test/support/insight-facts.ts';
import { earlyPauses } from './early-pauses.ts';
import type { SessionFact } from './types.ts';

/** `count` timed 40-minute sessions this week and last, first paused after `pauseMinutes` (or never). */
function timed(count: number, pauseMinutes: number | null, weeksAgo = 0, offset = 0): SessionFact[] {
  return Array.from({ length: count }, (_, i) =>
    completed(day(weeksAgo, Math.floor((i + offset) / 3) % 7), (((i + offset) % 3) + 1) as 1 | 2 | 3, 40, {
      pauseCount: pauseMinutes === null ? 0 : 1,
      firstPauseFocusSeconds: pauseMinutes === null ? null : pauseMinutes * 60,
    }),
  );
}

describe('early pauses', () => {
  // A 40-minute plan: a first pause before 10 minutes (600 s) is early.
  it.each<{ name: string; sessions: SessionFact[]; expected: null | string }>([
    { name: 'says nothing under eight timed sessions', sessions: timed(7, 2), expected: null },
    {
      name: 'does not count logged sessions as timed',
      sessions: [
        ...timed(7, 2),
        session(day(0, 5), 1, { state: 'completed', loggedAfterwards: true, focusSeconds: 2400 }),
      ],
      expected: null,
    },
    {
      name: 'is quiet when few are paused early',
      sessions: [...timed(3, 2), ...timed(5, null, 1)],
      expected: null,
    },
    {
      name: 'notices 40% paused early',
      sessions: [...timed(4, 2), ...timed(6, null, 1)],
      expected: 'notice',
    },
    {
      name: 'a pause at exactly a quarter is not early',
      sessions: [...timed(4, 10), ...timed(6, null, 1)],
      expected: null,
    },
    {
      name: 'a pause a second before a quarter is early',
      sessions: [...timed(4, 9.99), ...timed(6, null, 1)],
      expected: 'notice',
    },
    {
      name: 'warns at 60% paused early',
      sessions: [...timed(6, 3), ...timed(4, 30, 1)],
      expected: 'warning',
    },
    {
      name: 'looks back four weeks only',
      sessions: [...timed(6, 3, 4), ...timed(6, 3, 5), ...timed(4, null)],
      expected: null,
    },
    {
      name: 'counts skipped sessions that ran, not planned ones',
      sessions: [
        ...timed(3, 2),
        ...timed(5, null, 1),
        session(day(1, 5), 1, {
          state: 'skipped',
          startedAt: new Date('2026-04-04T09:00:00Z'),
          firstPauseFocusSeconds: 60,
          pauseCount: 1,
        }),
        session(day(1, 5), 2, { state: 'planned', firstPauseFocusSeconds: null }),
      ],
      expected: 'notice',
    },
  ])('$name', ({ sessions, expected }) => {
    const insight = earlyPauses(contextOf({ sessions }));
    if (expected === null) expect(insight).toBeNull();
    else expect(insight).toMatchObject({ severity: expected, rule: 'early-pauses', periodKey: day(0) });
  });

  it('cites the share and the typical first pause', () => {
    const insight = earlyPauses(
      contextOf({ sessions: [...timed(2, 3), ...timed(3, 5, 0, 2), ...timed(5, null, 1)] }),
    );
    expect(insight?.message).toBe(
      'In the last four weeks, 5 of 10 timed sessions had their first pause within the first quarter of the plan, typically after 5 minutes.',
    );
    expect(Object.fromEntries(insight!.evidence.map((e) => [e.key, e.value]))).toEqual({
      timedSessions: 10,
      pausedEarly: 5,
      sharePercent: 50,
      medianFirstPauseMinutes: 5,
    });
  });
});
