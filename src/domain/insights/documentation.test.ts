import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, skipped } from '../../../test/support/insight-facts.ts';
import { documentation } from './documentation.ts';
import type { SessionFact } from './types.ts';

/** `count` completed sessions this week and last, the first `documented` with notes or an outcome. */
function history(count: number, documented: number, weeksAgo = 0): SessionFact[] {
  return Array.from({ length: count }, (_, i) =>
    completed(
      day(weeksAgo + (i >= 12 ? 1 : 0), Math.floor((i % 12) / 4)),
      ((i % 4) + 1) as 1 | 2 | 3 | 4,
      45,
      {
        hasNotes: i < documented && i % 2 === 0,
        outcome: i < documented && i % 2 === 1 ? 'done' : null,
      },
    ),
  );
}

describe('documentation', () => {
  it.each<{ name: string; sessions: SessionFact[]; expected: null | { severity: string; share: number } }>([
    { name: 'says nothing under ten completed sessions', sessions: history(9, 0), expected: null },
    {
      name: 'skipped sessions are not counted',
      sessions: [...history(9, 0), skipped(day(0, 3), 1)],
      expected: null,
    },
    {
      name: 'notices under half documented',
      sessions: history(10, 4),
      expected: { severity: 'notice', share: 40 },
    },
    { name: 'is quiet at half', sessions: history(10, 5), expected: null },
    { name: 'is quiet just under 80%', sessions: history(20, 15), expected: null },
    {
      name: 'acknowledges 80% documented',
      sessions: history(10, 8),
      expected: { severity: 'info', share: 80 },
    },
    { name: 'looks back four weeks only', sessions: history(10, 0, 4), expected: null },
  ])('$name', ({ sessions, expected }) => {
    const insight = documentation(contextOf({ sessions }));
    if (expected === null) expect(insight).toBeNull();
    else {
      expect(insight).toMatchObject({
        severity: expected.severity,
        rule: 'documentation',
        periodKey: day(0),
      });
      expect(insight?.evidence.find((e) => e.key === 'sharePercent')?.value).toBe(expected.share);
    }
  });

  it('cites the counts', () => {
    expect(documentation(contextOf({ sessions: history(12, 3) }))?.message).toBe(
      'In the last four weeks, 3 of 12 completed sessions ended with notes or an outcome (25%).',
    );
  });
});
