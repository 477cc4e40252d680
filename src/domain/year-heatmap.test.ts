import { describe, expect, it } from 'vitest';
import { shiftRange } from './report-periods.ts';
import type { SessionFacts } from './summary.ts';
import { yearHeatmap } from './year-heatmap.ts';

const done = (localDate: string, minutes: number, slot = 1): SessionFacts => ({
  localDate,
  slot,
  kind: slot === 4 ? 'admin' : 'personal',
  state: 'completed',
  focusSeconds: minutes * 60,
  isFlagged: false,
  loggedAfterwards: false,
});

describe('yearHeatmap', () => {
  it('covers a calendar year, 366 days in a leap year, with the month heat-map’s levels', () => {
    const map = yearHeatmap([done('2024-02-29', 45), done('2024-02-29', 50, 2), done('2025-01-01', 45)], {
      year: 2024,
    });
    expect(map.from).toBe('2024-01-01');
    expect(map.to).toBe('2024-12-31');
    expect(map.days).toHaveLength(366);
    expect(map.days.find((d) => d.date === '2024-02-29')).toEqual({
      date: '2024-02-29',
      focusSeconds: 95 * 60,
      focusMinutes: 95,
      level: 3,
    });
    expect(map.focusMinutes).toBe(95);
    expect(map.activeDays).toBe(1);
  });

  it.each([
    { end: '2026-04-06', from: '2025-04-07', days: 365 },
    { end: '2024-03-01', from: '2023-03-02', days: 366 },
    { end: '2024-02-29', from: '2023-03-01', days: 366 },
  ])('the year ending $end starts on $from', ({ end, from, days }) => {
    const map = yearHeatmap([done(from, 10), done(end, 1)], { end });
    expect(map.from).toBe(from);
    expect(map.days).toHaveLength(days);
    expect(map.days[0]).toMatchObject({ date: from, level: 1 });
    expect(map.days.at(-1)).toMatchObject({ date: end, level: 1 });
  });

  it('ignores sessions that are not completed', () => {
    const map = yearHeatmap([{ ...done('2026-04-06', 45), state: 'paused', focusSeconds: null }], {
      end: '2026-04-06',
    });
    expect(map.focusMinutes).toBe(0);
  });
});

describe('shiftRange', () => {
  it.each([
    {
      period: 'week' as const,
      range: { from: '2026-04-06', to: '2026-04-12', days: 7 },
      step: -1 as const,
      from: '2026-03-30',
      to: '2026-04-05',
    },
    {
      period: 'month' as const,
      range: { from: '2026-03-01', to: '2026-03-31', days: 31 },
      step: -1 as const,
      from: '2026-02-01',
      to: '2026-02-28',
    },
    {
      period: 'month' as const,
      range: { from: '2026-01-01', to: '2026-01-31', days: 31 },
      step: 1 as const,
      from: '2026-02-01',
      to: '2026-02-28',
    },
    {
      period: 'custom' as const,
      range: { from: '2026-04-01', to: '2026-04-10', days: 10 },
      step: 1 as const,
      from: '2026-04-11',
      to: '2026-04-20',
    },
  ])('moves a $period by $step', ({ period, range, step, from, to }) => {
    expect(shiftRange(range, period, step)).toMatchObject({ from, to });
  });
});
