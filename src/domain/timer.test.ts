import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  applyTimerAction,
  canApplyTimerAction,
  countFocus,
  createPlannedTimer,
  elapsedMs,
  isForgotten,
  isSessionOpen,
  isTimeUp,
  MAX_OVERTIME_SECONDS,
  maxCountableMinutes,
  overtimeSeconds,
  remainingSeconds,
  type SessionState,
  type TimerAction,
  type TimerActionInput,
  type TimerActionParams,
  type TimerActionType,
  type TimerState,
  timerActionOf,
  timeUpAt,
} from './timer.ts';

const T0 = Date.parse('2026-04-06T09:00:00Z');
/** The instant `minutes` (fractions allowed) after 09:00 UTC on 2026-04-06. */
const at = (minutes: number) => new Date(T0 + Math.round(minutes * 60_000));

type Step = [TimerActionInput, number];

/** Applies each action at its minute, starting from a planned 45-minute session. */
function run(steps: readonly Step[], plannedMinutes = 45): TimerState {
  return steps.reduce<TimerState>(
    (timer, [action, minute]) => applyTimerAction(timer, action, at(minute)),
    createPlannedTimer(plannedMinutes),
  );
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('createPlannedTimer', () => {
  it('holds no time', () => {
    expect(createPlannedTimer(45)).toEqual({
      state: 'planned',
      plannedMinutes: 45,
      extensionSeconds: 0,
      accumulatedMs: 0,
      activeSince: null,
      startedAt: null,
      endedAt: null,
      focusSeconds: null,
      overtimeSeconds: null,
      isFlagged: false,
      loggedAfterwards: false,
      skipReason: null,
      pauseCount: 0,
      firstPauseFocusSeconds: null,
    });
  });

  it.each([4, 241, 45.5, Number.NaN])('refuses %d minutes', (minutes) => {
    const error = errorOf(() => createPlannedTimer(minutes));
    expect(error.code).toBe('validation');
    expect(error.fields).toHaveProperty('plannedMinutes');
  });
});

describe('the clock of a session', () => {
  it.each<{
    name: string;
    steps: Step[];
    now: number;
    elapsed: number;
    remaining: number;
    overtime: number;
    up: boolean;
  }>([
    {
      name: 'planned: nothing elapsed',
      steps: [],
      now: 10,
      elapsed: 0,
      remaining: 2700,
      overtime: 0,
      up: false,
    },
    {
      name: 'running 10 minutes',
      steps: [['start', 0]],
      now: 10,
      elapsed: 600,
      remaining: 2100,
      overtime: 0,
      up: false,
    },
    {
      name: 'half a second in, rounds up',
      steps: [['start', 0]],
      now: 0.5 / 60,
      elapsed: 0.5,
      remaining: 2700,
      overtime: 0,
      up: false,
    },
    {
      name: 'one second before time is up',
      steps: [['start', 0]],
      now: 44 + 59 / 60,
      elapsed: 2699,
      remaining: 1,
      overtime: 0,
      up: false,
    },
    {
      name: 'exactly time up',
      steps: [['start', 0]],
      now: 45,
      elapsed: 2700,
      remaining: 0,
      overtime: 0,
      up: true,
    },
    {
      name: 'overtime: remaining stays 0',
      steps: [['start', 0]],
      now: 48 + 12 / 60,
      elapsed: 2892,
      remaining: 0,
      overtime: 192,
      up: true,
    },
    {
      name: 'paused at 10, frozen at 30',
      steps: [
        ['start', 0],
        ['pause', 10],
      ],
      now: 30,
      elapsed: 600,
      remaining: 2100,
      overtime: 0,
      up: false,
    },
    {
      name: 'paused at 10, frozen next day',
      steps: [
        ['start', 0],
        ['pause', 10],
      ],
      now: 1440,
      elapsed: 600,
      remaining: 2100,
      overtime: 0,
      up: false,
    },
    {
      name: 'resumed at 30 after a 20-minute pause',
      steps: [
        ['start', 0],
        ['pause', 10],
        ['resume', 30],
      ],
      now: 40,
      elapsed: 1200,
      remaining: 1500,
      overtime: 0,
      up: false,
    },
    {
      name: 'paused in overtime is still time up',
      steps: [
        ['start', 0],
        ['pause', 50],
      ],
      now: 90,
      elapsed: 3000,
      remaining: 0,
      overtime: 300,
      up: true,
    },
    {
      name: 'clock went back before the start',
      steps: [['start', 10]],
      now: 5,
      elapsed: 0,
      remaining: 2700,
      overtime: 0,
      up: false,
    },
    {
      name: 'completed: frozen at completion',
      steps: [
        ['start', 0],
        ['complete', 20],
      ],
      now: 90,
      elapsed: 1200,
      remaining: 1500,
      overtime: 0,
      up: false,
    },
  ])('$name', ({ steps, now, elapsed, remaining, overtime, up }) => {
    const timer = run(steps);
    expect(elapsedMs(timer, at(now))).toBe(elapsed * 1000);
    expect(remainingSeconds(timer, at(now))).toBe(remaining);
    expect(overtimeSeconds(timer, at(now))).toBe(overtime);
    expect(isTimeUp(timer, at(now))).toBe(up);
  });

  it.each<{ name: string; steps: Step[]; expected: Date | null }>([
    { name: 'running from the start', steps: [['start', 0]], expected: at(45) },
    {
      name: 'resumed after a pause',
      steps: [
        ['start', 0],
        ['pause', 10],
        ['resume', 30],
      ],
      expected: at(65),
    },
    {
      name: 'paused',
      steps: [
        ['start', 0],
        ['pause', 10],
      ],
      expected: null,
    },
    { name: 'planned', steps: [], expected: null },
    {
      name: 'resumed after time was already up',
      steps: [
        ['start', 0],
        ['pause', 50],
        ['resume', 60],
      ],
      expected: null,
    },
    {
      name: 'extended by keep going',
      steps: [
        ['start', 0],
        [{ type: 'keepGoing', minutes: 10 }, 45],
      ],
      expected: at(55),
    },
  ])('time is up at the expected instant when $name', ({ steps, expected }) => {
    expect(timeUpAt(run(steps))).toEqual(expected);
  });
});

describe('completing a session', () => {
  it.each<{ name: string; steps: Step[]; focus: number; overtime: number; flagged: boolean }>([
    {
      name: 'early',
      steps: [
        ['start', 0],
        ['complete', 20],
      ],
      focus: 1200,
      overtime: 0,
      flagged: false,
    },
    {
      name: 'on time',
      steps: [
        ['start', 0],
        ['complete', 45],
      ],
      focus: 2700,
      overtime: 0,
      flagged: false,
    },
    {
      name: 'with a pause in between',
      steps: [
        ['start', 0],
        ['pause', 10],
        ['resume', 30],
        ['complete', 65],
      ],
      focus: 2700,
      overtime: 0,
      flagged: false,
    },
    {
      name: 'while paused',
      steps: [
        ['start', 0],
        ['pause', 30],
        ['complete', 500],
      ],
      focus: 1800,
      overtime: 0,
      flagged: false,
    },
    {
      name: '10 minutes over',
      steps: [
        ['start', 0],
        ['complete', 55],
      ],
      focus: 3300,
      overtime: 600,
      flagged: false,
    },
    {
      name: 'at the overtime limit',
      steps: [
        ['start', 0],
        ['complete', 105],
      ],
      focus: 6300,
      overtime: 3600,
      flagged: false,
    },
    {
      name: 'one second past the limit',
      steps: [
        ['start', 0],
        ['complete', 105 + 1 / 60],
      ],
      focus: 2700,
      overtime: 0,
      flagged: true,
    },
    {
      name: 'forgotten for hours',
      steps: [
        ['start', 0],
        ['complete', 9 * 60],
      ],
      focus: 2700,
      overtime: 0,
      flagged: true,
    },
    {
      name: 'after keep going, forgotten',
      steps: [
        ['start', 0],
        [{ type: 'keepGoing', minutes: 15 }, 45],
        ['complete', 600],
      ],
      focus: 3600,
      overtime: 0,
      flagged: true,
    },
    {
      name: 'with the clock gone back',
      steps: [
        ['start', 10],
        ['complete', 5],
      ],
      focus: 0,
      overtime: 0,
      flagged: false,
    },
  ])('$name counts the focus', ({ steps, focus, overtime, flagged }) => {
    const timer = run(steps);
    expect(timer.state).toBe('completed');
    expect(timer).toMatchObject({ focusSeconds: focus, overtimeSeconds: overtime, isFlagged: flagged });
    expect(timer.activeSince).toBeNull();
    expect(timer.endedAt).toEqual(at(steps.at(-1)?.[1] ?? 0));
  });

  it('keeps the raw elapsed time of a forgotten session for the record', () => {
    const timer = run([
      ['start', 0],
      ['complete', 9 * 60],
    ]);
    expect(timer.accumulatedMs).toBe(9 * 3_600_000);
    expect(timer.startedAt).toEqual(at(0));
  });

  it('previews what completing would record', () => {
    const running = run([['start', 0]]);
    expect(countFocus(running, at(50))).toEqual({
      focusSeconds: 3000,
      overtimeSeconds: 300,
      isFlagged: false,
    });
    expect(isForgotten(running, at(105))).toBe(false);
    expect(isForgotten(running, at(106))).toBe(true);
    expect(MAX_OVERTIME_SECONDS).toBe(3600);
  });
});

describe('undo, reset, skip and replan', () => {
  it('undo returns the elapsed time, paused, so the person can continue', () => {
    const undone = run([
      ['start', 0],
      ['complete', 20],
      ['undo', 25],
    ]);
    expect(undone).toMatchObject({
      state: 'paused',
      accumulatedMs: 1_200_000,
      activeSince: null,
      endedAt: null,
    });
    expect(undone).toMatchObject({ focusSeconds: null, overtimeSeconds: null, isFlagged: false });
    expect(remainingSeconds(undone, at(40))).toBe(1500);
    const finished = applyTimerAction(applyTimerAction(undone, 'resume', at(40)), 'complete', at(65));
    expect(finished).toMatchObject({ state: 'completed', focusSeconds: 2700, overtimeSeconds: 0 });
    expect(finished.startedAt).toEqual(at(0));
  });

  it('undo clears the flag of a forgotten session', () => {
    const undone = run([
      ['start', 0],
      ['complete', 600],
      ['undo', 601],
    ]);
    expect(undone).toMatchObject({ state: 'paused', isFlagged: false, accumulatedMs: 600 * 60_000 });
  });

  it('undo of a logged session goes back to planned', () => {
    const undone = run([
      [{ type: 'log', minutes: 30 }, 0],
      ['undo', 1],
    ]);
    expect(undone).toEqual(createPlannedTimer(45));
  });

  it.each<{ name: string; steps: Step[] }>([
    {
      name: 'while running',
      steps: [
        ['start', 0],
        ['reset', 10],
      ],
    },
    {
      name: 'while paused',
      steps: [
        ['start', 0],
        ['pause', 10],
        ['reset', 11],
      ],
    },
    {
      name: 'in overtime',
      steps: [
        ['start', 0],
        ['reset', 80],
      ],
    },
  ])('reset $name clears all time', ({ steps }) => {
    expect(run(steps)).toEqual(createPlannedTimer(45));
    const restarted = applyTimerAction(run(steps), 'start', at(200));
    expect(restarted.startedAt).toEqual(at(200));
    expect(elapsedMs(restarted, at(210))).toBe(600_000);
  });

  it.each<{ reason: string | null | undefined; expected: string | null }>([
    { reason: undefined, expected: null },
    { reason: null, expected: null },
    { reason: '   ', expected: null },
    { reason: '  meeting ran over ', expected: 'meeting ran over' },
  ])('skip records the reason $reason as $expected', ({ reason, expected }) => {
    const skipped = applyTimerAction(createPlannedTimer(45), { type: 'skip', reason }, at(0));
    expect(skipped).toMatchObject({ state: 'skipped', skipReason: expected, endedAt: at(0) });
  });

  it.each(['one\ntwo', 'x'.repeat(256)])('skip refuses the reason %j', (reason) => {
    const error = errorOf(() => applyTimerAction(createPlannedTimer(45), { type: 'skip', reason }, at(0)));
    expect(error.code).toBe('validation');
    expect(error.fields).toHaveProperty('reason');
  });

  it('skip while paused keeps the partial time on record; replan clears it', () => {
    const skipped = run([
      ['start', 0],
      ['pause', 12],
      [{ type: 'skip', reason: 'urgent' }, 13],
    ]);
    expect(skipped).toMatchObject({ state: 'skipped', accumulatedMs: 720_000, skipReason: 'urgent' });
    expect(applyTimerAction(skipped, 'replan', at(14))).toEqual(createPlannedTimer(45));
  });
});

describe('pause facts', () => {
  it.each<{ name: string; steps: Step[]; pauseCount: number; firstPauseFocusSeconds: number | null }>([
    {
      name: 'never paused',
      steps: [
        ['start', 0],
        ['complete', 45],
      ],
      pauseCount: 0,
      firstPauseFocusSeconds: null,
    },
    {
      name: 'paused once after 5 minutes',
      steps: [
        ['start', 0],
        ['pause', 5],
        ['resume', 7],
        ['complete', 47],
      ],
      pauseCount: 1,
      firstPauseFocusSeconds: 300,
    },
    {
      name: 'paused twice: the first pause counts focus only, not the break',
      steps: [
        ['start', 0],
        ['pause', 10.5],
        ['resume', 20],
        ['pause', 30],
        ['resume', 31],
        ['complete', 40],
      ],
      pauseCount: 2,
      firstPauseFocusSeconds: 630,
    },
    {
      name: 'undo keeps what the run went through',
      steps: [
        ['start', 0],
        ['pause', 3],
        ['complete', 4],
        ['undo', 5],
      ],
      pauseCount: 1,
      firstPauseFocusSeconds: 180,
    },
    {
      name: 'a pause after undo counts on',
      steps: [
        ['start', 0],
        ['pause', 3],
        ['complete', 4],
        ['undo', 5],
        ['resume', 6],
        ['pause', 8],
      ],
      pauseCount: 2,
      firstPauseFocusSeconds: 180,
    },
    {
      name: 'reset forgets them',
      steps: [
        ['start', 0],
        ['pause', 3],
        ['reset', 4],
      ],
      pauseCount: 0,
      firstPauseFocusSeconds: null,
    },
    {
      name: 'a new start after skip and replan forgets them',
      steps: [
        ['start', 0],
        ['pause', 3],
        [{ type: 'skip' }, 4],
        ['replan', 5],
        ['start', 6],
      ],
      pauseCount: 0,
      firstPauseFocusSeconds: null,
    },
    {
      name: 'logging afterwards records no pauses',
      steps: [
        ['start', 0],
        ['pause', 3],
        [{ type: 'skip' }, 4],
        [{ type: 'log', minutes: 30 }, 60],
      ],
      pauseCount: 0,
      firstPauseFocusSeconds: null,
    },
  ])('$name', ({ steps, pauseCount, firstPauseFocusSeconds }) => {
    expect(run(steps)).toMatchObject({ pauseCount, firstPauseFocusSeconds });
  });
});

describe('keep going', () => {
  it('gives N more minutes counted from now, not from the original target', () => {
    const extended = run([
      ['start', 0],
      [{ type: 'keepGoing', minutes: 10 }, 48],
    ]);
    expect(extended.extensionSeconds).toBe(13 * 60);
    expect(remainingSeconds(extended, at(48))).toBe(600);
    expect(isTimeUp(extended, at(57))).toBe(false);
    expect(isTimeUp(extended, at(58))).toBe(true);
    expect(applyTimerAction(extended, 'complete', at(58))).toMatchObject({
      focusSeconds: 3480,
      overtimeSeconds: 0,
    });
  });

  it('can be repeated once time is up again', () => {
    const twice = run([
      ['start', 0],
      [{ type: 'keepGoing', minutes: 10 }, 45],
      [{ type: 'keepGoing', minutes: 5 }, 56],
    ]);
    expect(twice.extensionSeconds).toBe(16 * 60);
    expect(twice.plannedMinutes).toBe(45);
  });

  it('is refused before time is up', () => {
    const error = errorOf(() =>
      run([
        ['start', 0],
        [{ type: 'keepGoing', minutes: 10 }, 30],
      ]),
    );
    expect(error.code).toBe('session.invalid_transition');
    expect(error.details).toEqual({ from: 'active', action: 'keepGoing', reason: 'time_not_up' });
  });

  it.each([0, 61, 2.5, -5])('refuses %d minutes', (minutes) => {
    const error = errorOf(() =>
      run([
        ['start', 0],
        [{ type: 'keepGoing', minutes }, 50],
      ]),
    );
    expect(error.code).toBe('validation');
    expect(error.fields).toHaveProperty('minutes');
  });

  it('refuses to stretch a session beyond 240 minutes', () => {
    const error = errorOf(() =>
      run(
        [
          ['start', 0],
          [{ type: 'keepGoing', minutes: 10 }, 235],
        ],
        235,
      ),
    );
    expect(error.code).toBe('validation');
    expect(
      run(
        [
          ['start', 0],
          [{ type: 'keepGoing', minutes: 5 }, 235],
        ],
        235,
      ).extensionSeconds,
    ).toBe(300);
  });
});

describe('logging a session afterwards', () => {
  it.each<{ minutes: number; focus: number; overtime: number }>([
    { minutes: 1, focus: 60, overtime: 0 },
    { minutes: 30, focus: 1800, overtime: 0 },
    { minutes: 45, focus: 2700, overtime: 0 },
    { minutes: 60, focus: 3600, overtime: 900 },
    { minutes: 105, focus: 6300, overtime: 3600 },
  ])('records $minutes minutes', ({ minutes, focus, overtime }) => {
    const logged = run([[{ type: 'log', minutes }, 0]]);
    expect(logged).toMatchObject({ state: 'completed', loggedAfterwards: true, isFlagged: false });
    expect(logged).toMatchObject({
      focusSeconds: focus,
      overtimeSeconds: overtime,
      startedAt: null,
      endedAt: at(0),
    });
  });

  it('works from skipped and forgets the skip reason', () => {
    const logged = run([
      [{ type: 'skip', reason: 'ill' }, 0],
      [{ type: 'log', minutes: 20 }, 5],
    ]);
    expect(logged).toMatchObject({ state: 'completed', skipReason: null, focusSeconds: 1200 });
  });

  it.each([0, 106, 12.5, -1])('refuses %d minutes for a 45-minute plan', (minutes) => {
    const error = errorOf(() => run([[{ type: 'log', minutes }, 0]]));
    expect(error.code).toBe('validation');
    expect(error.fields?.minutes).toBe('Enter whole minutes from 1 to 105.');
  });

  describe('with its real start and end', () => {
    const log = (from: number, to: number, minutes?: number) =>
      run([[{ type: 'log', minutes, startedAt: at(from), endedAt: at(to) }, 600]]);

    it('keeps the times and counts the time between them', () => {
      expect(log(0, 45)).toMatchObject({
        state: 'completed',
        loggedAfterwards: true,
        startedAt: at(0),
        endedAt: at(45),
        focusSeconds: 2700,
        overtimeSeconds: 0,
      });
    });

    it('counts fewer minutes when given, and whole minutes of a span with seconds', () => {
      expect(log(0, 60, 40)).toMatchObject({ focusSeconds: 2400, startedAt: at(0), endedAt: at(60) });
      expect(log(0, 30.5)).toMatchObject({ focusSeconds: 1800 });
    });

    it('refuses more minutes than the time between start and end', () => {
      const error = errorOf(() => log(0, 30, 45));
      expect(error.code).toBe('validation');
      expect(error.fields?.minutes).toBe('Focus cannot be longer than the 30 minutes from start to end.');
    });

    it('refuses a span longer than the session may count unless fewer minutes are given', () => {
      const error = errorOf(() => log(0, 120));
      expect(error.fields?.minutes).toMatch(
        /^From start to end is 120 minutes; this session counts at most 105/,
      );
      expect(log(0, 120, 90)).toMatchObject({ focusSeconds: 5400 });
    });

    it('refuses less than a minute between them', () => {
      expect(errorOf(() => log(0, 0.5)).fields).toHaveProperty('endedAt');
    });

    it('gives the start back when undone: a logged session returns to planned', () => {
      const undone = applyTimerAction(log(0, 45), 'undo', at(700));
      expect(undone).toMatchObject({ state: 'planned', startedAt: null, endedAt: null, focusSeconds: null });
    });
  });

  it('lets the minutes of a completed session be corrected, clearing the flag', () => {
    const forgotten = run([
      ['start', 0],
      ['complete', 600],
    ]);
    expect(maxCountableMinutes(forgotten)).toBe(105);
    const corrected = applyTimerAction(forgotten, { type: 'editMinutes', minutes: 50 }, at(601));
    expect(corrected).toMatchObject({ focusSeconds: 3000, overtimeSeconds: 300, isFlagged: false });
    expect(
      errorOf(() => applyTimerAction(forgotten, { type: 'editMinutes', minutes: 106 }, at(601))).code,
    ).toBe('validation');
  });
});

describe('transitions', () => {
  const SAMPLES: Record<SessionState, TimerState> = {
    planned: run([]),
    active: run([['start', 0]]),
    paused: run([
      ['start', 0],
      ['pause', 10],
    ]),
    completed: run([
      ['start', 0],
      ['complete', 20],
    ]),
    skipped: run([['skip', 0]]),
  };
  const ACTIONS: Record<TimerActionType, TimerActionInput> = {
    start: 'start',
    pause: 'pause',
    resume: 'resume',
    complete: 'complete',
    skip: 'skip',
    replan: 'replan',
    reset: 'reset',
    undo: 'undo',
    keepGoing: { type: 'keepGoing', minutes: 10 },
    log: { type: 'log', minutes: 30 },
    editMinutes: { type: 'editMinutes', minutes: 30 },
  };
  // Written out by hand so the table in timer.ts is checked, not restated. Time is up at minute 45.
  const ALLOWED: Record<SessionState, TimerActionType[]> = {
    planned: ['start', 'skip', 'log'],
    active: ['pause', 'complete', 'reset', 'keepGoing'],
    paused: ['resume', 'complete', 'skip', 'reset'],
    completed: ['undo', 'editMinutes'],
    skipped: ['replan', 'log'],
  };
  const NEXT_STATE: Record<TimerActionType, SessionState | 'same'> = {
    start: 'active',
    pause: 'paused',
    resume: 'active',
    complete: 'completed',
    skip: 'skipped',
    replan: 'planned',
    reset: 'planned',
    undo: 'paused',
    keepGoing: 'same',
    log: 'completed',
    editMinutes: 'same',
  };
  const cases = (Object.keys(SAMPLES) as SessionState[]).flatMap((from) =>
    (Object.keys(ACTIONS) as TimerActionType[]).map((action) => ({
      from,
      action,
      allowed: ALLOWED[from].includes(action),
    })),
  );

  it.each(cases)('$action from $from: allowed = $allowed', ({ from, action, allowed }) => {
    const now = at(60);
    expect(canApplyTimerAction(SAMPLES[from], action, now)).toBe(allowed);
    if (allowed) {
      const next = applyTimerAction(SAMPLES[from], ACTIONS[action], now);
      expect(next.state).toBe(NEXT_STATE[action] === 'same' ? from : NEXT_STATE[action]);
      return;
    }
    const error = errorOf(() => applyTimerAction(SAMPLES[from], ACTIONS[action], now));
    expect(error.code).toBe('session.invalid_transition');
    expect(error.details).toMatchObject({ from, action });
  });

  it('never changes the timer it is given and keeps the other fields of a row', () => {
    const row = { ...run([['start', 0]]), id: 'session-1', goal: 'Draft the sync design note' };
    const snapshot = structuredClone(row);
    const paused = applyTimerAction(row, 'pause', at(10));
    expect(row).toEqual(snapshot);
    expect(paused).toMatchObject({ id: 'session-1', goal: 'Draft the sync design note', state: 'paused' });
  });

  it('explains a refused transition in plain words', () => {
    expect(
      errorOf(() =>
        run([
          ['start', 0],
          ['complete', 5],
          ['pause', 6],
        ]),
      ).message,
    ).toBe('This session is completed and cannot be paused.');
  });
});

describe('timerActionOf', () => {
  it.each<{ type: TimerActionType; params: TimerActionParams; expected: TimerAction }>([
    { type: 'log', params: { minutes: 30 }, expected: { type: 'log', minutes: 30 } },
    { type: 'log', params: {}, expected: { type: 'log', minutes: undefined } },
    { type: 'log', params: { minutes: 0, reason: 'x' }, expected: { type: 'log', minutes: 0 } },
    { type: 'keepGoing', params: { minutes: 10 }, expected: { type: 'keepGoing', minutes: 10 } },
    { type: 'keepGoing', params: {}, expected: { type: 'keepGoing', minutes: Number.NaN } },
    { type: 'editMinutes', params: { minutes: 0 }, expected: { type: 'editMinutes', minutes: 0 } },
    {
      type: 'editMinutes',
      params: { minutes: undefined },
      expected: { type: 'editMinutes', minutes: Number.NaN },
    },
    {
      type: 'skip',
      params: { reason: 'Meeting ran over' },
      expected: { type: 'skip', reason: 'Meeting ran over' },
    },
    { type: 'skip', params: {}, expected: { type: 'skip', reason: null } },
    { type: 'skip', params: { reason: null, minutes: 5 }, expected: { type: 'skip', reason: null } },
    { type: 'start', params: { minutes: 5, reason: 'x' }, expected: { type: 'start' } },
    { type: 'pause', params: {}, expected: { type: 'pause' } },
    { type: 'resume', params: {}, expected: { type: 'resume' } },
    { type: 'complete', params: { minutes: 5 }, expected: { type: 'complete' } },
    { type: 'replan', params: {}, expected: { type: 'replan' } },
    { type: 'reset', params: {}, expected: { type: 'reset' } },
    { type: 'undo', params: { reason: 'x' }, expected: { type: 'undo' } },
  ])('$type with $params is $expected', ({ type, params, expected }) => {
    expect(timerActionOf(type, params)).toStrictEqual(expected);
  });

  it('makes missing keepGoing minutes a validation error, not an extension', () => {
    const running = run([['start', 0]]);
    const timeUp = at(45);
    expect(() => applyTimerAction(running, timerActionOf('keepGoing', {}), timeUp)).toThrow(
      'Enter whole minutes from 1 to 60.',
    );
  });
});

describe('isSessionOpen', () => {
  it.each<[SessionState, boolean]>([
    ['planned', false],
    ['active', true],
    ['paused', true],
    ['completed', false],
    ['skipped', false],
  ])('%s: %s', (state, expected) => {
    expect(isSessionOpen(state)).toBe(expected);
  });
});
