import { describe, expect, it } from 'vitest';
import type { WeekStart } from './local-date.ts';
import { kindOfSlot, type SlotNumber } from './sheet.ts';
import {
  type AllCounts,
  completedPersonalDates,
  countsOf,
  dayProgress,
  intensityLevel,
  longestStreak,
  monthHeatmap,
  type SessionFacts,
  streak,
  weekSummary,
} from './summary.ts';
import type { SessionState } from './timer.ts';

function fact(
  date: string,
  slot: SlotNumber,
  state: SessionState,
  minutes = 0,
  extra: Partial<SessionFacts> = {},
) {
  const completed = state === 'completed';
  return {
    localDate: date,
    slot,
    kind: kindOfSlot(slot),
    state,
    focusSeconds: completed ? minutes * 60 : null,
    isFlagged: false,
    loggedAfterwards: false,
    ...extra,
  } satisfies SessionFacts;
}
const done = (date: string, slot: SlotNumber, minutes: number, extra: Partial<SessionFacts> = {}) =>
  fact(date, slot, 'completed', minutes, extra);

describe('dayProgress', () => {
  it.each<{
    name: string;
    sessions: SessionFacts[];
    personal: number;
    admin: number;
    focused: boolean;
    full: boolean;
    minutes: number;
  }>([
    { name: 'an empty day', sessions: [], personal: 0, admin: 0, focused: false, full: false, minutes: 0 },
    {
      name: 'planned, active, paused and skipped sessions',
      sessions: [
        fact('2026-04-06', 1, 'planned'),
        fact('2026-04-06', 2, 'active'),
        fact('2026-04-06', 3, 'paused'),
        fact('2026-04-06', 4, 'skipped'),
      ],
      personal: 0,
      admin: 0,
      focused: false,
      full: false,
      minutes: 0,
    },
    {
      name: 'admin only',
      sessions: [done('2026-04-06', 4, 30)],
      personal: 0,
      admin: 1,
      focused: false,
      full: false,
      minutes: 30,
    },
    {
      name: 'one personal',
      sessions: [done('2026-04-06', 2, 45)],
      personal: 1,
      admin: 0,
      focused: true,
      full: false,
      minutes: 45,
    },
    {
      name: 'all four',
      sessions: [
        done('2026-04-06', 1, 45),
        done('2026-04-06', 2, 50),
        done('2026-04-06', 3, 25),
        done('2026-04-06', 4, 20),
      ],
      personal: 3,
      admin: 1,
      focused: true,
      full: true,
      minutes: 140,
    },
    {
      name: 'a duplicated row',
      sessions: [done('2026-04-06', 1, 45), done('2026-04-06', 1, 45)],
      personal: 1,
      admin: 0,
      focused: true,
      full: false,
      minutes: 90,
    },
    {
      name: 'a logged session',
      sessions: [done('2026-04-06', 1, 30, { loggedAfterwards: true })],
      personal: 1,
      admin: 0,
      focused: true,
      full: false,
      minutes: 30,
    },
  ])('counts $name', ({ sessions, personal, admin, focused, full, minutes }) => {
    expect(dayProgress(sessions)).toMatchObject({
      personalCompleted: personal,
      personalTotal: 3,
      adminCompleted: admin,
      adminTotal: 1,
      isFocused: focused,
      isFull: full,
      focusSeconds: minutes * 60,
      focusMinutes: minutes,
    });
  });
});

/** completed, total, percent, in progress, open, skipped: the order the summary line reads in. */
type Line = [
  completed: number,
  total: number,
  percent: number,
  inProgress: number,
  open: number,
  skipped: number,
];
function linesOf(all: AllCounts) {
  const line = (scope: 'personal' | 'admin' | 'sessions'): Line => {
    const c = countsOf(all, scope);
    return [c.completed, c.total, c.percent, c.inProgress, c.open, c.skipped];
  };
  return { personal: line('personal'), admin: line('admin'), sessions: line('sessions') };
}

describe("the day's summary counts", () => {
  const D = '2026-04-06';
  it.each<{ name: string; sessions: SessionFacts[]; personal: Line; admin: Line; all: Line }>([
    {
      name: 'an untouched day: every slot open',
      sessions: [],
      personal: [0, 3, 0, 0, 3, 0],
      admin: [0, 1, 0, 0, 1, 0],
      all: [0, 4, 0, 0, 4, 0],
    },
    {
      name: 'a stored day with nothing done yet',
      sessions: [fact(D, 1, 'planned'), fact(D, 2, 'planned'), fact(D, 3, 'planned'), fact(D, 4, 'planned')],
      personal: [0, 3, 0, 0, 3, 0],
      admin: [0, 1, 0, 0, 1, 0],
      all: [0, 4, 0, 0, 4, 0],
    },
    {
      name: 'active and paused are in progress and still open; skipped is not open',
      sessions: [fact(D, 1, 'planned'), fact(D, 2, 'active'), fact(D, 3, 'paused'), fact(D, 4, 'skipped')],
      personal: [0, 3, 0, 2, 3, 0],
      admin: [0, 1, 0, 0, 0, 1],
      all: [0, 4, 0, 2, 3, 1],
    },
    {
      name: 'two done, one running, admin planned: 2 of 4, 50%',
      sessions: [done(D, 1, 45), done(D, 2, 45), fact(D, 3, 'active'), fact(D, 4, 'planned')],
      personal: [2, 3, 67, 1, 1, 0],
      admin: [0, 1, 0, 0, 1, 0],
      all: [2, 4, 50, 1, 2, 0],
    },
    {
      name: 'one personal done of an untouched rest',
      sessions: [done(D, 2, 45)],
      personal: [1, 3, 33, 0, 2, 0],
      admin: [0, 1, 0, 0, 1, 0],
      all: [1, 4, 25, 0, 3, 0],
    },
    {
      name: 'three personal done, admin skipped',
      sessions: [done(D, 1, 45), done(D, 2, 45), done(D, 3, 45), fact(D, 4, 'skipped')],
      personal: [3, 3, 100, 0, 0, 0],
      admin: [0, 1, 0, 0, 0, 1],
      all: [3, 4, 75, 0, 0, 1],
    },
    {
      name: 'all four done',
      sessions: [done(D, 1, 45), done(D, 2, 45), done(D, 3, 45), done(D, 4, 20)],
      personal: [3, 3, 100, 0, 0, 0],
      admin: [1, 1, 100, 0, 0, 0],
      all: [4, 4, 100, 0, 0, 0],
    },
    {
      name: 'all skipped',
      sessions: [fact(D, 1, 'skipped'), fact(D, 2, 'skipped'), fact(D, 3, 'skipped'), fact(D, 4, 'skipped')],
      personal: [0, 3, 0, 0, 0, 3],
      admin: [0, 1, 0, 0, 0, 1],
      all: [0, 4, 0, 0, 0, 4],
    },
    {
      name: 'a duplicated row: one slot counts once',
      sessions: [done(D, 1, 45), done(D, 1, 45), fact(D, 2, 'active'), fact(D, 2, 'paused')],
      personal: [1, 3, 33, 1, 2, 0],
      admin: [0, 1, 0, 0, 1, 0],
      all: [1, 4, 25, 1, 3, 0],
    },
    {
      name: 'conflicting rows of one slot: completed wins over skipped, skipped over started',
      sessions: [fact(D, 1, 'skipped'), done(D, 1, 45), fact(D, 2, 'active'), fact(D, 2, 'skipped')],
      personal: [1, 3, 33, 0, 1, 1],
      admin: [0, 1, 0, 0, 1, 0],
      all: [1, 4, 25, 0, 2, 1],
    },
  ])('$name', ({ sessions, personal, admin, all }) => {
    expect(linesOf(dayProgress(sessions))).toEqual({ personal, admin, sessions: all });
  });

  it('keeps every slot in exactly one of completed, skipped and open', () => {
    const states: SessionState[] = ['planned', 'active', 'paused', 'completed', 'skipped'];
    for (const a of states)
      for (const b of states) {
        const p = dayProgress([fact(D, 1, a), fact(D, 4, b)]);
        for (const scope of ['personal', 'admin', 'sessions'] as const) {
          const [completed, total, , inProgress, open, skipped] = linesOf(p)[scope];
          expect(completed + skipped + open).toBe(total);
          expect(inProgress).toBeLessThanOrEqual(open);
        }
      }
  });
});

describe('weekSummary', () => {
  const SESSIONS: SessionFacts[] = [
    done('2026-04-04', 1, 45), // Saturday
    done('2026-04-05', 1, 45), // Sunday
    done('2026-04-05', 2, 45),
    done('2026-04-06', 1, 45), // Monday: a full day
    done('2026-04-06', 2, 45),
    done('2026-04-06', 3, 45),
    done('2026-04-06', 4, 30),
    fact('2026-04-07', 1, 'skipped'),
    fact('2026-04-07', 2, 'planned'),
    done('2026-04-08', 4, 20), // Wednesday: admin only, not focused
    fact('2026-04-09', 2, 'paused'), // Thursday: in progress
    done('2026-04-11', 3, 60, { isFlagged: true }), // Saturday
    done('2026-04-12', 1, 25), // Sunday
  ];

  it.each<{
    weekStart: WeekStart;
    start: string;
    end: string;
    sessions: number;
    personal: number;
    minutes: number;
    focusedDays: number;
    fullDays: number;
    flagged: number;
  }>([
    {
      weekStart: 'monday',
      start: '2026-04-06',
      end: '2026-04-12',
      sessions: 7,
      personal: 5,
      minutes: 270,
      focusedDays: 3,
      fullDays: 1,
      flagged: 1,
    },
    {
      weekStart: 'sunday',
      start: '2026-04-05',
      end: '2026-04-11',
      sessions: 8,
      personal: 6,
      minutes: 335,
      focusedDays: 3,
      fullDays: 1,
      flagged: 1,
    },
    {
      weekStart: 'saturday',
      start: '2026-04-04',
      end: '2026-04-10',
      sessions: 8,
      personal: 6,
      minutes: 320,
      focusedDays: 3,
      fullDays: 1,
      flagged: 0,
    },
  ])('sums the week starting on a $weekStart, from $start to $end', (c) => {
    const week = weekSummary(SESSIONS, '2026-04-08', c.weekStart);
    expect(week).toMatchObject({
      start: c.start,
      end: c.end,
      sessionsCompleted: c.sessions,
      personalCompleted: c.personal,
      personalTotal: 21,
      focusSeconds: c.minutes * 60,
      focusMinutes: c.minutes,
      focusedDays: c.focusedDays,
      fullDays: c.fullDays,
      flaggedSessions: c.flagged,
    });
    expect(week.days).toHaveLength(7);
    expect(week.days[0]?.date).toBe(c.start);
    expect(week.days[6]?.date).toBe(c.end);
  });

  it('adds up the days into counts of 21 personal, 7 admin and 28 slots, with percentages of the sums', () => {
    const week = weekSummary(SESSIONS, '2026-04-08', 'monday');
    expect(linesOf(week)).toEqual({
      personal: [5, 21, 24, 1, 15, 1], // 23.8%
      admin: [2, 7, 29, 0, 5, 0], // 28.6%
      sessions: [7, 28, 25, 1, 20, 1],
    });
    expect(week.days.map((d) => d.sessionsPercent)).toEqual([100, 0, 25, 0, 0, 25, 25]);
  });

  it('counts an empty week as all open, at 0%', () => {
    expect(linesOf(weekSummary([], '2026-04-08', 'monday'))).toEqual({
      personal: [0, 21, 0, 0, 21, 0],
      admin: [0, 7, 0, 0, 7, 0],
      sessions: [0, 28, 0, 0, 28, 0],
    });
  });

  it('gives one bar per day, in order, with empty days at zero', () => {
    const week = weekSummary(SESSIONS, '2026-04-12', 'monday');
    expect(
      week.days.map((d) => [d.date, d.dayOfWeek, d.focusMinutes, d.personalCompleted, d.isFull]),
    ).toEqual([
      ['2026-04-06', 1, 165, 3, true],
      ['2026-04-07', 2, 0, 0, false],
      ['2026-04-08', 3, 20, 0, false],
      ['2026-04-09', 4, 0, 0, false],
      ['2026-04-10', 5, 0, 0, false],
      ['2026-04-11', 6, 60, 1, false],
      ['2026-04-12', 0, 25, 1, false],
    ]);
  });

  it('handles a week that spans a leap day and a month end', () => {
    const week = weekSummary([done('2024-02-29', 1, 45), done('2024-03-01', 2, 45)], '2024-02-27', 'monday');
    expect(week.days.map((d) => d.date)).toEqual([
      '2024-02-26',
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
    ]);
    expect(week.focusedDays).toBe(2);
  });
});

describe('streak', () => {
  it.each<{
    name: string;
    today: string;
    dates: string[];
    length: number;
    includesToday: boolean;
    needsToday: boolean;
  }>([
    {
      name: 'no focused days',
      today: '2026-04-06',
      dates: [],
      length: 0,
      includesToday: false,
      needsToday: false,
    },
    {
      name: 'today only',
      today: '2026-04-06',
      dates: ['2026-04-06'],
      length: 1,
      includesToday: true,
      needsToday: false,
    },
    {
      name: 'yesterday only: still alive, keep it going',
      today: '2026-04-06',
      dates: ['2026-04-05'],
      length: 1,
      includesToday: false,
      needsToday: true,
    },
    {
      name: 'three days through yesterday',
      today: '2026-04-06',
      dates: ['2026-04-03', '2026-04-04', '2026-04-05'],
      length: 3,
      includesToday: false,
      needsToday: true,
    },
    {
      name: 'three days through today',
      today: '2026-04-06',
      dates: ['2026-04-04', '2026-04-05', '2026-04-06'],
      length: 3,
      includesToday: true,
      needsToday: false,
    },
    {
      name: 'broken the day before yesterday',
      today: '2026-04-06',
      dates: ['2026-04-04'],
      length: 0,
      includesToday: false,
      needsToday: false,
    },
    {
      name: 'a gap yesterday',
      today: '2026-04-06',
      dates: ['2026-04-04', '2026-04-06'],
      length: 1,
      includesToday: true,
      needsToday: false,
    },
    {
      name: 'unordered with duplicates',
      today: '2026-04-06',
      dates: ['2026-04-05', '2026-04-04', '2026-04-05'],
      length: 2,
      includesToday: false,
      needsToday: true,
    },
    {
      name: 'a future date only',
      today: '2026-04-06',
      dates: ['2026-04-07'],
      length: 0,
      includesToday: false,
      needsToday: false,
    },
    {
      name: 'a future date is ignored',
      today: '2026-04-06',
      dates: ['2026-04-05', '2026-04-07'],
      length: 1,
      includesToday: false,
      needsToday: true,
    },
    {
      name: 'across a leap day',
      today: '2024-03-01',
      dates: ['2024-02-28', '2024-02-29'],
      length: 2,
      includesToday: false,
      needsToday: true,
    },
    {
      name: 'across new year',
      today: '2026-01-01',
      dates: ['2025-12-30', '2025-12-31', '2026-01-01'],
      length: 3,
      includesToday: true,
      needsToday: false,
    },
  ])('$name', ({ today, dates, length, includesToday, needsToday }) => {
    expect(streak(dates, today)).toEqual({ length, includesToday, needsToday });
  });

  it('is built from completed personal sessions only', () => {
    const sessions = [
      done('2026-04-05', 2, 45),
      done('2026-04-05', 1, 45),
      done('2026-04-04', 4, 30),
      fact('2026-04-03', 1, 'skipped'),
      done('2026-04-02', 3, 45),
    ];
    expect(completedPersonalDates(sessions)).toEqual(['2026-04-02', '2026-04-05']);
    expect(streak(completedPersonalDates(sessions), '2026-04-06')).toEqual({
      length: 1,
      includesToday: false,
      needsToday: true,
    });
  });

  it.each([
    [[], 0],
    [['2026-04-06'], 1],
    [['2026-04-01', '2026-04-02', '2026-04-04', '2026-04-05', '2026-04-06'], 3],
    [['2024-03-01', '2024-02-28', '2024-02-29', '2024-02-29'], 3],
    [['2026-01-05', '2025-12-31', '2026-01-01'], 2],
  ])('the longest streak of %j is %i', (dates, expected) => {
    expect(longestStreak(dates)).toBe(expected);
  });
});

describe('heat-map', () => {
  it.each([
    [0, 0],
    [1, 1],
    [44, 1],
    [45, 2],
    [89, 2],
    [90, 3],
    [134, 3],
    [135, 4],
    [600, 4],
  ])('%i focus minutes is level %i', (minutes, level) => {
    expect(intensityLevel(minutes)).toBe(level);
  });

  it.each([
    ['2024-02-10', '2024-02', 29],
    ['2026-02-28', '2026-02', 28],
    ['2026-04-06', '2026-04', 30],
    ['2026-12-01', '2026-12', 31],
  ])('the month of %s is %s with %i days', (date, month, days) => {
    const heatmap = monthHeatmap([], date);
    expect(heatmap.month).toBe(month);
    expect(heatmap.days).toHaveLength(days);
    expect(heatmap.days[0]?.date).toBe(`${month}-01`);
  });

  it('sums completed focus per day and ignores other months and unfinished sessions', () => {
    const sessions = [
      done('2024-02-29', 1, 45),
      done('2024-02-29', 2, 50),
      done('2024-02-29', 4, 20),
      done('2024-02-01', 1, 30),
      fact('2024-02-02', 1, 'skipped'),
      fact('2024-02-02', 2, 'active'),
      done('2024-03-01', 1, 45),
    ];
    const days = monthHeatmap(sessions, '2024-02-15').days;
    expect(days.find((d) => d.date === '2024-02-29')).toEqual({
      date: '2024-02-29',
      focusSeconds: 115 * 60,
      focusMinutes: 115,
      level: 3,
    });
    expect(days.find((d) => d.date === '2024-02-01')).toMatchObject({ focusMinutes: 30, level: 1 });
    expect(days.find((d) => d.date === '2024-02-02')).toMatchObject({ focusMinutes: 0, level: 0 });
    expect(days.reduce((sum, d) => sum + d.focusMinutes, 0)).toBe(145);
  });
});
