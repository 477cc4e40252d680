import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, skipped } from '../../../test/support/insight-facts.ts';
import { adminCrowding } from './admin-crowding.ts';
import type { SessionFact } from './types.ts';

const admin = (date: string, minutes: number) => completed(date, 4, minutes);
const personal = (date: string, minutes: number) => completed(date, 1, minutes);

describe('admin crowding', () => {
  it.each<{ name: string; sessions: SessionFact[]; expected: null | string }>([
    { name: 'says nothing with no focus', sessions: [], expected: null },
    {
      name: 'says nothing under three hours of focus, even all admin',
      sessions: [admin(day(0, 0), 90), admin(day(0, 1), 89)],
      expected: null,
    },
    {
      name: 'is quiet while admin takes less than half',
      sessions: [admin(day(0, 0), 99), personal(day(0, 0), 100)],
      expected: null,
    },
    {
      name: 'notices admin at exactly half',
      sessions: [admin(day(0, 0), 100), personal(day(0, 1), 100)],
      expected: 'notice',
    },
    {
      name: 'warns at 70%',
      sessions: [admin(day(0, 0), 140), admin(day(0, 1), 70), personal(day(0, 1), 90)],
      expected: 'warning',
    },
    {
      name: 'counts completed sessions only',
      sessions: [admin(day(0, 0), 100), personal(day(0, 1), 101), skipped(day(0, 2), 1)],
      expected: null,
    },
    {
      name: 'looks back two weeks only',
      sessions: [
        admin(day(2, 0), 240),
        admin(day(2, 1), 240),
        personal(day(0, 1), 100),
        personal(day(0, 2), 90),
      ],
      expected: null,
    },
  ])('$name', ({ sessions, expected }) => {
    const insight = adminCrowding(contextOf({ sessions }));
    if (expected === null) expect(insight).toBeNull();
    else expect(insight).toMatchObject({ severity: expected, rule: 'admin-crowding', periodKey: day(0) });
  });

  it('counts the days that had admin only', () => {
    const insight = adminCrowding(
      contextOf({ sessions: [admin(day(0, 0), 120), admin(day(0, 1), 60), personal(day(0, 1), 60)] }),
    );
    expect(insight?.message).toBe(
      'In the last two weeks admin took 3 h of focus and personal sessions 1 h: 75% went to admin, and 1 day had admin only.',
    );
  });
});
