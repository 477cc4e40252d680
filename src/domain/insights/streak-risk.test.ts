import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, session } from '../../../test/support/insight-facts.ts';
import { streakRisk } from './streak-risk.ts';
import type { SessionFact } from './types.ts';

/**
 * Today is Thursday 2026-04-09 (UTC). A personal session logged on each of the `days` days before
 * today: they make the streak, and being logged, they teach nothing about hours.
 */
function streakOf(days: number): SessionFact[] {
  return Array.from({ length: days }, (_, i) =>
    completed(day(0, 2 - i), 3, 45, { startedAt: null, loggedAfterwards: true }),
  );
}
/** Ten starts last week (UTC): 09:00 x7, then 14:00, 15:00, 16:00; the 75% mark is 14:00. */
const usualStarts: SessionFact[] = [9, 9, 9, 9, 9, 9, 9, 14, 15, 16].map((hour, i) => {
  const date = day(1, i % 7);
  return completed(date, (i < 7 ? 1 : 2) as 1 | 2, 45, {
    startedAt: new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`),
  });
});
const at = (time: string) => new Date(`${day(0, 3)}T${time}:00Z`);

describe('streak risk', () => {
  it.each<{ name: string; sessions: SessionFact[]; now: Date; expected: boolean }>([
    {
      name: 'speaks late in the usual hours of a live streak',
      sessions: [...usualStarts, ...streakOf(3)],
      now: at('14:00'),
      expected: true,
    },
    {
      name: 'is quiet a minute before the usual late mark',
      sessions: [...usualStarts, ...streakOf(3)],
      now: at('13:59'),
      expected: false,
    },
    {
      name: 'is quiet once a personal session is done today',
      sessions: [...usualStarts, ...streakOf(3), completed(day(0, 3), 2)],
      now: at('16:00'),
      expected: false,
    },
    {
      name: 'is quiet while a session runs today',
      sessions: [...usualStarts, ...streakOf(3), session(day(0, 3), 1, { state: 'active' })],
      now: at('16:00'),
      expected: false,
    },
    {
      name: 'an admin session today does not keep the streak',
      sessions: [...usualStarts, ...streakOf(3), completed(day(0, 3), 4)],
      now: at('16:00'),
      expected: true,
    },
    {
      name: 'is quiet for a one-day streak',
      sessions: [...usualStarts, ...streakOf(1)],
      now: at('16:00'),
      expected: false,
    },
    {
      name: 'is quiet when the streak already ended',
      sessions: [...usualStarts, ...streakOf(3).slice(1)],
      now: at('16:00'),
      expected: false,
    },
    {
      name: 'needs ten starts to learn the usual hours',
      sessions: [...usualStarts.slice(0, 6), ...streakOf(3)],
      now: at('23:00'),
      expected: false,
    },
  ])('$name', ({ sessions, now, expected }) => {
    const insight = streakRisk(contextOf({ sessions, now }));
    if (!expected) expect(insight).toBeNull();
    else expect(insight).toMatchObject({ rule: 'streak-risk', periodKey: day(0, 3), severity: 'notice' });
  });

  it('cites the streak (last week and this) and the usual hours on the person’s clock', () => {
    const insight = streakRisk(
      contextOf({ sessions: [...usualStarts, ...streakOf(3)], now: at('14:30'), timeZone: 'Europe/Berlin' }),
    );
    expect(insight?.message).toBe(
      'Your 10-day streak has no session yet today. Most of your sessions have started by 16:00, and it is 16:30 now.',
    );
  });
});
