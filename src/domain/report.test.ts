import { describe, expect, it } from 'vitest';
import { buildReport, focusByHour, type Report, type ReportSession, type ReportSwitch } from './report.ts';
import { monthRange, parseReportRange, type ReportRange, weekRange } from './report-periods.ts';
import { kindOfSlot, type SlotNumber } from './sheet.ts';
import type { Streak } from './summary.ts';
import type { SessionState } from './timer.ts';

const NO_STREAK: Streak = { length: 0, includesToday: false, needsToday: false };

function session(
  date: string,
  slot: SlotNumber,
  state: SessionState,
  extra: Partial<ReportSession> & { minutes?: number; at?: string } = {},
): ReportSession {
  const { minutes = 45, at, ...rest } = extra;
  const completed = state === 'completed';
  return {
    localDate: date,
    slot,
    kind: kindOfSlot(slot),
    state,
    focusSeconds: completed ? minutes * 60 : null,
    overtimeSeconds: completed ? 0 : null,
    isFlagged: false,
    loggedAfterwards: false,
    startedAt: at ? new Date(at) : null,
    outcome: null,
    mainTask: null,
    ...rest,
  };
}

/** A stored day: four slots, the given ones completed (45 min each unless said), the rest planned. */
function day(
  date: string,
  completed: Partial<Record<SlotNumber, Partial<ReportSession> & { minutes?: number; at?: string }>>,
) {
  return ([1, 2, 3, 4] as SlotNumber[]).map((slot) => {
    const extra = completed[slot];
    return extra ? session(date, slot, 'completed', extra) : session(date, slot, 'planned');
  });
}

function report(
  range: ReportRange,
  sessions: ReportSession[],
  options: { today?: string; switches?: ReportSwitch[]; timeZone?: string } = {},
): Report {
  return buildReport({
    range,
    today: options.today ?? range.to,
    timeZone: options.timeZone ?? 'Europe/Berlin',
    sessions,
    switches: options.switches ?? [],
    currentStreak: NO_STREAK,
  });
}

const WEEK = weekRange('2026-04-08', 'monday'); // Mon 6 .. Sun 12 April 2026

describe('buildReport', () => {
  it('reports an empty range as zeros, with rates it cannot compute left null', () => {
    const r = report(WEEK, []);
    expect(r.range).toEqual({ from: '2026-04-06', to: '2026-04-12', days: 7 });
    expect(r.sessions).toEqual({
      planned: 0,
      completed: 0,
      skipped: 0,
      personalCompleted: 0,
      adminCompleted: 0,
      completionRate: null,
    });
    expect(r.focus).toEqual({
      focusMinutes: 0,
      personalMinutes: 0,
      adminMinutes: 0,
      overtimeMinutes: 0,
      focusedDays: 0,
      unplacedMinutes: 0,
    });
    expect(r.byDay).toHaveLength(7);
    expect(r.byDay.every((d) => d.focusMinutes === 0 && d.completed === 0)).toBe(true);
    expect(r.byHour).toHaveLength(24);
    expect(r.byHour.every((h) => h.focusMinutes === 0)).toBe(true);
    expect(r.byProject).toEqual([]);
    expect(r.byTaskType.map((t) => t.type)).toEqual([
      'bug',
      'feature',
      'refactor',
      'research',
      'chore',
      'admin',
      'none',
    ]);
    expect(r.switches).toEqual({
      total: 0,
      perFocusHour: null,
      byReason: ['meeting', 'message', 'colleague', 'urgent', 'own_idea', 'break', 'other'].map((reason) => ({
        reason,
        count: 0,
      })),
    });
    expect(r.outcomes).toEqual({ done: 0, progressed: 0, blocked: 0, nothing: 0, none: 0 });
    expect(r.streaks).toEqual({ current: NO_STREAK, longestInRange: 0 });
  });

  it('counts planned slots up to today only, and rates completion against them', () => {
    const sessions = [
      ...day('2026-04-06', { 1: {}, 2: { minutes: 60 }, 4: { minutes: 30 } }),
      ...day('2026-04-07', {}).map((s) => (s.slot === 3 ? { ...s, state: 'skipped' as const } : s)),
      ...day('2026-04-08', { 1: { minutes: 50 } }),
      // Planned ahead: not yet due.
      ...day('2026-04-10', {}),
    ];
    const r = report(WEEK, sessions, { today: '2026-04-08' });
    expect(r.sessions).toEqual({
      planned: 12,
      completed: 4,
      skipped: 1,
      personalCompleted: 3,
      adminCompleted: 1,
      completionRate: 4 / 12,
    });
    expect(r.focus).toMatchObject({
      focusMinutes: 185,
      personalMinutes: 155,
      adminMinutes: 30,
      focusedDays: 2,
    });
    expect(r.byDay.slice(0, 3)).toEqual([
      { date: '2026-04-06', completed: 3, focusMinutes: 135, personalMinutes: 105, adminMinutes: 30 },
      { date: '2026-04-07', completed: 0, focusMinutes: 0, personalMinutes: 0, adminMinutes: 0 },
      { date: '2026-04-08', completed: 1, focusMinutes: 50, personalMinutes: 50, adminMinutes: 0 },
    ]);
    expect(r.streaks.longestInRange).toBe(1);
  });

  it('ignores sessions and switches outside the range', () => {
    const r = report(WEEK, [...day('2026-04-05', { 1: {} }), ...day('2026-04-13', { 1: {} })], {
      switches: [{ localDate: '2026-04-05', reason: 'meeting' }],
    });
    expect(r.sessions.planned).toBe(0);
    expect(r.focus.focusMinutes).toBe(0);
    expect(r.switches.total).toBe(0);
  });

  it('sums overtime, outcomes and the longest run of focused days', () => {
    const r = report(monthRange('2026-04-01'), [
      ...day('2026-04-01', { 1: { minutes: 60, overtimeSeconds: 900, outcome: 'done' } }),
      ...day('2026-04-02', { 2: { outcome: 'progressed' }, 4: { outcome: 'progressed' } }),
      ...day('2026-04-03', { 3: { outcome: 'blocked' } }),
      ...day('2026-04-05', { 4: {} }), // admin only: not a focused day
      ...day('2026-04-06', { 1: { outcome: 'nothing' } }),
      ...day('2026-04-07', { 1: {} }),
    ]);
    expect(r.focus.overtimeMinutes).toBe(15);
    expect(r.outcomes).toEqual({ done: 1, progressed: 2, blocked: 1, nothing: 1, none: 2 });
    expect(r.streaks.longestInRange).toBe(3);
    expect(r.focus.focusedDays).toBe(5);
  });

  it('groups focus by the main task’s project and type, with “none” for sessions without one', () => {
    const web = { type: 'bug' as const, projectId: 'p-web', projectName: 'Web' };
    const api = { type: 'feature' as const, projectId: 'p-api', projectName: 'API' };
    const r = report(WEEK, [
      ...day('2026-04-06', { 1: { mainTask: web }, 2: { mainTask: api, minutes: 90 }, 3: {} }),
      ...day('2026-04-07', {
        1: { mainTask: { ...web, type: 'research' } },
        2: { mainTask: { type: 'chore', projectId: null, projectName: null }, minutes: 20 },
      }),
    ]);
    expect(r.byProject).toEqual([
      { projectId: 'p-web', name: 'Web', focusMinutes: 90, sessions: 2 },
      { projectId: 'p-api', name: 'API', focusMinutes: 90, sessions: 1 },
      { projectId: null, name: null, focusMinutes: 65, sessions: 2 },
    ]);
    expect(r.byTaskType.filter((t) => t.sessions > 0)).toEqual([
      { type: 'bug', focusMinutes: 45, sessions: 1 },
      { type: 'feature', focusMinutes: 90, sessions: 1 },
      { type: 'research', focusMinutes: 45, sessions: 1 },
      { type: 'chore', focusMinutes: 20, sessions: 1 },
      { type: 'none', focusMinutes: 45, sessions: 1 },
    ]);
  });

  it('counts interruptions by reason and per hour of focus', () => {
    const r = report(WEEK, day('2026-04-06', { 1: { minutes: 60 }, 2: { minutes: 60 } }), {
      switches: [
        { localDate: '2026-04-06', reason: 'meeting' },
        { localDate: '2026-04-06', reason: 'meeting' },
        { localDate: '2026-04-07', reason: 'own_idea' },
      ],
    });
    expect(r.switches.total).toBe(3);
    expect(r.switches.perFocusHour).toBe(1.5);
    expect(r.switches.byReason.find((b) => b.reason === 'meeting')?.count).toBe(2);
    expect(r.switches.byReason.find((b) => b.reason === 'own_idea')?.count).toBe(1);
    expect(r.switches.byReason.find((b) => b.reason === 'break')?.count).toBe(0);
  });

  it('counts a session on its local day even when it ran past midnight UTC', () => {
    const la = report(
      weekRange('2026-04-06', 'monday'),
      day('2026-04-06', { 1: { at: '2026-04-07T03:00:00Z' } }), // 20:00 in Los Angeles
      { timeZone: 'America/Los_Angeles' },
    );
    expect(la.byDay[0]).toMatchObject({ date: '2026-04-06', focusMinutes: 45, completed: 1 });
    expect(la.byHour[20]).toEqual({ hour: 20, focusMinutes: 45, completed: 1 });

    const berlin = report(
      weekRange('2026-04-07', 'monday'),
      day('2026-04-07', { 1: { at: '2026-04-06T22:30:00Z' } }),
    );
    expect(berlin.byDay[1]).toMatchObject({ date: '2026-04-07', focusMinutes: 45 });
    expect(berlin.byHour.slice(0, 2)).toEqual([
      { hour: 0, focusMinutes: 30, completed: 1 },
      { hour: 1, focusMinutes: 15, completed: 0 },
    ]);
  });
});

describe('focusByHour', () => {
  it.each<{
    name: string;
    zone: string;
    at: string;
    minutes: number;
    hours: Record<number, number>;
    startHour: number;
  }>([
    {
      name: 'an hour boundary splits a session',
      zone: 'Europe/Berlin',
      at: '2026-04-06T07:40:00Z', // 09:40 CEST
      minutes: 45,
      hours: { 9: 20, 10: 25 },
      startHour: 9,
    },
    {
      name: 'spring forward: 02:00..02:59 never happens (last Sunday of March)',
      zone: 'Europe/Berlin',
      at: '2026-03-29T00:30:00Z', // 01:30 CET; at 02:00 the clocks jump to 03:00
      minutes: 60,
      hours: { 1: 30, 3: 30 },
      startHour: 1,
    },
    {
      name: 'fall back: the repeated hour collects both runs (last Sunday of October)',
      zone: 'Europe/Berlin',
      at: '2026-10-25T00:30:00Z', // 02:30 CEST; at 03:00 the clocks go back to 02:00
      minutes: 60,
      hours: { 2: 60 },
      startHour: 2,
    },
    {
      name: 'fall back, reaching past the repeated hour',
      zone: 'Europe/Berlin',
      at: '2026-10-25T00:45:00Z', // 02:45 CEST
      minutes: 90,
      hours: { 2: 75, 3: 15 },
      startHour: 2,
    },
    {
      name: 'a zone half an hour off UTC',
      zone: 'Asia/Kolkata',
      at: '2026-04-06T03:45:00Z', // 09:15 IST
      minutes: 60,
      hours: { 9: 45, 10: 15 },
      startHour: 9,
    },
    {
      name: 'across local midnight',
      zone: 'Europe/Berlin',
      at: '2026-04-06T21:30:00Z', // 23:30 CEST
      minutes: 45,
      hours: { 23: 30, 0: 15 },
      startHour: 23,
    },
  ])('$name', ({ zone, at, minutes, hours, startHour }) => {
    const byHour = focusByHour([session('2026-04-06', 1, 'completed', { at, minutes })], zone);
    const expected = Array.from({ length: 24 }, (_, hour) => ({
      hour,
      focusMinutes: hours[hour] ?? 0,
      completed: hour === startHour ? 1 : 0,
    }));
    expect(byHour).toEqual(expected);
  });

  it('places a session logged with its real times in the hours it happened', () => {
    const logged = session('2026-04-06', 1, 'completed', {
      minutes: 45,
      at: '2026-04-06T12:00:00Z', // 14:00 in Berlin
      loggedAfterwards: true,
    });
    const byHour = focusByHour([logged], 'Europe/Berlin');
    expect(byHour[14]).toEqual({ hour: 14, focusMinutes: 45, completed: 1 });
    expect(byHour.filter((h) => h.hour !== 14).every((h) => h.focusMinutes === 0)).toBe(true);
    expect(report(WEEK, [logged]).focus.unplacedMinutes).toBe(0);
  });

  it('leaves out sessions logged with minutes only, and reports their focus as unplaced', () => {
    const logged = session('2026-04-06', 1, 'completed', { minutes: 30, loggedAfterwards: true });
    expect(focusByHour([logged], 'Europe/Berlin').every((h) => h.focusMinutes === 0)).toBe(true);
    expect(report(WEEK, [logged]).focus.unplacedMinutes).toBe(30);
  });
});

describe('report periods', () => {
  it.each([
    { date: '2026-04-08', weekStart: 'monday' as const, from: '2026-04-06', to: '2026-04-12' },
    { date: '2026-04-08', weekStart: 'sunday' as const, from: '2026-04-05', to: '2026-04-11' },
    { date: '2026-04-08', weekStart: 'saturday' as const, from: '2026-04-04', to: '2026-04-10' },
    { date: '2026-04-04', weekStart: 'saturday' as const, from: '2026-04-04', to: '2026-04-10' },
  ])('the $weekStart week holding $date is $from..$to', ({ date, weekStart, from, to }) => {
    expect(weekRange(date, weekStart)).toEqual({ from, to, days: 7 });
  });

  it.each([
    { date: '2024-02-10', from: '2024-02-01', to: '2024-02-29', days: 29 },
    { date: '2026-12-31', from: '2026-12-01', to: '2026-12-31', days: 31 },
  ])('the month holding $date is $from..$to', ({ date, from, to, days }) => {
    expect(monthRange(date)).toEqual({ from, to, days });
  });

  it.each([
    { from: '2026-04-06', to: '2026-04-06', days: 1 },
    { from: '2023-04-07', to: '2026-04-06', days: 1096 },
  ])('accepts $from..$to', ({ from, to, days }) => {
    expect(parseReportRange(from, to)).toEqual({ from, to, days });
  });

  it.each([
    { from: undefined, to: '2026-04-06', message: /first day/ },
    { from: '2026-02-30', to: '2026-04-06', message: /first day/ },
    { from: '2026-04-06', to: 'tomorrow', message: /last day/ },
    { from: '2026-04-07', to: '2026-04-06', message: /must not be after/ },
    { from: '2023-04-06', to: '2026-04-06', message: /at most 3 years/ },
  ])('refuses $from..$to', ({ from, to, message }) => {
    expect(() => parseReportRange(from, to)).toThrow(message);
  });
});
