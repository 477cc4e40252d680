import { describe, expect, it } from 'vitest';
import { completed, contextOf, day } from '../../../test/support/insight-facts.ts';
import { lowFocus } from './low-focus.ts';
import type { SessionFact } from './types.ts';

const lastWeek = [completed(day(1, 2), 1)];
/** `minutes` of focus on Monday of this week. */
const mondayFocus = (minutes: number): SessionFact[] =>
  minutes > 0 ? [completed(day(0, 0), 1, minutes)] : [];
/** The instant at 15:00 UTC `daysGone` days after this Monday. */
const afterDays = (daysGone: number) => new Date(`${day(0, daysGone)}T15:00:00Z`);

describe('low focus', () => {
  // Target 700 minutes a week: 100 a day, so the pace after n days is n * 100 minutes.
  it.each<{ name: string; daysGone: number; sessions: SessionFact[]; expected: null | string }>([
    { name: 'waits until mid-week', daysGone: 2, sessions: [...lastWeek], expected: null },
    { name: 'says nothing to someone without earlier weeks', daysGone: 4, sessions: [], expected: null },
    { name: 'warns on Thursday with nothing yet', daysGone: 3, sessions: [...lastWeek], expected: 'warning' },
    {
      name: 'warns just under half the pace',
      daysGone: 3,
      sessions: [...lastWeek, ...mondayFocus(149)],
      expected: 'warning',
    },
    {
      name: 'notices at half the pace',
      daysGone: 3,
      sessions: [...lastWeek, ...mondayFocus(150)],
      expected: 'notice',
    },
    {
      name: 'notices just under 80% of the pace',
      daysGone: 3,
      sessions: [...lastWeek, ...mondayFocus(239)],
      expected: 'notice',
    },
    {
      name: 'is quiet at 80% of the pace',
      daysGone: 3,
      sessions: [...lastWeek, ...mondayFocus(240)],
      expected: null,
    },
    {
      name: 'counts today toward the pace of the days gone',
      daysGone: 6,
      sessions: [...lastWeek, completed(day(0, 6), 1, 240), completed(day(0, 6), 2, 240)],
      expected: null,
    },
  ])('$name', ({ daysGone, sessions, expected }) => {
    const insight = lowFocus(
      contextOf({ sessions, now: afterDays(daysGone), weeklyFocusTargetMinutes: 700 }),
    );
    if (expected === null) expect(insight).toBeNull();
    else expect(insight).toMatchObject({ severity: expected, rule: 'low-focus', periodKey: day(0) });
  });

  it('follows the first day of the person week', () => {
    // Sunday-start weeks: on Wednesday 2026-04-08 three days (Sun, Mon, Tue) are gone.
    const insight = lowFocus(
      contextOf({
        weekStart: 'sunday',
        sessions: [completed('2026-03-30', 1)],
        now: new Date('2026-04-08T10:00:00Z'),
        weeklyFocusTargetMinutes: 700,
      }),
    );
    expect(insight?.periodKey).toBe('2026-04-05');
    expect(insight?.message).toBe(
      'This week holds 0 min of focus so far. Your target of 11 h 40 min a week puts the pace at 5 h by the end of Tuesday.',
    );
    expect(insight?.recommendation).toMatch(/^Reaching the target by Saturday takes about 2 h 55 min a day/);
  });
});
