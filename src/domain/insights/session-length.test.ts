import { describe, expect, it } from 'vitest';
import { completed, contextOf, day } from '../../../test/support/insight-facts.ts';
import { sessionLength } from './session-length.ts';
import type { SessionFact, SessionOutcomeValue } from './types.ts';

/**
 * `done` sessions ending done and `other` ending `outcome`, all planned for `minutes`, in the week
 * `weeksAgo` (at most 21 of them, three a day).
 */
function sessions(
  minutes: number,
  done: number,
  other: number,
  weeksAgo = 1,
  outcome: SessionOutcomeValue = 'blocked',
): SessionFact[] {
  return Array.from({ length: done + other }, (_, i) =>
    completed(day(weeksAgo, Math.floor(i / 3)), ((i % 3) + 1) as 1 | 2 | 3, minutes, {
      outcome: i < done ? 'done' : outcome,
    }),
  );
}

describe('session length', () => {
  const fortyFive = sessions(45, 4, 1); // 80% of 5
  it.each<{ name: string; history: SessionFact[]; expectedBest: number | null }>([
    { name: 'says nothing without outcomes', history: [], expectedBest: null },
    { name: 'makes no claim from one length', history: fortyFive, expectedBest: null },
    {
      name: 'makes no claim when the other length has four sessions',
      history: [...fortyFive, ...sessions(90, 0, 4, 2)],
      expectedBest: null,
    },
    {
      name: 'names the better length at five sessions each',
      history: [...fortyFive, ...sessions(90, 2, 3, 2)],
      expectedBest: 45,
    },
    {
      name: 'makes no claim when the lead is under 15 points',
      history: [...sessions(45, 7, 3), ...sessions(60, 6, 4, 3)],
      expectedBest: null,
    },
    {
      name: 'names the leader at exactly 15 points',
      history: [...sessions(60, 17, 3), ...sessions(90, 14, 6, 3)],
      expectedBest: 60,
    },
    {
      name: 'counts progressed as going well',
      history: [...sessions(25, 1, 5, 1, 'progressed'), ...sessions(90, 1, 5, 3)],
      expectedBest: 25,
    },
    {
      name: 'ignores admin sessions and sessions without an outcome',
      history: [
        ...fortyFive,
        ...sessions(90, 0, 5, 2).map((s) => ({ ...s, kind: 'admin' as const })),
        ...sessions(60, 0, 5, 4).map((s) => ({ ...s, outcome: null })),
      ],
      expectedBest: null,
    },
  ])('$name', ({ history, expectedBest }) => {
    const insight = sessionLength(contextOf({ sessions: history }));
    if (expectedBest === null) expect(insight).toBeNull();
    else
      expect(insight).toMatchObject({
        rule: 'session-length',
        title: `${expectedBest}-minute sessions go well for you`,
      });
  });

  it('gives the sample size of every length it compares and says what it left out', () => {
    const insight = sessionLength(
      contextOf({ sessions: [...fortyFive, ...sessions(90, 2, 3, 2), ...sessions(25, 1, 0, 4)] }),
    );
    expect(insight?.message).toBe(
      'Sessions planned for 45 minutes ended done or progressed 80% of the time (5 sessions); 90 minutes: 40% (5 sessions). Lengths with fewer than 5 sessions are left out.',
    );
    expect(insight?.evidence.map((e) => [e.key, e.value])).toEqual([
      ['sessions45', 5],
      ['succeededPercent45', 80],
      ['sessions90', 5],
      ['succeededPercent90', 40],
    ]);
  });
});
