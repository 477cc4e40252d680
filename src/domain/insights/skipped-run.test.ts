import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, skipped } from '../../../test/support/insight-facts.ts';
import { skippedRun } from './skipped-run.ts';
import type { SessionFact } from './types.ts';

const skippedDay = (date: string): SessionFact[] => [skipped(date, 1), skipped(date, 2), skipped(date, 3)];

describe('skipped run', () => {
  it.each<{ name: string; sessions: SessionFact[]; expected: null | { severity: string; run: number } }>([
    { name: 'says nothing without sessions', sessions: [], expected: null },
    {
      name: 'is quiet for four skips in a row',
      sessions: [
        completed(day(0, 1), 1),
        ...skippedDay(day(0, 1)).slice(1),
        ...skippedDay(day(0, 2)).slice(0, 2),
      ],
      expected: null,
    },
    {
      name: 'notices five skips in a row',
      sessions: [
        completed(day(0, 1), 1),
        skipped(day(0, 1), 2),
        skipped(day(0, 1), 3),
        ...skippedDay(day(0, 2)),
      ],
      expected: { severity: 'notice', run: 5 },
    },
    {
      name: 'a completed session ends the run',
      sessions: [...skippedDay(day(0, 1)), ...skippedDay(day(0, 2)), completed(day(0, 3), 1)],
      expected: null,
    },
    {
      name: 'admin sessions neither break nor make a run',
      sessions: [
        ...skippedDay(day(0, 1)),
        completed(day(0, 1), 4),
        skipped(day(0, 2), 4),
        skipped(day(0, 2), 1),
        skipped(day(0, 2), 2),
      ],
      expected: { severity: 'notice', run: 5 },
    },
    {
      name: 'untouched and planned slots do not count as skipped',
      sessions: [...skippedDay(day(1, 6)).slice(0, 2), ...skippedDay(day(0, 2)).slice(0, 2)],
      expected: null,
    },
    {
      name: 'warns at nine in a row',
      sessions: [...skippedDay(day(0, 0)), ...skippedDay(day(0, 1)), ...skippedDay(day(0, 2))],
      expected: { severity: 'warning', run: 9 },
    },
    {
      name: 'looks back two weeks only',
      sessions: [...skippedDay(day(2, 0)), ...skippedDay(day(2, 1)), skipped(day(0, 3), 1)],
      expected: null,
    },
  ])('$name', ({ sessions, expected }) => {
    const insight = skippedRun(contextOf({ sessions }));
    if (expected === null) expect(insight).toBeNull();
    else {
      expect(insight).toMatchObject({ severity: expected.severity, rule: 'skipped-run', periodKey: day(0) });
      expect(insight?.evidence[0]?.value).toBe(expected.run);
    }
  });

  it('says how many and over how many days', () => {
    const insight = skippedRun(contextOf({ sessions: [...skippedDay(day(0, 1)), ...skippedDay(day(0, 2))] }));
    expect(insight?.message).toBe('Your last 6 personal sessions, over 2 days, were skipped.');
  });
});
