import { AppError } from './errors.ts';
import { MAX_SESSION_MINUTES, parseField, SessionLength, SkipReason } from './fields.ts';

export const SESSION_STATES = ['planned', 'active', 'paused', 'completed', 'skipped'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/**
 * The states of an open session: its timer runs or waits to be resumed, so it shows in the NOW
 * panel on any day and counts for the one-timer rule. The stores' SQL (`state in ('active',
 * 'paused')`) and the partial index focus_sessions_open_idx say the same.
 */
export const OPEN_STATES = ['active', 'paused'] as const satisfies readonly SessionState[];
export type OpenState = (typeof OPEN_STATES)[number];

/** Whether a session in `state` is open (active or paused), see OPEN_STATES. */
export function isSessionOpen(state: SessionState): state is OpenState {
  return (OPEN_STATES as readonly SessionState[]).includes(state);
}

/**
 * How far past its target a session may run and still count in full. A whole hour is generous on
 * purpose: people in flow go long. Beyond it the person most likely forgot the timer, so the
 * session is flagged instead of being counted as hours of focus.
 */
export const MAX_OVERTIME_SECONDS = 60 * 60;
/** The longest single "Keep going" extension. */
export const MAX_KEEP_GOING_MINUTES = 60;

/**
 * The timer part of a focus session, stored as timestamps and sums, never as a ticking counter.
 * Invariants: `activeSince` is set exactly while active; planned sessions hold no time;
 * `focusSeconds`, `overtimeSeconds` are set exactly while completed, `overtimeSeconds` being the
 * part of `focusSeconds` beyond the target; `endedAt` is set while completed or skipped.
 */
export interface TimerState {
  state: SessionState;
  /** The plan, 5..240 minutes; fixed once started. */
  plannedMinutes: number;
  /** Added by "Keep going"; the target is plannedMinutes * 60 + extensionSeconds. */
  extensionSeconds: number;
  /** Sum of the closed active runs. */
  accumulatedMs: number;
  /** Start of the current run. */
  activeSince: Date | null;
  /** The first start; null for planned sessions and for sessions logged with minutes only. */
  startedAt: Date | null;
  /** When the session was completed or skipped; for a logged one, its given end or the moment of logging. */
  endedAt: Date | null;
  focusSeconds: number | null;
  overtimeSeconds: number | null;
  /** Ran far beyond its target (forgotten): focus counts the target only until the person corrects it. */
  isFlagged: boolean;
  /**
   * Completed through `log` rather than the timer. Logged with its real start and end, its
   * startedAt / endedAt say when the work happened; logged with minutes only, startedAt is null
   * and endedAt is the moment of logging.
   */
  loggedAfterwards: boolean;
  skipReason: string | null;
  /** How often this run of the session was paused (kept through undo, cleared by reset/replan/start). */
  pauseCount: number;
  /** Whole seconds of focus at the first pause: an early first pause marks a fragile session. */
  firstPauseFocusSeconds: number | null;
}

export type TimerAction =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'complete' }
  | { type: 'skip'; reason?: string | null }
  | { type: 'replan' }
  | { type: 'reset' }
  | { type: 'undo' }
  | { type: 'keepGoing'; minutes: number }
  | { type: 'log'; minutes?: number | undefined; startedAt?: Date; endedAt?: Date }
  | { type: 'editMinutes'; minutes: number };
export type TimerActionType = TimerAction['type'];
/** Actions without parameters may be given by name: applyTimerAction(timer, 'pause', now). */
export type TimerActionInput = TimerAction | Exclude<TimerActionType, 'keepGoing' | 'log' | 'editMinutes'>;

/** The states each action may be applied from. */
export const TRANSITIONS: Readonly<Record<TimerActionType, readonly SessionState[]>> = {
  start: ['planned'],
  pause: ['active'],
  resume: ['paused'],
  complete: ['active', 'paused'],
  skip: ['planned', 'paused'],
  replan: ['skipped'],
  reset: ['active', 'paused'],
  undo: ['completed'],
  keepGoing: ['active'],
  log: ['planned', 'skipped'],
  editMinutes: ['completed'],
};

/** Every timer action's name, in one place for the API's enums, the forms and the fuzzer. */
export const TIMER_ACTIONS = Object.keys(TRANSITIONS) as [TimerActionType, ...TimerActionType[]];

/** The parameters an action may carry, as each layer parses them from its own format. */
export interface TimerActionParams {
  minutes?: number | undefined;
  reason?: string | null | undefined;
}

/**
 * The action named `type` with the parameters it takes; the others are dropped. Missing minutes of
 * keepGoing and editMinutes become NaN, so applyTimerAction refuses them with 'validation'; a log
 * without minutes stays without (its start and end may give them); a skip without a reason has none.
 */
export function timerActionOf(type: TimerActionType, params: TimerActionParams): TimerAction {
  switch (type) {
    case 'log':
      return { type, minutes: params.minutes };
    case 'keepGoing':
    case 'editMinutes':
      return { type, minutes: params.minutes ?? Number.NaN };
    case 'skip':
      return { type, reason: params.reason ?? null };
    default:
      return { type };
  }
}

/** A fresh planned timer. Throws 'validation' unless plannedMinutes is a whole number in 5..240. */
export function createPlannedTimer(plannedMinutes: number): TimerState {
  return {
    state: 'planned',
    plannedMinutes: parseField(SessionLength, 'plannedMinutes', plannedMinutes),
    ...clearedTime(),
  };
}

function clearedTime(): Omit<TimerState, 'state' | 'plannedMinutes'> {
  return {
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
  };
}

/** The length the session aims for, in seconds: the plan plus any "Keep going". */
export function targetSeconds(timer: Pick<TimerState, 'plannedMinutes' | 'extensionSeconds'>): number {
  return timer.plannedMinutes * 60 + timer.extensionSeconds;
}

/** Time spent active up to `now`; a run that seems to start after `now` (clock skew) counts as 0. */
export function elapsedMs(timer: TimerState, now: Date): number {
  const run = timer.activeSince ? Math.max(0, now.getTime() - timer.activeSince.getTime()) : 0;
  return Math.max(0, timer.accumulatedMs) + run;
}

/** Seconds left until the target, rounded up so it reads 0 exactly when time is up; never negative. */
export function remainingSeconds(timer: TimerState, now: Date): number {
  return Math.max(0, Math.ceil((targetSeconds(timer) * 1000 - elapsedMs(timer, now)) / 1000));
}

/** Whole seconds spent beyond the target so far (what "Time's up · +3:12" shows). */
export function overtimeSeconds(timer: TimerState, now: Date): number {
  return Math.floor(Math.max(0, elapsedMs(timer, now) - targetSeconds(timer) * 1000) / 1000);
}

/** True while an open (active or paused) session has reached its target. */
export function isTimeUp(timer: TimerState, now: Date): boolean {
  return isSessionOpen(timer.state) && elapsedMs(timer, now) >= targetSeconds(timer) * 1000;
}

/**
 * When the running session reaches its target, for scheduling the time's-up notice; null unless
 * active, and null when the target was already reached before the current run began.
 */
export function timeUpAt(
  timer: Pick<TimerState, 'state' | 'activeSince' | 'accumulatedMs' | 'plannedMinutes' | 'extensionSeconds'>,
): Date | null {
  if (timer.state !== 'active' || !timer.activeSince) return null;
  const left = targetSeconds(timer) * 1000 - Math.max(0, timer.accumulatedMs);
  return left > 0 ? new Date(timer.activeSince.getTime() + left) : null;
}

/** True when an open session has run so far past its target that completing it would flag it. */
export function isForgotten(timer: TimerState, now: Date): boolean {
  return (
    isSessionOpen(timer.state) && elapsedMs(timer, now) > (targetSeconds(timer) + MAX_OVERTIME_SECONDS) * 1000
  );
}

/**
 * What completing at `now` records. Focus is the elapsed time in whole seconds, overtime the part
 * beyond the target. Past target + MAX_OVERTIME_SECONDS the session is flagged and counts only its
 * target, since hours of a forgotten timer are not hours of focus.
 */
export function countFocus(
  timer: TimerState,
  now: Date,
): Pick<TimerState, 'focusSeconds' | 'overtimeSeconds' | 'isFlagged'> {
  const elapsed = Math.floor(elapsedMs(timer, now) / 1000);
  const target = targetSeconds(timer);
  if (elapsed > target + MAX_OVERTIME_SECONDS) {
    return { focusSeconds: target, overtimeSeconds: 0, isFlagged: true };
  }
  return { focusSeconds: elapsed, overtimeSeconds: Math.max(0, elapsed - target), isFlagged: false };
}

/** The most minutes `log` or `editMinutes` may record: the target plus the overtime allowance. */
export function maxCountableMinutes(timer: TimerState): number {
  return Math.floor((targetSeconds(timer) + MAX_OVERTIME_SECONDS) / 60);
}

/** Whether `action` may be applied now, including the time's-up condition of keepGoing. */
export function canApplyTimerAction(timer: TimerState, action: TimerActionType, now: Date): boolean {
  if (!TRANSITIONS[action].includes(timer.state)) return false;
  return action !== 'keepGoing' || isTimeUp(timer, now);
}

/**
 * Applies `action` at `now` and returns the next state, leaving the input untouched and keeping
 * any other fields of `timer` (a whole session row may be passed). Throws
 * 'session.invalid_transition' (details { from, action }) when the state does not allow the
 * action, and 'validation' for bad minutes or reason.
 */
export function applyTimerAction<T extends TimerState>(timer: T, input: TimerActionInput, now: Date): T {
  const action: TimerAction = typeof input === 'string' ? { type: input } : input;
  if (!canApplyTimerAction(timer, action.type, now)) {
    const reason = TRANSITIONS[action.type].includes(timer.state) ? 'time_not_up' : 'state';
    throw new AppError('session.invalid_transition', invalidTransitionMessage(timer.state, action.type), {
      details: { from: timer.state, action: action.type, reason },
    });
  }
  return { ...timer, ...nextTimerFields(timer, action, now) };
}

function nextTimerFields(timer: TimerState, action: TimerAction, now: Date): Partial<TimerState> {
  switch (action.type) {
    case 'start':
      return { ...clearedTime(), state: 'active', activeSince: now, startedAt: now };
    case 'pause':
      return {
        state: 'paused',
        accumulatedMs: elapsedMs(timer, now),
        activeSince: null,
        ...pauseFacts(timer, now),
      };
    case 'resume':
      return { state: 'active', activeSince: now };
    case 'complete':
      return {
        state: 'completed',
        accumulatedMs: elapsedMs(timer, now),
        activeSince: null,
        endedAt: now,
        ...countFocus(timer, now),
      };
    case 'skip':
      return { state: 'skipped', activeSince: null, endedAt: now, skipReason: skipReasonOf(action.reason) };
    case 'replan':
    case 'reset':
      return { ...clearedTime(), state: 'planned' };
    case 'undo':
      return undoneFields(timer);
    case 'keepGoing':
      return { extensionSeconds: extendedTarget(timer, action.minutes, now) - timer.plannedMinutes * 60 };
    case 'log':
      return loggedFields(timer, action, now);
    case 'editMinutes':
      return countedMinutes(timer, wholeMinutes(action.minutes, 1, maxCountableMinutes(timer)));
  }
}

/** Counts the pause and, the first time, remembers how much focus came before it. */
function pauseFacts(timer: TimerState, now: Date): Pick<TimerState, 'pauseCount' | 'firstPauseFocusSeconds'> {
  return {
    pauseCount: timer.pauseCount + 1,
    firstPauseFocusSeconds: timer.firstPauseFocusSeconds ?? Math.floor(elapsedMs(timer, now) / 1000),
  };
}

/** Undo gives the person their elapsed time back, paused, to continue or complete again. */
function undoneFields(timer: TimerState): Partial<TimerState> {
  // A logged session never ran, so there is no time to return to: it goes back to planned.
  if (timer.loggedAfterwards) return { ...clearedTime(), state: 'planned' };
  return { state: 'paused', endedAt: null, focusSeconds: null, overtimeSeconds: null, isFlagged: false };
}

/** "Keep going N min" counts from now, not from the original target, so the person gets N more minutes. */
function extendedTarget(timer: TimerState, minutes: number, now: Date): number {
  const extra = wholeMinutes(minutes, 1, MAX_KEEP_GOING_MINUTES) * 60;
  const target = Math.max(targetSeconds(timer), Math.floor(elapsedMs(timer, now) / 1000)) + extra;
  if (target > MAX_SESSION_MINUTES * 60) {
    const message = `A session can run for at most ${MAX_SESSION_MINUTES} minutes.`;
    throw new AppError('validation', message, { fields: { minutes: message } });
  }
  return target;
}

/**
 * Minutes only: the session counts them and stays without a start. With its real start and end
 * (checked against the day by the caller, see logged-times.ts) it keeps them, and its focus is the
 * time between them unless fewer minutes are given.
 */
function loggedFields(
  timer: TimerState,
  action: Extract<TimerAction, { type: 'log' }>,
  now: Date,
): Partial<TimerState> {
  // A "Keep going" left over from a skipped run does not widen what may be logged.
  const plan = { ...timer, extensionSeconds: 0 };
  const max = maxCountableMinutes(plan);
  const { startedAt, endedAt } = action;
  if (!startedAt || !endedAt) {
    return {
      ...clearedTime(),
      state: 'completed',
      loggedAfterwards: true,
      endedAt: now,
      ...countedMinutes(plan, wholeMinutes(action.minutes ?? Number.NaN, 1, max)),
    };
  }
  const spanMinutes = Math.floor((endedAt.getTime() - startedAt.getTime()) / 60_000);
  if (action.minutes === undefined && spanMinutes > max) {
    const message = `From start to end is ${spanMinutes} minutes; this session counts at most ${max}. Give the minutes you focused.`;
    throw new AppError('validation', message, { fields: { minutes: message } });
  }
  if (spanMinutes < 1) {
    const message = 'Leave at least a minute between the start and the end.';
    throw new AppError('validation', message, { fields: { endedAt: message } });
  }
  if (action.minutes !== undefined && Number.isInteger(action.minutes) && action.minutes > spanMinutes) {
    const message = `Focus cannot be longer than the ${spanMinutes} minutes from start to end.`;
    throw new AppError('validation', message, { fields: { minutes: message } });
  }
  const counted = wholeMinutes(action.minutes ?? spanMinutes, 1, Math.min(max, spanMinutes));
  return {
    ...clearedTime(),
    state: 'completed',
    loggedAfterwards: true,
    startedAt,
    endedAt,
    ...countedMinutes(plan, counted),
  };
}

function countedMinutes(timer: TimerState, minutes: number): Partial<TimerState> {
  const focus = minutes * 60;
  return {
    focusSeconds: focus,
    overtimeSeconds: Math.max(0, focus - targetSeconds(timer)),
    isFlagged: false,
  };
}

function wholeMinutes(minutes: number, min: number, max: number): number {
  if (Number.isInteger(minutes) && minutes >= min && minutes <= max) return minutes;
  const message = `Enter whole minutes from ${min} to ${max}.`;
  throw new AppError('validation', message, { fields: { minutes: message } });
}

function skipReasonOf(reason: string | null | undefined): string | null {
  if (reason === undefined || reason === null) return null;
  const trimmed = parseField(SkipReason, 'reason', reason);
  return trimmed === '' ? null : trimmed;
}

function invalidTransitionMessage(state: SessionState, action: TimerActionType): string {
  if (action === 'keepGoing' && state === 'active') return 'You can keep going once the time is up.';
  return `This session is ${state} and cannot ${ACTION_VERBS[action]}.`;
}

const ACTION_VERBS: Record<TimerActionType, string> = {
  start: 'be started',
  pause: 'be paused',
  resume: 'be resumed',
  complete: 'be completed',
  skip: 'be skipped',
  replan: 'go back to planned',
  reset: 'be reset',
  undo: 'be undone',
  keepGoing: 'be extended',
  log: 'be logged',
  editMinutes: 'have its minutes edited',
};
