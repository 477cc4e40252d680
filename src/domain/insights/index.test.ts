import { describe, expect, it } from 'vitest';
import { completed, day, inputOf, skipped, switches } from '../../../test/support/insight-facts.ts';
import { computeInsights, INSIGHT_RULES } from './index.ts';
import type { SessionFact } from './types.ts';

describe('computeInsights', () => {
  it('finds nothing in an empty history', () => {
    expect(computeInsights(inputOf())).toEqual([]);
  });

  it('runs every rule, one insight each at most, warnings first', () => {
    const weeks: SessionFact[] = [1, 2, 3].flatMap((w) =>
      [0, 1, 2, 3, 4].flatMap((d) => [
        completed(day(w, d), 1, 45, { outcome: 'done' }),
        completed(day(w, d), 2, 90, { outcome: 'blocked' }),
      ]),
    );
    const thisWeek = [skipped(day(0, 0), 1), skipped(day(0, 0), 2), skipped(day(0, 0), 3)];
    const insights = computeInsights(
      inputOf({
        sessions: [...weeks, ...thisWeek],
        switches: switches(day(0, 1), 3),
        weeklyFocusTargetMinutes: 1200,
      }),
    );
    const rules = insights.map((i) => i.rule);
    expect(new Set(rules).size).toBe(rules.length);
    expect(rules.every((r) => (INSIGHT_RULES as readonly string[]).includes(r))).toBe(true);
    expect(rules).toContain('low-focus');
    expect(rules).toContain('session-length');
    const order = insights.map((i) => ({ warning: 0, notice: 1, info: 2 })[i.severity]);
    expect(order).toEqual([...order].sort());
  });

  it('speaks calmly: no exclamation marks anywhere', () => {
    const sessions = [1, 2].flatMap((w) => [0, 1, 2, 3, 4, 5, 6].map((d) => completed(day(w, d), 4, 120)));
    const insights = computeInsights(inputOf({ sessions, switches: switches(day(0, 1), 30) }));
    expect(insights.length).toBeGreaterThan(0);
    for (const insight of insights) {
      expect(`${insight.title} ${insight.message} ${insight.recommendation}`).not.toContain('!');
    }
  });
});
