import { describe, expect, it } from 'vitest';
import { completed, contextOf, day, switches } from '../../../test/support/insight-facts.ts';
import { highSwitching } from './high-switching.ts';
import type { SessionFact, SwitchFact } from './types.ts';

/** Four 45-minute sessions (3 focus hours) in the week `weeksAgo`. */
const threeHours = (weeksAgo: number): SessionFact[] => [
  completed(day(weeksAgo, 0), 1),
  completed(day(weeksAgo, 0), 2),
  completed(day(weeksAgo, 1), 1),
  completed(day(weeksAgo, 1), 2),
];
/** Four 60-minute sessions this week. */
const fourHours = [
  completed(day(0, 0), 1, 60),
  completed(day(0, 0), 2, 60),
  completed(day(0, 1), 1, 60),
  completed(day(0, 1), 2, 60),
];
/** Two previous weeks of 3 focus hours with 3 switches each: a baseline of 1 an hour. */
const usualWeeks = [...threeHours(1), ...threeHours(2)];
const usualSwitches = [...switches(day(1, 1), 3), ...switches(day(2, 1), 3)];

describe('high switching', () => {
  it.each<{
    name: string;
    sessions: SessionFact[];
    switches: SwitchFact[];
    expected: null | { severity: string; title: string };
  }>([
    {
      name: 'says nothing under two focus hours this week, however many switches',
      sessions: [completed(day(0, 0), 1, 90)],
      switches: switches(day(0, 0), 20),
      expected: null,
    },
    {
      name: 'says nothing to a new person below the absolute threshold',
      sessions: threeHours(0),
      switches: switches(day(0, 1), 11),
      expected: null,
    },
    {
      name: 'speaks at exactly 4 an hour without a baseline',
      sessions: threeHours(0),
      switches: switches(day(0, 1), 12),
      expected: { severity: 'notice', title: 'A week of many interruptions' },
    },
    {
      name: 'says nothing when 1.5 times the baseline is only half a switch more an hour',
      sessions: [...usualWeeks, ...fourHours],
      switches: [...usualSwitches, ...switches(day(0, 1), 6)],
      expected: null,
    },
    {
      name: 'notices twice the baseline at one more an hour',
      sessions: [...usualWeeks, ...threeHours(0)],
      switches: [...usualSwitches, ...switches(day(0, 1), 6)],
      expected: { severity: 'notice', title: 'More interruptions than usual' },
    },
    {
      name: 'warns at three times the baseline',
      sessions: [...usualWeeks, ...threeHours(0)],
      switches: [...usualSwitches, ...switches(day(0, 1), 9)],
      expected: { severity: 'warning', title: 'More interruptions than usual' },
    },
    {
      name: 'takes no baseline from a single previous week',
      sessions: [...threeHours(1), ...threeHours(0)],
      switches: [...switches(day(1, 1), 3), ...switches(day(0, 1), 9)],
      expected: null,
    },
    {
      name: 'warns at 6 an hour even against a high baseline',
      sessions: [...usualWeeks, ...threeHours(0)],
      switches: [...switches(day(1, 1), 15), ...switches(day(2, 1), 15), ...switches(day(0, 1), 18)],
      expected: { severity: 'warning', title: 'A week of many interruptions' },
    },
    {
      name: 'ignores switches older than the window',
      sessions: [...threeHours(9), ...threeHours(10), ...threeHours(0)],
      switches: [...switches(day(9, 1), 1), ...switches(day(10, 1), 1), ...switches(day(0, 1), 6)],
      expected: null,
    },
  ])('$name', ({ sessions, switches: list, expected }) => {
    const insight = highSwitching(contextOf({ sessions, switches: list }));
    if (expected === null) expect(insight).toBeNull();
    else expect(insight).toMatchObject({ ...expected, rule: 'high-switching', periodKey: day(0) });
  });

  it('cites the numbers and suggests something for the most common reason', () => {
    const insight = highSwitching(
      contextOf({
        sessions: [...usualWeeks, ...threeHours(0)],
        switches: [...usualSwitches, ...switches(day(0, 1), 5, 'meeting'), ...switches(day(0, 2), 2)],
      }),
    );
    expect(insight?.message).toBe(
      'This week 7 interruptions came during 3 h of focus: 2.3 an hour, where your previous weeks averaged 1.',
    );
    expect(insight?.recommendation).toMatch(/^Most came from meetings\./);
    expect(insight?.evidence.map((e) => [e.key, e.value])).toEqual([
      ['switches', 7],
      ['focusMinutes', 180],
      ['perHour', 2.3],
      ['baselinePerHour', 1],
    ]);
  });
});
