import { describe, expect, it } from 'vitest';
import {
  type BoardTimer,
  boardEntryOf,
  boardTimeOf,
  changesTeamFocus,
  type MemberFocus,
} from './team-focus.ts';
import { applyTimerAction, createPlannedTimer, type TimerActionInput, type TimerState } from './timer.ts';

// 10:00 in Berlin (summer time, UTC+2) on Monday 6 April 2026.
const T0 = Date.parse('2026-04-06T08:00:00Z');
const at = (minutes: number) => new Date(T0 + Math.round(minutes * 60_000));
const BERLIN = 'Europe/Berlin';

/** A 45-minute session after each action at its minute. */
function timerAfter(steps: [TimerActionInput, number][], plannedMinutes = 45): TimerState {
  return steps.reduce<TimerState>(
    (timer, [action, minute]) => applyTimerAction(timer, action, at(minute)),
    createPlannedTimer(plannedMinutes),
  );
}

const TASK = { id: 'task-1', title: 'Fix the login bug' };
const sharing = (session: BoardTimer | null, teamTask: MemberFocus['teamTask'] = null): MemberFocus => ({
  sharesFocus: true,
  session,
  teamTask,
});

describe('boardEntryOf', () => {
  it('shows a running session as focus until its planned end, in the viewer’s time zone', () => {
    const session = timerAfter([['start', 0]]);
    const entry = boardEntryOf(sharing(session, TASK), at(10), BERLIN);
    expect(entry).toEqual({
      status: 'focus',
      until: at(45),
      reachableAt: at(45),
      isPastPlannedEnd: false,
      task: TASK,
      label: 'in focus until 10:45 on “Fix the login bug”',
      labelAfterUntil: 'in focus on “Fix the login bug”, past the planned end',
    });
    expect(boardEntryOf(sharing(session, TASK), at(10), 'America/New_York').label).toBe(
      'in focus until 04:45 on “Fix the login bug”',
    );
  });

  it('calls a session without a team task private, and never shows its goal or notes', () => {
    const session = { ...timerAfter([['start', 0]]), goal: 'Salary talk prep', notes: 'Ask for 10%' };
    const entry = boardEntryOf(sharing(session), at(1), BERLIN);
    expect(entry.label).toBe('in focus until 10:45 on a private session');
    expect(entry.task).toBeNull();
    expect(JSON.stringify(entry)).not.toMatch(/Salary|10%/);
  });

  it('counts the time already focused before a pause and any "Keep going" into the end', () => {
    // 10 minutes, a 5-minute pause, resumed at 10:15: 35 minutes left, so until 10:50.
    const resumed = timerAfter([
      ['start', 0],
      ['pause', 10],
      ['resume', 15],
    ]);
    expect(boardEntryOf(sharing(resumed), at(20), BERLIN).until).toEqual(at(50));
    // Time's up at 10:45; "Keep going 10 min" at 10:47 runs to 10:57.
    const extended = applyTimerAction(timerAfter([['start', 0]]), { type: 'keepGoing', minutes: 10 }, at(47));
    expect(boardEntryOf(sharing(extended), at(48), BERLIN)).toMatchObject({
      until: at(57),
      label: 'in focus until 10:57 on a private session',
    });
  });

  it('shows a session running past its planned end as still in focus, with no time to wait for', () => {
    const session = timerAfter([['start', 0]]);
    const entry = boardEntryOf(sharing(session, TASK), at(50), BERLIN);
    expect(entry).toEqual({
      status: 'focus',
      until: null,
      reachableAt: null,
      isPastPlannedEnd: true,
      task: TASK,
      label: 'in focus on “Fix the login bug”, past the planned end',
      labelAfterUntil: null,
    });
    // Exactly at the end it has passed, as the sheet's time's-up does.
    expect(boardEntryOf(sharing(session), at(45), BERLIN).isPastPlannedEnd).toBe(true);
    // Resumed after the target was reached in an earlier run: past its end too.
    const resumedLate = timerAfter([
      ['start', 0],
      ['pause', 50],
      ['resume', 60],
    ]);
    expect(boardEntryOf(sharing(resumedLate), at(61), BERLIN).isPastPlannedEnd).toBe(true);
  });

  it('shows a paused session as a break and nothing open as not working, both reachable now', () => {
    const paused = timerAfter([
      ['start', 0],
      ['pause', 10],
    ]);
    expect(boardEntryOf(sharing(paused, TASK), at(12), BERLIN)).toEqual({
      status: 'break',
      until: null,
      reachableAt: null,
      isPastPlannedEnd: false,
      task: null,
      label: 'on a break',
      labelAfterUntil: null,
    });
    expect(boardEntryOf(sharing(null), at(12), BERLIN)).toMatchObject({
      status: 'not_working',
      reachableAt: null,
      label: 'not working',
    });
    // A closed session passed in by mistake is no focus either.
    const done = timerAfter([
      ['start', 0],
      ['complete', 30],
    ]);
    expect(boardEntryOf(sharing(done), at(31), BERLIN).status).toBe('not_working');
  });

  it('tells nothing about someone who does not share, whatever they do', () => {
    const running = timerAfter([['start', 0]]);
    const entries = [null, running].map((session) =>
      boardEntryOf({ sharesFocus: false, session, teamTask: TASK }, at(5), BERLIN),
    );
    for (const entry of entries) {
      expect(entry).toEqual({
        status: null,
        until: null,
        reachableAt: null,
        isPastPlannedEnd: false,
        task: null,
        label: 'not sharing their focus',
        labelAfterUntil: null,
      });
    }
  });
});

describe('boardTimeOf', () => {
  it('writes the time as the sheet does, with the weekday when it falls on another day', () => {
    expect(boardTimeOf(at(45), at(0), BERLIN)).toBe('10:45');
    // 23:30 + 45 min in Berlin is 00:15 on Tuesday.
    const lateStart = new Date('2026-04-06T21:30:00Z');
    expect(boardTimeOf(new Date(lateStart.getTime() + 45 * 60_000), lateStart, BERLIN)).toBe('Tue 00:15');
    expect(boardTimeOf(new Date(lateStart.getTime() + 45 * 60_000), lateStart, 'UTC')).toBe('22:15');
  });
});

describe('changesTeamFocus', () => {
  const planned = createPlannedTimer(45);
  const active = timerAfter([['start', 0]]);
  const paused = timerAfter([
    ['start', 0],
    ['pause', 10],
  ]);
  const cases: [string, BoardTimer, BoardTimer, boolean][] = [
    ['start', planned, active, true],
    ['pause', active, paused, true],
    ['resume', paused, applyTimerAction(paused, 'resume', at(12)), true],
    ['complete', active, applyTimerAction(active, 'complete', at(30)), true],
    ['reset', paused, applyTimerAction(paused, 'reset', at(12)), true],
    ['keep going', active, applyTimerAction(active, { type: 'keepGoing', minutes: 5 }, at(46)), true],
    ['a goal edit of a running session', active, { ...active }, false],
    [
      'logging a planned session',
      planned,
      applyTimerAction(planned, { type: 'log', minutes: 30 }, at(5)),
      false,
    ],
    ['a new length of a planned session', planned, createPlannedTimer(25), false],
  ];
  it.each(cases)('%s: %s', (_name, before, after, expected) => {
    expect(changesTeamFocus(before, after)).toBe(expected);
  });
});
